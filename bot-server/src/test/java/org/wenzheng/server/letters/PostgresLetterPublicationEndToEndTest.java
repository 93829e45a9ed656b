package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * 信件公开 on PostgreSQL ({@code WENZHENG_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}), in a
 * schema of its own; skipped without the variable except in CI, where it fails.
 */
class PostgresLetterPublicationEndToEndTest extends LetterPublicationEndToEndTest {
    private static final String URL = System.getenv("WENZHENG_TEST_POSTGRES_URL");
    private static final String USER = System.getenv("WENZHENG_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("WENZHENG_TEST_POSTGRES_PASSWORD");

    private String schema;

    @Override
    DatabaseConfig database(AppConfig app) throws Exception {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("WENZHENG_TEST_POSTGRES_URL is not set: in CI the store tests must run on PostgreSQL");
            }
            Assumptions.abort("WENZHENG_TEST_POSTGRES_URL is not set: the PostgreSQL tests are skipped");
        }
        schema = "wz_publish_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute("CREATE SCHEMA " + schema);
        return new DatabaseConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD,
                DatabaseConfig.DEFAULT_MAX_POOL_SIZE, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
