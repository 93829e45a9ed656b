package org.wenzheng.server.replies;

import org.wenzheng.server.db.DatabaseConfig;

/** The mail bridge's SQL on the embedded default, an SQLite file. */
class SqliteRepliesStoreTest extends RepliesStoreTest {
    @Override
    DatabaseConfig config() {
        return TestDatabases.embedded(work);
    }

    @Override
    void drop() {
        // The temporary folder goes with the test.
    }
}
