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
import java.util.Map;
import java.util.TreeMap;
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
public class PostgresStoreTest extends StoreTest {
    public static final String URL_VARIABLE = "WENZHENG_TEST_POSTGRES_URL";
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

    /**
     * The two schemas are the same tables with the same columns, each NOT NULL on both or on
     * neither: SQLite's baseline (V9) must create what PostgreSQL's V1 to V9 do, and every later
     * migration must be written for both.
     */
    @Test
    void theSqliteSchemaHasTheTablesAndColumnsOfThePostgresqlOne() throws Exception {
        Map<String, Boolean> postgres = new TreeMap<>();
        try (Database db = Database.open(config())) {
            db.inTransaction(c -> {
                try (PreparedStatement q = c.prepareStatement("SELECT table_name, column_name, is_nullable FROM"
                        + " information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history'")) {
                    q.setString(1, schema);
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            postgres.put(r.getString(1) + "." + r.getString(2), "YES".equals(r.getString(3)));
                        }
                    }
                }
                return null;
            });
        }
        Map<String, Boolean> sqlite = new TreeMap<>();
        Path folder = java.nio.file.Files.createTempDirectory("wz-parity");
        try (Database db = Database.open(DatabaseConfig.defaults(folder))) {
            db.inTransaction(c -> {
                List<String> tables = new ArrayList<>();
                try (Statement q = c.createStatement(); ResultSet r = q.executeQuery("SELECT name FROM sqlite_master"
                        + " WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                for (String table : tables) {
                    try (Statement q = c.createStatement(); ResultSet r = q.executeQuery("PRAGMA table_info(" + table
                            + ")")) {
                        while (r.next()) {
                            // An INTEGER PRIMARY KEY is never NULL, though SQLite does not say notnull.
                            boolean nullable = r.getInt("notnull") == 0 && r.getInt("pk") == 0;
                            sqlite.put(table + "." + r.getString("name"), nullable);
                        }
                    }
                }
                return null;
            });
        }
        assertThat(sqlite).isEqualTo(postgres);
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
