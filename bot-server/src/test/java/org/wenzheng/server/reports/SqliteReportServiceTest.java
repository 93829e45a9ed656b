package org.wenzheng.server.reports;

import org.wenzheng.server.db.DatabaseConfig;

/** The report on the embedded default: an SQLite file in a temporary data folder. */
class SqliteReportServiceTest extends ReportServiceTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
