package org.wenzheng.server.hotline;

import org.wenzheng.server.db.DatabaseConfig;

/** The call store suite on the embedded default: an SQLite file in a temporary data folder. */
class SqliteCallStoreTest extends CallStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
