package org.wenzheng.server.applications;

import org.wenzheng.server.db.DatabaseConfig;

/** The application store suite on the embedded default: an SQLite file in a temporary data folder. */
class SqliteApplicationStoreTest extends ApplicationStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
