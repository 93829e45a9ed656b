package org.wenzheng.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes competing for the same work on one PostgreSQL database (the server of
 * {@code WENZHENG_TEST_POSTGRES_URL}, skipped without it as the store tests are): each node is
 * a {@link Database} of its own and a {@link Leadership} over it.
 */
class PostgresLeadershipTest {
    private static final String URL = System.getenv(PostgresStoreTest.URL_VARIABLE);
    private static final String USER = System.getenv("WENZHENG_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("WENZHENG_TEST_POSTGRES_PASSWORD");
    private static final Duration CHECK = Duration.ofMillis(300);
    /** Generous against a loaded machine: a takeover takes one check once the holder's session is gone. */
    private static final Duration TAKEOVER = CHECK.multipliedBy(10);

    @TempDir
    Path work;

    private final List<String> schemas = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    /** Node ids of this run: the sessions of another run's nodes are never ended here. */
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeEach
    void requirePostgres() {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(PostgresStoreTest.URL_VARIABLE + " is not set: in CI the PostgreSQL tests must run");
            }
            Assumptions.abort(PostgresStoreTest.URL_VARIABLE + " is not set: the PostgreSQL tests are skipped");
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        for (String s : schemas) {
            execute("DROP SCHEMA " + s + " CASCADE");
        }
    }

    private String schema() throws SQLException {
        String s = "wz_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE SCHEMA " + s);
        schemas.add(s);
        return s;
    }

    private Leadership node(String schema, String name) {
        Database db = Database.open(new DatabaseConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema="
                + schema, USER, PASSWORD, 2, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT));
        closing.add(db);
        Leadership l = Leadership.of(db, new ClusterConfig(name + "-" + run, CHECK,
                ClusterConfig.DEFAULT_CLAIM_LEASE));
        closing.add(l);
        return l;
    }

    @Test
    void ofTwoNodesExactlyOneLeadsAndTheOtherTakesOverWhenTheLeadersSessionEnds() throws Exception {
        String schema = schema();
        Leadership a = node(schema, "node-a");
        Leadership b = node(schema, "node-b");
        Leadership.Singleton atA = a.singleton("deadlines");
        Leadership.Singleton atB = b.singleton("deadlines");

        a.start();
        b.start();

        assertThat(atA.leading()).isTrue();
        assertThat(atB.leading()).isFalse();
        assertThat(atB.awaitLeading(CHECK.multipliedBy(3))).as("a follower while the leader lives").isFalse();

        // node-a's machine is lost: PostgreSQL ends its session, and with it its locks.
        assertThat(terminateSessionOf(a)).isEqualTo(1);

        assertThat(atB.awaitLeading(TAKEOVER)).as("node-b takes over").isTrue();
        awaitNotLeading(atA);
        // node-a, reconnected, stays a follower: exactly one leads.
        assertThat(atA.awaitLeading(CHECK.multipliedBy(3))).isFalse();
        assertThat(atB.leading()).isTrue();
    }

    @Test
    void aNodeThatStopsHandsItsWorkOverAtTheNextCheck() throws Exception {
        String schema = schema();
        Leadership a = node(schema, "node-a");
        Leadership b = node(schema, "node-b");
        Leadership.Singleton atB = b.singleton("retention");
        a.singleton("retention");
        a.start();
        b.start();
        assertThat(atB.leading()).isFalse();

        a.close();

        assertThat(atB.awaitLeading(TAKEOVER)).isTrue();
    }

    @Test
    void eachPieceOfWorkIsLedOnItsOwnAndSchemasDoNotShareLocks() throws Exception {
        String schema = schema();
        Leadership a = node(schema, "node-a");
        Leadership b = node(schema, "node-b");
        Leadership elsewhere = node(schema(), "node-c");
        a.singleton("deadlines");
        a.start();
        b.start();
        elsewhere.start();

        assertThat(b.singleton("imap:hotline@wenzheng.local@127.0.0.1/INBOX").awaitLeading(TAKEOVER))
                .as("work nobody leads yet goes to the first node that asks").isTrue();
        assertThat(b.singleton("deadlines").leading()).isFalse();
        assertThat(elsewhere.singleton("deadlines").awaitLeading(TAKEOVER))
                .as("another installation, another schema: its own deadline watcher").isTrue();
    }

    @Test
    void aSecondNodeWithTheSameIdIsRefusedAtStart() throws Exception {
        String schema = schema();
        node(schema, "node-a").start();
        Leadership twin = node(schema, "node-a");

        assertThatThrownBy(twin::start)
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("another node with the node id 'node-a-" + run + "' is using the database")
                .hasMessageContaining("cluster.nodeId");
    }

    @Test
    void onTheEmbeddedDatabaseEveryPieceOfWorkIsLedWithoutASession() {
        try (Database db = Database.open(DatabaseConfig.defaults(work));
                Leadership alone = Leadership.of(db, ClusterConfig.node("single"))) {
            alone.start();

            assertThat(alone.singleton("deadlines").leading()).isTrue();
        }
    }

    private static void awaitNotLeading(Leadership.Singleton s) throws InterruptedException {
        long end = System.nanoTime() + TAKEOVER.toNanos();
        while (s.leading()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(s + " still leads after its session ended");
            }
            Thread.sleep(20);
        }
    }

    /** Ends the leadership session of a node from outside, as PostgreSQL does when the node's machine is lost. */
    private static int terminateSessionOf(Leadership node) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = ?")) {
            s.setString(1, "wenzheng " + node.cluster().nodeId() + " leadership");
            int ended = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ended += r.getBoolean(1) ? 1 : 0;
                }
            }
            return ended;
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
