package org.wenzheng.server.interviews;

import org.wenzheng.server.db.DatabaseConfig;

/** The interview store suite on the embedded default: an SQLite file in a temporary data folder. */
class SqliteInterviewStoreTest extends InterviewStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
