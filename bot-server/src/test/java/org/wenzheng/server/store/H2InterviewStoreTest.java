package org.wenzheng.server.store;

/** The interview store suite on the embedded default: an H2 file in a temporary data folder. */
class H2InterviewStoreTest extends InterviewStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
