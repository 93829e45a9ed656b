package org.wenzheng.server.reports;

import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.db.DatabaseConfig;

/** Every channel's report on the embedded default: SQLite in the test's data folder. */
class SqliteEveryChannelReportEndToEndTest extends EveryChannelReportEndToEndTest {
    @Override
    DatabaseConfig database(AppConfig app) {
        return app.database();
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
