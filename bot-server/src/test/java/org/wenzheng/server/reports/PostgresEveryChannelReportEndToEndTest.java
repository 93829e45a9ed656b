package org.wenzheng.server.reports;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * Every channel's report on PostgreSQL: the server named by {@code WENZHENG_TEST_POSTGRES_URL}
 * (with {@code _USER} and {@code _PASSWORD}), a fresh schema, dropped after the test. Skipped
 * without the variable on a developer's machine, failing in CI ({@code CI=true}).
 */
class PostgresEveryChannelReportEndToEndTest extends EveryChannelReportEndToEndTest {
    private static final String URL = System.getenv("WENZHENG_TEST_POSTGRES_URL");
    private static final String USER = System.getenv("WENZHENG_TEST_POSTGRES_USER");
    private static final String PASSWORD = System.getenv("WENZHENG_TEST_POSTGRES_PASSWORD");

    private String schema;

    @Override
    DatabaseConfig database(AppConfig app) {
        if (URL == null || URL.isBlank()) {
            if ("true".equals(System.getenv("CI"))) {
                fail("WENZHENG_TEST_POSTGRES_URL is not set: in CI the report tests must run on PostgreSQL");
            }
            Assumptions.abort("WENZHENG_TEST_POSTGRES_URL is not set: the PostgreSQL report test is skipped");
        }
        schema = "wz_report_e2e_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            ReportServiceTest.run(c, "CREATE SCHEMA " + schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test schema on " + URL, e);
        }
        return new DatabaseConfig(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD,
                DatabaseConfig.DEFAULT_MAX_POOL_SIZE, DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
                ReportServiceTest.run(c, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
