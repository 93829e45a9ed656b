package org.wenzheng.server.staff;

import org.wenzheng.server.db.DatabaseConfig;

/** The admin store suite on the embedded default: an SQLite file in a temporary data folder. */
class SqliteAdminStoreTest extends AdminStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
