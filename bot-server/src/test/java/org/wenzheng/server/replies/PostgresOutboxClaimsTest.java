package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.mail.MailConnector;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.testing.MovableClock;
import org.wenzheng.server.tickets.NoticePayload;

/** Two nodes' outbox relays over one PostgreSQL database, delivering to one real SMTP server. */
class PostgresOutboxClaimsTest {
    private static final String CODE = "WZ-20261126-0001";
    private static final Duration LEASE = Duration.ofMinutes(10);

    private String schema;
    private Database first;
    private Database second;
    private GreenMail greenMail;
    private RepliesConfig config;
    private final java.util.List<AutoCloseable> closing = new java.util.ArrayList<>();

    @BeforeEach
    void openTwoNodesOnOneDatabase() throws Exception {
        // Both relays and the insert: the same server; the test is skipped without one.
        schema = TestDatabases.createPostgresSchema();
        first = Database.open(TestDatabases.postgres(schema));
        second = Database.open(TestDatabases.postgres(schema));
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
        config = MailFixtures.config(smtp, imap);
        first.inTransaction(c -> {
            TestDatabases.insertTicket(c, CODE, "office", Clock.systemUTC().instant());
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        TestDatabases.dropPostgresSchema(schema);
    }

    private void queue(int count, Instant at) {
        first.inTransaction(c -> {
            for (int i = 0; i < count; i++) {
                String id = "n-" + i;
                TestDatabases.insertPending(c, id, CODE, "mail", "escalation",
                        NoticePayload.write(MailFixtures.escalation(id, CODE, MailFixtures.OFFICER)), at);
            }
            return null;
        });
    }

    private OutboxRelay relay(Database db, String node, Clock clock) {
        Connector mail = new MailConnector(config.mail().smtp(), clock, new ReplyTokenStore(db, clock));
        closing.add(mail);
        OutboxRelay relay = new OutboxRelay(new OutboxStore(db), Map.of("mail", mail), NoticePayload::read, config,
                new ClusterConfig(node, ClusterConfig.DEFAULT_LEADER_CHECK, LEASE), clock);
        closing.add(relay);
        return relay;
    }

    @Test
    void twoRelaysOverOneDatabaseSendEachOf200NoticesExactlyOnce() throws Exception {
        queue(200, Clock.systemUTC().instant());
        OutboxRelay one = relay(first, "node-1", Clock.systemUTC());
        OutboxRelay two = relay(second, "node-2", Clock.systemUTC());
        one.start();
        two.start();

        OutboxStore store = new OutboxStore(first);
        MailFixtures.await("every notice sent", Duration.ofSeconds(60), () -> store.counts().sent() == 200);
        one.close();
        two.close();

        MimeMessage[] received = greenMail.getReceivedMessages();
        Map<String, Long> copies = Arrays.stream(received).map(PostgresOutboxClaimsTest::messageId)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(copies).hasSize(200);
        assertThat(copies.values()).containsOnly(1L);
        assertThat(one.delivered() + two.delivered()).isEqualTo(200);
        // Both took part: the rows were shared, not handed to whichever started first.
        assertThat(one.delivered()).isPositive();
        assertThat(two.delivered()).isPositive();
    }

    @Test
    void aRowLockedByAClaimerThatDiesBeforeCommittingIsPassedOverThenSentOnceByTheOther() throws Exception {
        queue(3, Clock.systemUTC().instant());
        OutboxRelay other = relay(second, "node-2", Clock.systemUTC());
        int pid;
        try (Connection dying = DriverManager.getConnection(TestDatabases.postgres(schema).url(),
                TestDatabases.postgres(schema).user(), TestDatabases.postgres(schema).password())) {
            // node-1 mid-claim: the row locked and its claim written, not committed.
            dying.setAutoCommit(false);
            try (Statement st = dying.createStatement()) {
                try (ResultSet r = st.executeQuery("SELECT pg_backend_pid()")) {
                    r.next();
                    pid = r.getInt(1);
                }
                st.executeQuery("SELECT id FROM outbox WHERE id = 'n-0' FOR UPDATE").close();
                st.executeUpdate("UPDATE outbox SET claimed_by = 'node-1', claimed_until = now() + interval '1 day'"
                        + " WHERE id = 'n-0'");
            }

            assertThat(other.deliverDue()).as("the locked row passed over, not waited for").isEqualTo(2);
            assertThat(new OutboxStore(first).find("n-0").orElseThrow().status()).isEqualTo(OutboxStore.PENDING);
            // node-1 dies: its connection closes without a commit.
        }
        // PostgreSQL ends the session (rolling back, freeing the lock) a moment after the socket closed.
        MailFixtures.await("node-1's session ended", Duration.ofSeconds(10), () -> !sessionAlive(pid));

        assertThat(other.deliverDue()).isEqualTo(1);
        assertThat(other.deliverDue()).isZero();
        assertThat(new OutboxStore(first).find("n-0").orElseThrow().claimedBy()).isEqualTo("node-2");
        assertThat(Arrays.stream(greenMail.getReceivedMessages()).map(PostgresOutboxClaimsTest::messageId))
                .hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void aRowClaimedByANodeThatDiedIsSentOnceByTheOtherWhenTheLeaseHasPassed() throws Exception {
        Instant start = Instant.parse("2026-11-26T02:00:00Z");
        MovableClock clock = new MovableClock(start);
        queue(1, start);
        // node-1 claims the row and dies before delivering it.
        assertThat(new OutboxStore(first).claimNext(start, "node-1", start.plus(LEASE))).isPresent();
        first.close();
        first = null;
        OutboxRelay other = relay(second, "node-2", clock);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(other.deliverDue()).as("within node-1's lease").isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        clock.set(start.plus(LEASE));
        assertThat(other.deliverDue()).isEqualTo(1);
        assertThat(other.deliverDue()).isZero();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        OutboxStore.Row sent = new OutboxStore(second).find("n-0").orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStore.SENT);
        assertThat(sent.claimedBy()).isEqualTo("node-2");
    }

    private boolean sessionAlive(int pid) {
        return second.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?")) {
                s.setInt(1, pid);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1) > 0;
                }
            }
        });
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
