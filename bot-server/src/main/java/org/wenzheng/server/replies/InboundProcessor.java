package org.wenzheng.server.replies;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.connectors.mail.MailboxException;
import org.wenzheng.server.tickets.MailedLetters;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.privacy.PersonalDataMasker;
import org.wenzheng.server.replies.InboundStore.Outcome;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.db.StoreException;
import org.wenzheng.server.db.StoreUnavailableException;

/**
 * Reads Wenzheng's mailbox and turns officers' replies into answers, exactly once, across crashes.
 *
 * <p>Each mail is one transaction: its de-duplication row, its effect (the answer recorded, or the
 * mail ignored or quarantined) and the mailbox checkpoint (UIDVALIDITY + UID) commit together.
 * Only then is \Seen set and the answer pushed to the citizen's chat. So:
 * <ul>
 *   <li>a crash before the commit leaves nothing: the mail is read again after the checkpoint and
 *       processed then;
 *   <li>a crash after the commit, before \Seen: the checkpoint is past the mail, and were it read
 *       again (UIDVALIDITY changed: a new mail server, GreenMail restarted) its Message-ID (or the
 *       fingerprint of a mail without one) is in inbound_seen: skipped.
 * </ul>
 * A mail whose processing throws becomes a dead letter (kept whole for an administrator) in a
 * fresh transaction that also moves the checkpoint: nothing is lost and one bad mail does not
 * stop the others. When the database itself is unreachable nothing is written and the round is
 * retried. The mailbox being unreachable is logged once, then retried with backoff.
 *
 * <p>One reader per mailbox across the nodes of one database: it reads only while this node leads
 * the mailbox's {@link Leadership.Singleton} ({@code imap:<mailbox>}), checked before each round
 * and each mail. Were two nodes to read the same mail at once (a leader cut off from the database
 * for less than a leadership check), the mail's de-duplication row lets one transaction through.
 *
 * <p>One thread. It owns the inbox: {@link #close} closes it (ending an IDLE) and waits for the thread.
 */
