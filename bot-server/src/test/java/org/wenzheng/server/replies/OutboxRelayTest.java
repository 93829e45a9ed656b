package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.mail.MailConnector;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.tickets.NoticePayload;

/** The relay with the real mail connector, against real SMTP servers over sockets. */
class OutboxRelayTest {
    private static final String CODE = "WZ-20261126-0001";

    @TempDir
    Path work;

    private Database db;
    private OutboxStore outbox;
    private OutboxRelay relay;
    private Connector mail;
    private GreenMail greenMail;

    @BeforeEach
    void openDatabase() {
        db = Database.open(TestDatabases.embedded(work));
        outbox = new OutboxStore(db);
        db.inTransaction(c -> {
            TestDatabases.insertTicket(c, CODE, "office", Clock.systemUTC().instant());
            return null;
        });
    }

    @AfterEach
    void close() {
        if (relay != null) {
            relay.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        db.close();
    }

    private void queueEscalation(String id) {
        db.inTransaction(c -> {
            TestDatabases.insertPending(c, id, CODE, "mail", "escalation",
                    NoticePayload.write(MailFixtures.escalation(id, CODE, MailFixtures.OFFICER)),
                    Clock.systemUTC().instant());
            return null;
        });
    }

    private OutboxRelay relay(RepliesConfig config) {
        mail = new MailConnector(config.mail().smtp(), Clock.systemUTC(), new ReplyTokenStore(db, Clock.systemUTC()));
        return new OutboxRelay(outbox, Map.of("mail", mail), NoticePayload::read, config,
                org.wenzheng.server.db.ClusterConfig.node("node-1"), Clock.systemUTC());
    }

    @Test
    void smtpDownThenUpDeliversTheNoticeExactlyOnce() throws Exception {
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        relay = relay(MailFixtures.config(smtp, imap));
        queueEscalation("n-1");
        relay.start();

        MailFixtures.await("two failed attempts while SMTP is down", Duration.ofSeconds(10),
                () -> outbox.find("n-1").orElseThrow().attempts() >= 2);
        OutboxStore.Row failing = outbox.find("n-1").orElseThrow();
        assertThat(failing.status()).isEqualTo(OutboxStore.PENDING);
        assertThat(failing.lastError()).isNotBlank();

        greenMail = MailFixtures.greenMail(smtp, imap);
        MailFixtures.await("the notice sent once SMTP is up", Duration.ofSeconds(10),
                () -> outbox.find("n-1").orElseThrow().status().equals(OutboxStore.SENT));
        relay.wakeUp();
        Thread.sleep(500);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(MailFixtures.OFFICER);
        assertThat(received[0].getSubject()).contains(CODE);
        OutboxStore.Row sent = outbox.find("n-1").orElseThrow();
        assertThat(OutboxStore.bare(sent.deliveredId())).isEqualTo(OutboxStore.bare(received[0].getMessageID()));
        assertThat(threadOf(CODE)).isEqualTo(OutboxStore.bare(received[0].getMessageID()));
        assertThat(relay.delivered()).isEqualTo(1);
        relay.refreshCounts();
        assertThat(relay.pending()).isZero();
    }

    @Test
    void aNoticeClaimedWhenTheProcessDiedIsSentAtOnceAfterTheRestartOnTheEmbeddedDatabase() throws Exception {
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
        queueEscalation("n-5");
        // The process before the restart claimed it and was killed: its lease runs for another day.
        java.time.Instant now = Clock.systemUTC().instant();
        assertThat(outbox.claimNext(now, "before-the-restart", now.plus(Duration.ofDays(1)))).isPresent();

        relay = relay(MailFixtures.config(smtp, imap));
        relay.start();

        MailFixtures.await("the notice sent", Duration.ofSeconds(10),
                () -> outbox.find("n-5").orElseThrow().status().equals(OutboxStore.SENT));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aPermanentRefusalMarksTheRowFailedCountedAndNotRetried() throws Exception {
        try (MailFixtures.RefusingSmtp refusing = new MailFixtures.RefusingSmtp(
                "550 5.1.1 <officer@wenzheng.local>: Recipient address rejected: User unknown")) {
            relay = relay(MailFixtures.config(refusing.port(), MailFixtures.freePort()));
            queueEscalation("n-2");
            relay.start();

            MailFixtures.await("the row failed", Duration.ofSeconds(10),
                    () -> outbox.find("n-2").orElseThrow().status().equals(OutboxStore.FAILED));
            Thread.sleep(500);

            OutboxStore.Row failed = outbox.find("n-2").orElseThrow();
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).contains("550").contains("User unknown");
            assertThat(relay.permanentFailures()).isEqualTo(1);
            relay.refreshCounts();
            assertThat(relay.failed()).isEqualTo(1);
            assertThat(relay.pending()).isZero();
            assertThat(threadOf(CODE)).isNull();
        }
    }

    @Test
    void aRowNamingAnUnknownConnectorFailsPermanently() throws Exception {
        relay = relay(MailFixtures.config(MailFixtures.freePort(), MailFixtures.freePort()));
        db.inTransaction(c -> {
            TestDatabases.insertPending(c, "n-3", CODE, "fax", "escalation",
                    NoticePayload.write(MailFixtures.escalation("n-3", CODE, MailFixtures.OFFICER)),
                    Clock.systemUTC().instant());
            return null;
        });

        assertThat(relay.deliverDue()).isEqualTo(1);

        assertThat(outbox.find("n-3").orElseThrow().status()).isEqualTo(OutboxStore.FAILED);
        assertThat(outbox.find("n-3").orElseThrow().lastError()).contains("no connector named 'fax'");
    }

    @Test
    void aRefusalNamingTheCitizensAddressIsLoggedMaskedAndKeptWholeInTheRow() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                OutboxRelay.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (MailFixtures.RefusingSmtp refusing = new MailFixtures.RefusingSmtp(
                "550 5.1.1 <zhang.san@example.com>: Recipient address rejected: User unknown")) {
            relay = relay(MailFixtures.config(refusing.port(), MailFixtures.freePort()));
            queueEscalation("n-4");

            assertThat(relay.deliverDue()).isEqualTo(1);
        } finally {
            logger.detachAppender(lines);
        }

        assertThat(outbox.find("n-4").orElseThrow().lastError()).contains("zhang.san@example.com");
        assertThat(lines.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("failed permanently").contains("z***@example.com"))
                .noneSatisfy(m -> assertThat(m).contains("zhang.san@example.com"));
    }

    private String threadOf(String code) {
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
}
