package org.wenzheng.server.applications;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.db.PostgresStoreTest;

/**
 * The application store suite on PostgreSQL, in an empty schema of its own per test, as
 * {@link PostgresStoreTest}: skipped without {@code WENZHENG_TEST_POSTGRES_URL}, except in CI.
 */
class PostgresApplicationStoreTest extends ApplicationStoreTest {
    private static final String URL = System.getenv(PostgresStoreTest.URL_VARIABLE);
    private static final String USER = System.getenv(PostgresStoreTest.URL_VARIABLE.replace("_URL", "_USER"));
    private static final String PASSWORD = System.getenv(PostgresStoreTest.URL_VARIABLE.replace("_URL", "_PASSWORD"));

    private String schema;

    @Override
    DatabaseConfig config() {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(PostgresStoreTest.URL_VARIABLE + " is not set: in CI the store tests must run on PostgreSQL");
            }
            Assumptions.abort(PostgresStoreTest.URL_VARIABLE + " is not set: the PostgreSQL store tests are skipped");
        }
        if (schema == null) {
            schema = "wz_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            try {
                execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the test schema", e);
            }
        }
        return new DatabaseConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD,
                DatabaseConfig.DEFAULT_MAX_POOL_SIZE, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Override
    void dropDatabase() throws SQLException {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
