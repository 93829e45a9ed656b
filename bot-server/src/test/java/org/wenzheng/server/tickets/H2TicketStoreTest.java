package org.wenzheng.server.tickets;

import org.wenzheng.server.store.DatabaseConfig;

/** The ticket desk on the embedded default: an H2 file in a temporary data folder. */
class H2TicketStoreTest extends TicketStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
