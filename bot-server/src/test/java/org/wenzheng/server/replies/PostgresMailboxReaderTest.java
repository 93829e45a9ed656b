package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * Two nodes' mailbox readers on one PostgreSQL database and one IMAP mailbox (GreenMail): one
 * reads, and the other takes over when the first one's session with the database ends.
 */
class PostgresMailboxReaderTest {
    private static final String ANSWER = "可以补缴。请携带身份证到参保地社保经办机构办理，当场受理。";
    private static final Duration CHECK = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private String schema;
    private GreenMail greenMail;
    private int smtp;
    private int imap;
    private Bridge one;
    private Bridge two;
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeEach
    void start() throws Exception {
        schema = TestDatabases.createPostgresSchema();
        smtp = MailFixtures.freePort();
        imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
    }

    @AfterEach
    void stop() throws Exception {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        TestDatabases.dropPostgresSchema(schema);
    }

    private Bridge node(String name, AtomicInteger read) {
        DatabaseConfig db = TestDatabases.postgres(schema);
        return new Bridge(work.resolve(name), db, MailFixtures.config(smtp, imap), new InboundProcessor.Hooks() {
            @Override
            public void afterCommit(MailInbox.FetchedMail mail) {
                read.incrementAndGet();
            }
        }, Clock.systemUTC(), new ClusterConfig(name + "-" + run, CHECK, ClusterConfig.DEFAULT_CLAIM_LEASE));
    }

    @Test
    void oneNodeReadsTheMailboxAndTheOtherTakesOverWhenItsSessionEnds() throws Exception {
        AtomicInteger readByOne = new AtomicInteger();
        AtomicInteger readByTwo = new AtomicInteger();
        one = node("node-1", readByOne);
        two = node("node-2", readByTwo);
        String first = one.escalate("社保断缴了三个月，还能补缴吗？");
        String second = one.escalate("居住证到期了怎么续签？");
        one.processor.start();
        two.processor.start();

        reply(first, "reply-1@officer.example");
        MailFixtures.await("the first answer", WAIT, () -> ANSWER.equals(one.answerOf(first)));
        assertThat(readByOne).hasValue(1);
        assertThat(readByTwo).as("node-2 does not read the mailbox node-1 reads").hasValue(0);

        // node-1's machine is lost: PostgreSQL ends its session and frees its locks.
        endLeadershipSessionOf("node-1-" + run);
        Readers reader = new Readers(one, two);
        MailFixtures.await("node-2 reads the mailbox", WAIT, reader::twoLeads);
        MailFixtures.await("node-1 knows it no longer does", WAIT, reader::oneFollows);

        reply(second, "reply-2@officer.example");
        MailFixtures.await("the second answer", WAIT, () -> ANSWER.equals(two.answerOf(second)));
        assertThat(readByTwo).hasValue(1);
        assertThat(readByOne).as("node-1, a follower now, read nothing more").hasValue(1);
    }

    /** The two nodes' view of the mailbox's reader. */
    private record Readers(Bridge one, Bridge two) {
        boolean twoLeads() {
            return two.leadership.singleton("imap:" + two.config.mailboxKey()).leading();
        }

        boolean oneFollows() {
            return !one.leadership.singleton("imap:" + one.config.mailboxKey()).leading();
        }
    }

    private void reply(String code, String messageId) throws Exception {
        MimeMessage m = Bridge.reply(smtp, MailFixtures.OFFICER, one.replyAddressOf(code), "Re: 问政转办", ANSWER,
                messageId);
        m.setHeader("In-Reply-To", "<" + one.threadOf(code) + ">");
        int before = greenMail.getReceivedMessages().length;
        Transport.send(m);
        assertThat(greenMail.waitForIncomingEmail(5000, before + 1)).isTrue();
    }

    private static void endLeadershipSessionOf(String node) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getenv(TestDatabases.URL_VARIABLE),
                System.getenv("WENZHENG_TEST_POSTGRES_USER"), System.getenv("WENZHENG_TEST_POSTGRES_PASSWORD"));
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = ?")) {
            s.setString(1, "wenzheng " + node + " leadership");
            s.executeQuery().close();
        }
    }
}
