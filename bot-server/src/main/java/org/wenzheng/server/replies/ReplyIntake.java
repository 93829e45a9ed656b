package org.wenzheng.server.replies;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.ReplyAddresses;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.replies.InboundStore.Outcome;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.tickets.TicketPushes;

/**
 * The one path every reply from outside takes, an officer's mail or another ticket system's
 * callback: de-duplicated, classified, matched to its ticket, checked, then recorded as the answer
 * or held for an administrator. All of it in the caller's transaction, so that the answer, the
 * de-duplication row and (for mail) the checkpoint commit together or not at all.
 */
final class ReplyIntake {
    private final InboundStore store;
    private final TicketDesk desk;
    private final Clock clock;

    ReplyIntake(InboundStore store, TicketDesk desk, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Who may answer a ticket through this channel, and how the answer is recorded: the matcher
     * that decides, apart from {@link #process}, which acts.
     *
     * @param via    how it came: mail, webhook
     * @param checks what the reply must pass, in order; the first refusal is the reason it is held
     */
    record Sender(String via, List<Check> checks) {
        Sender {
            Objects.requireNonNull(via, "via");
            checks = List.copyOf(checks);
        }

        /** One thing a reply must satisfy to answer a ticket. */
        @FunctionalInterface
        interface Check {
            /** Why this reply may not answer this ticket (in the caller's transaction); empty when it may. */
            Optional<String> refusal(Connection c, TicketDesk.TicketRef ticket, InboundReply reply) throws SQLException;
        }

        /** A check of what the reply says: refused with {@code why} unless it holds. */
        static Check requiring(BiPredicate<TicketDesk.TicketRef, InboundReply> holds, String why) {
            return (c, ticket, reply) -> holds.test(ticket, reply) ? Optional.empty() : Optional.of(why);
        }

        /**
         * An officer's mail: the sender must be an officer or the supervisor of the ticket's
         * department, the mail addressed to a reply address of that ticket (it answers a notice
         * the officer received, not a forged From), and, where the office's server stamps them,
         * its Authentication-Results must vouch for the sender's domain.
         */
        static Sender officerMail(TicketDesk desk, ReplyAddresses addresses, ReplyTokenStore tokens,
                MailAuthentication authentication) {
            return new Sender("mail", List.of(
                    requiring((ticket, reply) -> desk.mayAnswer(ticket.department(), reply.from()),
                            "the sender is not an officer or the supervisor of the ticket's department"),
                    (c, ticket, reply) -> addressedToTicket(c, ticket, reply, addresses, tokens),
                    (c, ticket, reply) -> authentication.refusal(reply)));
        }

        private static Optional<String> addressedToTicket(Connection c, TicketDesk.TicketRef ticket, InboundReply reply,
                ReplyAddresses addresses, ReplyTokenStore tokens) throws SQLException {
            List<String> found = addresses.tokensIn(reply.recipients());
            Set<String> tickets = found.isEmpty() ? Set.of() : tokens.ticketsOf(c, found);
            if (tickets.contains(ticket.code())) {
                return Optional.empty();
            }
            if (!tickets.isEmpty()) {
                return Optional.of("the mail is addressed to the reply address of " + String.join(", ", tickets)
                        + ", not of this ticket");
            }
            return Optional.of("the mail is not addressed to a reply address of the ticket (" + (found.isEmpty()
                    ? "no +token address among To, Cc, Delivered-To, X-Original-To" : "unknown token")
                    + "): only a reply to the ticket's own mail answers it");
        }
    }

    /**
     * What processing did.
     *
     * @param outcome    what became of it (the value stored in inbound_seen)
     * @param seenBefore true when the key had been processed already: nothing else changed
     * @param ticketCode the ticket it was matched to, if any
     * @param pushes     chats to push the answer to once the transaction has committed
     */
    record Result(Outcome outcome, boolean seenBefore, Optional<String> ticketCode, List<TicketDesk.Push> pushes) {
    }

    /** What the reply's answer cites, read before {@link #process}'s transaction (it searches the knowledge base). */
    TicketDesk.PreparedAnswer prepare(InboundReply reply) {
        if (reply.kind() != InboundReply.Kind.PERSON) {
            // Never recorded as an answer (ignored, or held until a person releases it and the
            // release prepares it then): no search for a bounce or an automatic reply.
            return new TicketDesk.PreparedAnswer(reply.answer(), List.of());
        }
        return desk.prepare(reply.answer());
    }

    /**
     * Processes one reply in the caller's transaction.
     *
     * @param dedupKey the message's identity (see {@link #mailKey})
     * @param answer   the reply's answer, {@link #prepare prepared} before the transaction
     * @param raw      the message as received, kept whole when it is held
     */
    Result process(Connection c, String dedupKey, InboundReply reply, TicketDesk.PreparedAnswer answer, byte[] raw,
            Sender sender) throws SQLException {
        var now = clock.instant();
        String key = fit(dedupKey);
        // Claimed first with a provisional outcome: a concurrent duplicate waits on this row.
        if (!store.claim(c, key, reply.source(), Outcome.DEAD_LETTER, reply.ticketCode(), now)) {
            return new Result(Outcome.DUPLICATE_ANSWER, true, Optional.empty(), List.of());
        }
        if (reply.kind() == InboundReply.Kind.AUTO_REPLY || reply.kind() == InboundReply.Kind.BOUNCE) {
            // Never an answer, never answered: an auto-reply answered automatically is how mail loops start.
            Outcome o = reply.kind() == InboundReply.Kind.BOUNCE ? Outcome.IGNORED_BOUNCE : Outcome.IGNORED_AUTO_REPLY;
            store.settle(c, key, o, Optional.empty());
            return new Result(o, false, Optional.empty(), List.of());
        }
        Optional<TicketDesk.TicketRef> ticket = desk.findForReply(c, referencedNewestFirst(reply), reply.ticketCode());
        if (ticket.isEmpty()) {
            return quarantine(c, key, reply, raw, "no ticket matches (no known In-Reply-To/References, no ticket code"
                    + " in the subject)", Optional.empty());
        }
        String code = ticket.get().code();
        for (Sender.Check check : sender.checks()) {
            Optional<String> refused = check.refusal(c, ticket.get(), reply);
            if (refused.isPresent()) {
                return quarantine(c, key, reply, raw, refused.get() + " (" + ticket.get().department() + ", ticket "
                        + code + ")", Optional.of(code));
            }
        }
        if (reply.kind() == InboundReply.Kind.POSSIBLE_AUTO_REPLY) {
            // Perhaps an officer's answer, perhaps a vacation notice: published only if a person says so.
            return quarantine(c, key, reply, raw, "it may be an automatic reply, not an answer (" + reply.kindReason()
                    + "); held until an administrator releases it", Optional.of(code));
        }
        if (reply.answer().isBlank()) {
            return quarantine(c, key, reply, raw, "the reply has no new text (only quotes or a signature)",
                    Optional.of(code));
        }
        // What the reader left out (a large mail's attachments) stays in the ticket's history.
        String via = sender.via() + reply.note().map(n -> "; " + n).orElse("");
        TicketDesk.AnswerOutcome answered = desk.recordAnswer(c, code, answer,
                reply.from().isEmpty() ? reply.source() : reply.from(), via, reply.receivedAt());
        Outcome o = answered.recorded() ? Outcome.ANSWERED : Outcome.DUPLICATE_ANSWER;
        store.settle(c, key, o, Optional.of(code));
        return new Result(o, false, Optional.of(code), answered.pushes());
    }

    private Result quarantine(Connection c, String key, InboundReply reply, byte[] raw, String why,
            Optional<String> code) throws SQLException {
        String detail = why + reply.note().map(n -> "; " + n).orElse("");
        store.hold(c, InboundStore.QUARANTINE, detail, reply.source(), reply.from(), reply.subject(), code, raw,
                clock.instant());
        store.settle(c, key, Outcome.QUARANTINED, code);
        return new Result(Outcome.QUARANTINED, false, code, List.of());
    }

    /** In-Reply-To first, then References newest first, each once. */
    static List<String> referencedNewestFirst(InboundReply reply) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        reply.inReplyTo().map(OutboxStore::bare).filter(s -> !s.isEmpty()).ifPresent(ids::add);
        List<String> refs = new ArrayList<>(reply.references());
        for (int i = refs.size() - 1; i >= 0; i--) {
            String r = OutboxStore.bare(refs.get(i));
            if (!r.isEmpty()) {
                ids.add(r);
            }
        }
        return List.copyOf(ids);
    }

    /** A mail's identity: its Message-ID, else the digest of the raw message. */
    static String mailKey(InboundReply reply) {
        return reply.messageId().map(OutboxStore::bare).filter(s -> !s.isEmpty()).map(id -> "mid:" + id)
                .orElse("fp:" + reply.fingerprint());
    }

    /** Keys longer than the column are replaced by their SHA-256 (still stable, still unique in practice). */
    static String fit(String key) {
        if (key.length() <= 255) {
            return key;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether a failure is a unique-key violation: a concurrent claim of the same key won. */
    static boolean duplicateKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && Dialect.isUniqueViolation(s)) {
                return true;
            }
        }
        return false;
    }

    /** Pushes committed answers to the citizens' open chats, as the chat page expects them. */
    static void push(ConversationHub hub, List<TicketDesk.Push> pushes) {
        TicketPushes.send(hub, pushes);
    }
}
