package org.wenzheng.server.mailbridge;

import org.wenzheng.server.store.DatabaseConfig;

/** The mail bridge's SQL on the embedded default, an SQLite file. */
class SqliteMailBridgeStoreTest extends MailBridgeStoreTest {
    @Override
    DatabaseConfig config() {
        return TestDatabases.embedded(work);
    }

    @Override
    void drop() {
        // The temporary folder goes with the test.
    }
}
