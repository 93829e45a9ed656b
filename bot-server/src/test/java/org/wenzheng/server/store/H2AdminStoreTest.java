package org.wenzheng.server.store;

/** The admin store suite on the embedded default: an H2 file in a temporary data folder. */
class H2AdminStoreTest extends AdminStoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }
}
