package org.wenzheng.server.replies;

import org.wenzheng.server.db.DatabaseConfig;

/** The mail bridge's SQL on PostgreSQL, in a schema of its own per test. */
class PostgresRepliesStoreTest extends RepliesStoreTest {
    private String schema;

    @Override
    DatabaseConfig config() throws Exception {
        schema = TestDatabases.createPostgresSchema();
        return TestDatabases.postgres(schema);
    }

    @Override
    void drop() throws Exception {
        TestDatabases.dropPostgresSchema(schema);
    }
}
