package org.wenzheng.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store suite on the embedded default: an SQLite file in a temporary data folder, as serve opens it. */
class SqliteStoreTest extends StoreTest {
    @Override
    DatabaseConfig config() {
        return DatabaseConfig.defaults(work.resolve("data"));
    }

    @Override
    void dropDatabase() {
        // The temporary folder goes with the test.
    }

    @Test
    void theDatabaseIsOneFileUnderTheDataFolder() {
        open();

        assertThat(Files.isRegularFile(work.resolve("data/db/wenzheng.db"))).isTrue();
    }

    @Test
    void aSecondProcessOnTheSameDataFolderIsRefusedWithAClearMessage() throws Exception {
        open();
        Path err = work.resolve("second-stderr.txt");

        Process second = StoreChildProcess.start("open", config(), err);

        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err).strip())
                .startsWith("cannot connect to the database jdbc:sqlite:" + work.resolve("data/db/wenzheng.db"))
                .contains("already in use");
    }
}
