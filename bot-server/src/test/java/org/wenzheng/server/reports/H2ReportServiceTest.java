package org.wenzheng.server.reports;

import org.wenzheng.server.store.DatabaseConfig;

/** The report on the embedded default: an H2 file in a temporary data folder. */
class H2ReportServiceTest extends ReportServiceTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
