package org.wenzheng.server.tickets;

import org.wenzheng.server.db.DatabaseConfig;

/** The ticket desk on the embedded default: an SQLite file in a temporary data folder. */
class SqliteTicketStoreTest extends TicketStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
