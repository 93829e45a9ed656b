package org.wenzheng.server.satisfaction;

import org.wenzheng.server.db.DatabaseConfig;

/** Ratings and call-backs on the embedded default: an SQLite file in a temporary data folder. */
class SqliteSatisfactionStoreTest extends SatisfactionStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
