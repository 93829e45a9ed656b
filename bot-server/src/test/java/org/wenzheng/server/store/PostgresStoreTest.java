package org.wenzheng.server.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store suite on PostgreSQL, the production database: the server named by
 * {@code WENZHENG_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}), which
 * {@code .ci/run} starts. Each test gets an empty schema of its own, dropped after it. Without
 * the variable the suite is skipped on a developer's machine, but fails in CI ({@code CI=true}),
 * where skipping would hide that PostgreSQL was never tested.
 */
class PostgresStoreTest extends StoreTest {
    static final String URL_VARIABLE = "WENZHENG_TEST_POSTGRES_URL";
    private static final String URL = System.getenv(URL_VARIABLE);
    private static final String USER = System.getenv(URL_VARIABLE.replace("_URL", "_USER"));
    private static final String PASSWORD = System.getenv(URL_VARIABLE.replace("_URL", "_PASSWORD"));

    private String schema;

    /** Checked before each test rather than once, so that a developer's run reports each one as skipped. */
    @BeforeEach
    void createSchemaOnTheConfiguredServer() throws SQLException {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(URL_VARIABLE + " is not set: in CI the store tests must run on PostgreSQL (.ci/run sets it)");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: the PostgreSQL store tests are skipped");
        }
        schema = "wz_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE SCHEMA " + schema);
    }

    @Override
    DatabaseConfig config() {
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

    @Test
    void anUnreachableServerFailsAtOnceWithTheDriversExplanation() {
        DatabaseConfig nobody = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/wenzheng", USER, PASSWORD, 2,
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> Database.open(nobody))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot connect to the database jdbc:postgresql://127.0.0.1:1/wenzheng: ")
                .hasMessageContaining("refused");
    }

    @Test
    void aWrongPasswordFailsNamingTheUserButNotThePassword() {
        DatabaseConfig wrong = new DatabaseConfig(URL, USER, "not-the-password-42", 2, Duration.ofSeconds(2));

        assertThatThrownBy(() -> Database.open(wrong))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("password authentication failed")
                .hasMessageNotContaining("not-the-password-42");
    }
}
