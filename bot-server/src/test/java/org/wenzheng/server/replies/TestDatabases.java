package org.wenzheng.server.replies;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.db.SqlTimes;

/**
 * The databases the mail bridge's store tests run on: an SQLite file in a temporary folder, and
 * PostgreSQL when {@code WENZHENG_TEST_POSTGRES_URL} is set (required in CI), in a schema of its own.
 */
final class TestDatabases {
    static final String URL_VARIABLE = "WENZHENG_TEST_POSTGRES_URL";
    private static final String URL = System.getenv(URL_VARIABLE);
    private static final String USER = System.getenv("WENZHENG_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("WENZHENG_TEST_POSTGRES_PASSWORD");

    private TestDatabases() {
    }

    static DatabaseConfig embedded(Path folder) {
        return DatabaseConfig.defaults(folder.resolve("data"));
    }

    /** A fresh schema on the configured PostgreSQL; the test is skipped without one (failed in CI). */
    static String createPostgresSchema() throws SQLException {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(URL_VARIABLE + " is not set: in CI the store tests must run on"
                        + " PostgreSQL");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: the PostgreSQL tests are skipped");
        }
        String schema = "wz_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static DatabaseConfig postgres(String schema) {
        return new DatabaseConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD,
                DatabaseConfig.DEFAULT_MAX_POOL_SIZE, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    static void dropPostgresSchema(String schema) throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A minimal open ticket row, as the tickets side would write it. */
    static void insertTicket(Connection c, String code, String department, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                + " channel, question, question_key, department, candidates, contact_consent, created_at,"
                + " clock_started_on, deadline, extension_days, version)"
                + " VALUES (?, ?, 'consultation', 'open', 'web', ?, ?, ?, '[]', FALSE, ?, ?, ?, 0, 0)")) {
            s.setString(1, code);
            s.setString(2, "0".repeat(64));
            s.setString(3, "问题 " + code);
            s.setString(4, "问题 " + code);
            s.setString(5, department);
            SqlTimes.set(s, 6, now);
            s.setObject(7, LocalDate.of(2026, 11, 26));
            s.setObject(8, LocalDate.of(2026, 12, 1));
            s.executeUpdate();
        }
    }

    /** A pending outbox row due now, as the tickets side writes it with a ticket change. */
    static void insertPending(Connection c, String id, String ticketCode, String connector, String kind,
            String payload, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (id, ticket_code, connector, kind, payload,"
                + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, ticketCode);
            s.setString(3, connector);
            s.setString(4, kind);
            s.setString(5, payload);
            SqlTimes.set(s, 6, now);
            SqlTimes.set(s, 7, now);
            s.executeUpdate();
        }
    }
}