final class InboundProcessor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Points in the processing of one mail, for tests that kill the process there. Production
     * passes {@link #NONE}.
     */
    public interface Hooks {
        Hooks NONE = new Hooks() {
        };

        /** Inside the mail's transaction, every statement done, before the commit. */
        default void beforeCommit(MailInbox.FetchedMail mail) {
        }

        /** After the commit, before \Seen is set. */
        default void afterCommit(MailInbox.FetchedMail mail) {
        }
    }

    private final MailInbox inbox;
    private final String mailbox;
    private final int batchSize;
    private final Duration idle;
    private final Backoff backoff;
    private final ReplyIntake intake;
    private final InboundStore store;
    private final ConversationHub hub;
    private final Clock clock;
    private final Hooks hooks;
    private final ReplyIntake.Sender sender;
    private final Leadership.Singleton reader;
    private final Optional<LetterMail> letters;
    private volatile boolean running;
    private Thread thread;

    InboundProcessor(MailInbox inbox, RepliesConfig config, ReplyIntake intake, ReplyIntake.Sender sender,
            InboundStore store, ConversationHub hub, Clock clock, Hooks hooks, Leadership.Singleton reader) {
        this(inbox, config, intake, sender, store, hub, clock, hooks, reader, Optional.empty());
    }

    /**
     * @param reader  leads the reading of the mailbox: it is read only while this node leads
     * @param letters letters by mail to the mailboxes' public addresses, when there are such
     */
    InboundProcessor(MailInbox inbox, RepliesConfig config, ReplyIntake intake, ReplyIntake.Sender sender,
            InboundStore store, ConversationHub hub, Clock clock, Hooks hooks, Leadership.Singleton reader,
            Optional<LetterMail> letters) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.letters = Objects.requireNonNull(letters, "letters");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.mailbox = config.mailboxKey();
        this.batchSize = config.fetchBatch();
        this.idle = config.idle();
        this.backoff = config.inboxBackoff();
        this.intake = Objects.requireNonNull(intake, "intake");
        this.store = Objects.requireNonNull(store, "store");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /** Starts the reader thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "wenzheng-inbound");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                if (!reader.awaitLeading(idle)) {
                    // Another node reads this mailbox.
                    continue;
                }
                int read = processOnce();
                if (failures > 0) {
                    log.info("mailbox {} readable again after {} failed attempt(s)", mailbox, failures);
                    failures = 0;
                }
                if (read < batchSize && running) {
                    inbox.awaitNewMail(idle);
                }
            } catch (MailboxException | StoreException e) {
                if (!running) {
                    break;
                }
                failures++;
                Duration wait = backoff.delay(failures, ThreadLocalRandom.current().nextDouble());
                if (failures == 1) {
                    log.warn("cannot process mailbox {}: {}; retrying with backoff (next in {} ms), logged once until"
                            + " it works again", mailbox, e.getMessage(), wait.toMillis());
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    break;
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (!running) {
                    // Closing: the inbox was closed under a read or a wait; nothing is lost, the checkpoint holds.
                    break;
                }
                // A bug, not an outage: logged every time, and the loop goes on after a pause.
                log.error("mailbox {}: unexpected failure", mailbox, e);
                try {
                    Thread.sleep(backoff.max().toMillis());
                } catch (InterruptedException ie) {
                    break;
                }
            }
        }
    }

    /**
     * One round: reads the mails after the checkpoint and processes each.
     *
     * @return how many mails were read
     */
    int processOnce() throws MailboxException {
        MailInbox.Checkpoint from = store.checkpoint(mailbox);
        MailInbox.Batch batch = inbox.fetch(from, batchSize);
        for (MailInbox.FetchedMail mail : batch.mails()) {
            if (!running && thread != null || !reader.leading()) {
                break;
            }
            process(mail);
        }
        return batch.mails().size();
    }

    private void process(MailInbox.FetchedMail mail) {
        String key = ReplyIntake.mailKey(mail.reply());
        ReplyIntake.Result result;
        if (mail.unreadable().isPresent()) {
            // Too large, and no text within the limit: kept for an administrator; the next mail follows.
            deadLetter(mail, key, mail.unreadable().get());
            result = new ReplyIntake.Result(Outcome.DEAD_LETTER, false, Optional.empty(), List.of());
        } else {
            Optional<Mailbox> box = letters.flatMap(l -> l.mailboxOf(mail.reply()));
            result = box.isPresent() ? processLetter(mail, key, letters.get(), box.get()) : processReadable(mail, key);
        }
        hooks.afterCommit(mail);
        if (!result.seenBefore()) {
            boolean ignored = result.outcome() == Outcome.IGNORED_AUTO_REPLY || result.outcome() == Outcome.IGNORED_BOUNCE;
            log.info("mail {} ({}): {}{}{}", mail.reply().source(), PersonalDataMasker.mask(mail.reply().from()),
                    result.outcome().id(), result.ticketCode().map(c -> " ticket " + c).orElse(""),
                    ignored ? " (" + PersonalDataMasker.mask(mail.reply().kindReason()) + ")" : "");
        }
        try {
            inbox.markSeen(mail.uidValidity(), mail.uid());
        } catch (MailboxException e) {
            // Already processed and checkpointed: \Seen is for the people looking at the mailbox.
            log.warn("mail {} processed but not marked \\Seen: {}", mail.reply().source(), e.getMessage());
        }
        ReplyIntake.push(hub, result.pushes());
    }

    /** The mail's transaction: its de-duplication row, its effect and the checkpoint; a failure makes it a dead letter. */
    private ReplyIntake.Result processReadable(MailInbox.FetchedMail mail, String key) {
        try {
            TicketDesk.PreparedAnswer answer = intake.prepare(mail.reply());
            return store.database().inTransaction(c -> {
                ReplyIntake.Result r = intake.process(c, key, mail.reply(), answer, mail.raw(), sender);
                store.saveCheckpoint(c, mailbox, mail.uidValidity(), mail.uid());
                hooks.beforeCommit(mail);
                return r;
            });
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("mail {} cannot be processed; kept as a dead letter", mail.reply().source(), e);
            deadLetter(mail, key, e.getClass().getSimpleName() + ": " + e.getMessage());
            return new ReplyIntake.Result(Outcome.DEAD_LETTER, false, Optional.empty(), List.of());
        }
    }

    /** Thrown in a letter's transaction when its mail was processed before: the letter is rolled back. */
    private static final class AlreadyProcessed extends RuntimeException {
        AlreadyProcessed() {
            super(null, null, false, false);
        }
    }

    /**
     * A citizen's mail to a mailbox's address: a letter, its ticket, its de-duplication row (the
     * mail's Message-ID) and the checkpoint in one transaction, then the acknowledgement; or, when
     * it may not be a letter, held with the reason, with its de-duplication row and the checkpoint.
     * A mail read again (after a crash, a new UIDVALIDITY) finds its key claimed: nothing is made
     * and nothing answered twice.
     */
    private ReplyIntake.Result processLetter(MailInbox.FetchedMail mail, String key, LetterMail letter, Mailbox box) {
        InboundReply reply = mail.reply();
        String k = ReplyIntake.fit(key);
        try {
            if (store.outcome(k).isPresent()) {
                return alreadyProcessed(mail);
            }
            Optional<String> refused = letter.refusal(reply, box);
            if (refused.isPresent()) {
                return store.database().inTransaction(c -> {
                    boolean fresh = store.claim(c, k, reply.source(), Outcome.QUARANTINED, Optional.empty(),
                            clock.instant());
                    if (fresh) {
                        store.hold(c, InboundStore.QUARANTINE, refused.get() + reply.note().map(n -> "; " + n)
                                .orElse(""), reply.source(), reply.from(), reply.subject(), Optional.empty(),
                                mail.raw(), clock.instant());
                    }
                    store.saveCheckpoint(c, mailbox, mail.uidValidity(), mail.uid());
                    hooks.beforeCommit(mail);
                    return new ReplyIntake.Result(Outcome.QUARANTINED, !fresh, Optional.empty(), List.of());
                });
            }
            MailedLetters.Accepted accepted;
            try {
                accepted = letter.letters().accept(letter.mail(reply, box), (c, code) -> {
                    if (!store.claim(c, k, reply.source(), Outcome.LETTER, Optional.of(code), clock.instant())) {
                        throw new AlreadyProcessed();
                    }
                    store.saveCheckpoint(c, mailbox, mail.uidValidity(), mail.uid());
                    hooks.beforeCommit(mail);
                });
            } catch (AlreadyProcessed e) {
                return alreadyProcessed(mail);
            }
            letter.acknowledge(reply, box, accepted);
            return new ReplyIntake.Result(Outcome.LETTER, false, Optional.of(accepted.code()), List.of());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("mail {} to {} cannot be processed; kept as a dead letter", reply.source(), box.id(), e);
            deadLetter(mail, key, e.getClass().getSimpleName() + ": " + e.getMessage());
            return new ReplyIntake.Result(Outcome.DEAD_LETTER, false, Optional.empty(), List.of());
        }
    }

    private ReplyIntake.Result alreadyProcessed(MailInbox.FetchedMail mail) {
        store.database().inTransaction(c -> {
            store.saveCheckpoint(c, mailbox, mail.uidValidity(), mail.uid());
            return null;
        });
        return new ReplyIntake.Result(Outcome.LETTER, true, Optional.empty(), List.of());
    }

    private void deadLetter(MailInbox.FetchedMail mail, String key, String detail) {
        store.database().inTransaction(c -> {
            if (store.claim(c, ReplyIntake.fit(key), mail.reply().source(), Outcome.DEAD_LETTER, Optional.empty(),
                    clock.instant())) {
                store.hold(c, InboundStore.DEAD_LETTER, detail, mail.reply().source(), mail.reply().from(),
                        mail.reply().subject(), mail.reply().ticketCode(), mail.raw(), clock.instant());
            }
            store.saveCheckpoint(c, mailbox, mail.uidValidity(), mail.uid());
            return null;
        });
    }

    /** Stops the thread: interrupts its wait (IDLE, backoff) and waits for it to finish its mail. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t == null) {
            inbox.close();
            return;
        }
        t.interrupt();
        // Closing the inbox ends an IDLE in progress, which an interrupt alone may not.
        inbox.close();
        try {
            t.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("the mailbox reader did not stop within {} s", JOIN_TIMEOUT.toSeconds());
        }
    }
}
