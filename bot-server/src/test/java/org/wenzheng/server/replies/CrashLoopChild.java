package org.wenzheng.server.replies;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;


/**
 * The writer of the crash loop ({@link CrashLoopTest}): a process doing what a busy server does
 * to its database, from several threads at once, until it is killed. Each line it prints is an
 * acknowledgement, printed only after the commit it names has returned:
 * <ul>
 *   <li>{@code T <code>}: a ticket created (ticket, events, escalation notice in the outbox);</li>
 *   <li>{@code S <code>}: a ticket answered by an officer in /admin;</li>
 *   <li>{@code A <uid> <code>}: an officer's mail processed as the answer of a ticket, in one
 *       transaction with its de-duplication row and the mailbox checkpoint moved to its UID;</li>
 *   <li>{@code M <conversation> <seq>}: a citizen's question stored in a conversation.</li>
 * </ul>
 * A restarted child carries on where the database says the last one stopped (the checkpoint, the
 * open tickets), as a restarted server does.
 */
final class CrashLoopChild {
    static final String WORK = "WZ_CRASH_WORK";
    static final String RUN = "WZ_CRASH_RUN";
    static final String MAILBOX = "crash-loop:INBOX";
    static final long UID_VALIDITY = 1;
    static final String READY = "ready";

    private CrashLoopChild() {
    }

    /** Starts a child on the SQLite database of this work folder; its lines are read from the process. */
    static Process start(Path work, int run) throws IOException {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashLoopChild.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().put(WORK, work.toString());
        b.environment().put(RUN, String.valueOf(run));
        return b.start();
    }

    /** The Message-ID of the officer's mail with this UID. */
    static String messageId(long uid) {
        return "crash-" + uid + "@officer.example";
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getenv(WORK));
        int run = Integer.parseInt(System.getenv(RUN));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        Database db = Database.open(TestDatabases.embedded(work));
        KnowledgeBase knowledge = Bridge.knowledge(work);
        ConversationStore conversations = new ConversationStore(db, clock);
        TicketService tickets = new TicketService(db, TicketsConfig.defaults(List.of(Bridge.OFFICE), "office"),
                DeadlineRules.defaults(WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"),
                        "config/calendar.yaml")), knowledge, conversations, clock);
        InboundStore inbound = new InboundStore(db);
        ReplyIntake intake = new ReplyIntake(inbound, tickets, clock);
        // Durability, not authentication, is tested here: the mails are made up without notices, so
        // they carry no reply address and only the sender is checked.
        ReplyIntake.Sender officer = new ReplyIntake.Sender("mail", List.of(ReplyIntake.Sender.requiring(
                (ticket, r) -> tickets.mayAnswer(ticket.department(), r.from()), "not an officer")));

        BlockingQueue<String> toAnswerByMail = new LinkedBlockingQueue<>();
        BlockingQueue<String> toAnswerInAdmin = new LinkedBlockingQueue<>();
        for (String code : openTickets(db)) {
            (toAnswerByMail.size() <= toAnswerInAdmin.size() ? toAnswerByMail : toAnswerInAdmin).add(code);
        }

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                for (int n = 0; ; n++) {
                    String code = tickets.create(new NewTicket("第" + run + "轮第" + writer + "号窗口第" + n
                            + "个问题：居住证到期了怎么续签", "web", null, "consultation", null, null, false)).code();
                    out.println("T " + code);
                    (n % 2 == 0 ? toAnswerByMail : toAnswerInAdmin).add(code);
                }
            }, "tickets-" + w));
        }
        threads.add(new Thread(() -> {
            long uid = inbound.checkpoint(MAILBOX).uid();
            while (true) {
                String code = take(toAnswerByMail);
                long next = uid + 1;
                InboundReply reply = new InboundReply("imap:INBOX:" + UID_VALIDITY + ":" + next,
                        Optional.of(messageId(next)), Optional.empty(), List.of(), MailFixtures.OFFICER, List.of(),
                        List.of(), "Re: [" + code + "]", Optional.of(code), "第" + next + "封答复：请到政务服务中心办理。",
                        "第" + next + "封答复：请到政务服务中心办理。", Instant.now(), InboundReply.Kind.PERSON, "",
                        "fp-" + next, Optional.empty());
                TicketDesk.PreparedAnswer answer = intake.prepare(reply);
                ReplyIntake.Result r = db.inTransaction(c -> {
                    ReplyIntake.Result result = intake.process(c, ReplyIntake.mailKey(reply), reply, answer,
                            new byte[] {1}, officer);
                    inbound.saveCheckpoint(c, MAILBOX, UID_VALIDITY, next);
                    return result;
                });
                uid = next;
                out.println("A " + next + " " + code + " " + r.outcome());
            }
        }, "mail"));
        threads.add(new Thread(() -> {
            while (true) {
                String code = take(toAnswerInAdmin);
                tickets.answer(code, "您好，" + code + " 已办结。", "officer");
                out.println("S " + code);
            }
        }, "admin"));
        threads.add(new Thread(() -> {
            String session = null;
            for (int n = 0; ; n++) {
                Message m = conversations.appendOrStart(session, "web", NewMessage.citizen("第" + run + "轮第" + n
                        + "句：社保断缴了还能补缴吗"));
                session = n % 20 == 19 ? null : m.conversationId();
                out.println("M " + m.conversationId() + " " + m.seq());
            }
        }, "chat"));
        for (Thread t : threads) {
            // A failed writer ends the process: the parent sees it exit before it is killed.
            t.setUncaughtExceptionHandler((th, e) -> {
                e.printStackTrace(out);
                Runtime.getRuntime().halt(3);
            });
            t.start();
        }
        out.println(READY);
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String take(BlockingQueue<String> queue) {
        try {
            String code = queue.poll(30, TimeUnit.SECONDS);
            if (code == null) {
                throw new IllegalStateException("no ticket to answer for 30 s");
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> openTickets(Database db) {
        return db.inTransaction(c -> {
            List<String> codes = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT code FROM tickets WHERE status = 'open'"
                    + " ORDER BY created_at, code"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    codes.add(r.getString(1));
                }
            }
            return codes;
        });
    }

    /** The database of a work folder, as the child opens it. */
    static DatabaseConfig database(Path work) {
        return TestDatabases.embedded(work);
    }
}
