package org.wenzheng.server.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.tickets.HeldReplies;
import org.wenzheng.server.tickets.TicketDesk;

/**
 * Held mail as the ticket desk reads it ({@link HeldReplies}), and the release of a held mail as a
 * ticket's answer, which the administrators' held-mail API and the desk's "accept" share.
 */
final class HeldMail implements HeldReplies {
    private final InboundStore inbound;
    private final TicketDesk desk;
    private final Function<byte[], InboundReply> parser;
    private final ConversationHub hub;
    private final Clock clock;

    /** @param parser reads a held mail's raw bytes (for its text and the answer in it) */
    HeldMail(InboundStore inbound, TicketDesk desk, Function<byte[], InboundReply> parser, ConversationHub hub,
            Clock clock) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, Integer> pendingCounts(Collection<String> codes) {
        Map<String, Integer> all = inbound.pendingCountsByTicket();
        return codes.stream().distinct().filter(all::containsKey).collect(Collectors.toMap(c -> c, all::get));
    }

    @Override
    public List<HeldReply> pendingFor(String code) {
        return inbound.pendingForTicket(code).stream().map(p -> {
            InboundReply r = parser.apply(p.raw());
            return new HeldReply(p.held().id(), p.held().sender(), p.held().subject(), p.held().receivedAt(),
                    p.held().detail(), r.fullText(), r.answer());
        }).toList();
    }

    @Override
    public Optional<TicketDesk.AnswerOutcome> accept(long id, String code, String by) {
        Optional<InboundStore.PendingMail> mail = inbound.pendingForTicket(code).stream()
                .filter(p -> p.held().id() == id).findFirst();
        if (mail.isEmpty()) {
            return Optional.empty();
        }
        String answer = parser.apply(mail.get().raw()).answer();
        if (answer.isBlank()) {
            throw ApiException.invalidField("answer",
                    "这封回复没有新写的内容（只有引用或签名），不能作为答复；请在答复框中填写答复");
        }
        return Optional.of(release(id, code, answer.strip(), by));
    }

    /**
     * Records a pending held mail as the answer of this ticket (its sender is not checked: the
     * person who releases it vouches), marks it released, and pushes the answer to open chats.
     * The answer is prepared (what it cites) before the write transaction, which checks again that
     * the mail is still pending.
     */
    /** A held mail still waiting for a decision, as a message names it (the admin page's 隔离邮件). */
    static final String PENDING_HELD = "待处理的隔离邮件";

    TicketDesk.AnswerOutcome release(long id, String code, String answer, String by) {
        Instant now = clock.instant();
        TicketDesk.PreparedAnswer prepared = desk.prepare(answer);
        TicketDesk.AnswerOutcome outcome = inbound.database().inTransaction(c -> {
            if (!inbound.lockPending(c, id)) {
                throw ApiException.notFound(InputText.noSuch(PENDING_HELD, id));
            }
            TicketDesk.TicketRef ticket = desk.findForReply(c, List.of(), Optional.of(code))
                    .orElseThrow(() -> ApiException.invalidField("ticket", "没有编号为 " + code + " 的工单"));
            TicketDesk.AnswerOutcome o = desk.recordAnswer(c, ticket.code(), prepared, by, "admin", now);
            inbound.resolve(c, id, InboundStore.RELEASED, by, now);
            return o;
        });
        ReplyIntake.push(hub, outcome.pushes());
        return outcome;
    }
}
