package org.wenzheng.server.replies;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.connectors.mail.ImapMailInbox;
import org.wenzheng.connectors.mail.MailConnector;
import org.wenzheng.connectors.mail.ReplyAddresses;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.NoticePayload;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The whole mail bridge on real parts, without the HTTP server: an SQLite file database, the real
 * ticket desk over a two-document index, the real mail connector and IMAP inbox talking to a
 * GreenMail server over sockets. Used by the tests and by the crash tests' child process.
 */
final class Bridge implements AutoCloseable {
    static final Department OFFICE = new Department("office", "综合办公室", List.of(MailFixtures.OFFICER),
            List.of(MailFixtures.OFFICER), MailFixtures.SUPERVISOR, false, "mail", Department.Routing.NONE);
    static final Department PLATFORM = new Department("platform", "12345平台转办", List.of("platform@wenzheng.local"),
            List.of("platform@wenzheng.local"), MailFixtures.SUPERVISOR, false, "platform",
            new Department.Routing(List.of("热线平台"), List.of(), List.of()));

    final RepliesConfig config;
    final Database db;
    final KnowledgeBase knowledge;
    final TicketService tickets;
    final OutboxStore outbox;
    final InboundStore inbound;
    final ConversationHub hub = new ConversationHub();
    final ConversationStore conversations;
    final ReplyTokenStore replyTokens;
    final MailConnector mail;
    final OutboxRelay relay;
    final ReplyIntake intake;
    final Clock clock;
    private final ImapMailInbox inbox;
    final InboundProcessor processor;
    /** This bridge as a node: the mailbox is read only while it leads the mailbox's reader. */
    final Leadership leadership;

    Bridge(Path work, DatabaseConfig database, RepliesConfig config, InboundProcessor.Hooks hooks) {
        this(work, database, config, hooks, Clock.systemUTC());
    }

    /** @param clock the time of tickets, deadlines and the outbox (a test may move it) */
    Bridge(Path work, DatabaseConfig database, RepliesConfig config, InboundProcessor.Hooks hooks, Clock clock) {
        this(work, database, config, hooks, clock, ClusterConfig.node("bridge"));
    }

    /** @param node this bridge's node id and leadership timings (several bridges on one database) */
    Bridge(Path work, DatabaseConfig database, RepliesConfig config, InboundProcessor.Hooks hooks, Clock clock,
            ClusterConfig node) {
        this.clock = clock;
        this.config = config;
        this.db = Database.open(database);
        this.knowledge = knowledge(work);
        this.conversations = new ConversationStore(db, clock);
        this.tickets = new TicketService(db, TicketsConfig.defaults(List.of(OFFICE, PLATFORM), "office"),
                DeadlineRules.defaults(WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"),
                        "config/calendar.yaml")), knowledge, conversations, clock);
        this.outbox = new OutboxStore(db);
        this.inbound = new InboundStore(db);
        this.replyTokens = new ReplyTokenStore(db, clock);
        this.mail = new MailConnector(config.mail().smtp(), clock, replyTokens);
        this.relay = new OutboxRelay(outbox, java.util.Map.of("mail", mail), NoticePayload::read, config,
                node, clock);
        this.leadership = Leadership.of(db, node);
        leadership.start();
        this.intake = new ReplyIntake(inbound, tickets, clock);
        this.inbox = new ImapMailInbox(config.mail().imap(), clock, config.intake().maxMessageBytes());
        this.processor = new InboundProcessor(inbox, config, intake, ReplyIntake.Sender.officerMail(tickets,
                new ReplyAddresses(config.mail().smtp().fromAddress()), replyTokens,
                new MailAuthentication(config.intake().trustedAuthservId())), inbound, hub, clock, hooks,
                leadership.singleton("imap:" + config.mailboxKey()));
    }

    /** A ticket for a question, its escalation delivered to the officer; returns the code. */
    String escalate(String question) {
        String code = tickets.create(new NewTicket(question, "web", null, "consultation", null, null, false)).code();
        relay.deliverDue();
        return code;
    }

    /** The Message-ID (without brackets) of the escalation of a ticket. */
    String threadOf(String code) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT thread_id FROM tickets WHERE code = ?")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }

    /** The reply address of the ticket's latest notice to officers, as its Reply-To carried it. */
    String replyAddressOf(String code) {
        String token = db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT token FROM reply_tokens WHERE ticket_code = ? ORDER BY created_at DESC")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("no notice of " + code + " has gone out");
                    }
                    return r.getString(1);
                }
            }
        });
        return new ReplyAddresses(config.mail().smtp().fromAddress()).address(token);
    }

    /** The ticket's stored answer, or null. */
    String answerOf(String code) {
        return tickets.detail(code).ticket().answerText();
    }

    /** How many events of this kind the ticket has. */
    long events(String code, String kind) {
        return tickets.detail(code).events().stream().filter(e -> e.kind().equals(kind)).count();
    }

    int outboxRows() {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM outbox");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    @Override
    public void close() {
        processor.close();
        relay.close();
        mail.close();
        try {
            knowledge.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        leadership.close();
        db.close();
    }

    /**
     * A plain-text mail from one address to Wenzheng's mailbox (its plain address, or a notice's
     * reply address), ready to be sent (Transport.send) through the SMTP server on this port.
     *
     * @param messageId its fixed Message-ID (without brackets), or null for none at all
     */
    static MimeMessage reply(int smtpPort, String from, String to, String subject, String text, String messageId)
            throws MessagingException {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort));
        MimeMessage m = new MimeMessage(Session.getInstance(p)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Fixed, or none: what a mail sent twice, or a mail without Message-ID, looks like.
                if (messageId == null) {
                    removeHeader("Message-ID");
                } else {
                    setHeader("Message-ID", "<" + messageId + ">");
                }
            }
        };
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setText(text, StandardCharsets.UTF_8.name());
        return m;
    }

    /** A two-document index (built once per folder; reopened when it exists). */
    static KnowledgeBase knowledge(Path work) {
        try {
            Path docs = Files.createDirectories(work.resolve("docs"));
            Path doc = docs.resolve("信箱.md");
            if (!Files.exists(doc)) {
                Files.writeString(doc, """
                        ---
                        issuer: 示例市人民政府办公室
                        date: 2025-03-01
                        category: 政策文件
                        ---
                        # 主任信箱使用说明

                        市民可以通过主任信箱反映问题，工作人员在三个工作日内答复。
                        """);
            }
            KnowledgeConfig config = KnowledgeConfig.of(work.resolve("index"), List.of(docs), List.of(), null, null);
            if (!Files.isDirectory(work.resolve("index"))) {
                KnowledgeBases.index(config, p -> { }, false);
            }
            return KnowledgeBases.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
