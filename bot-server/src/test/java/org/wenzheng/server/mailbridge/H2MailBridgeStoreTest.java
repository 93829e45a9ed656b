package org.wenzheng.server.mailbridge;

import org.wenzheng.server.store.DatabaseConfig;

/** The mail bridge's SQL on the embedded default, an H2 file. */
class H2MailBridgeStoreTest extends MailBridgeStoreTest {
    @Override
    DatabaseConfig config() {
        return TestDatabases.h2(work);
    }

    @Override
    void drop() {
        // The temporary folder goes with the test.
    }
}
