package org.wenzheng.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
    private static DatabaseConfig withUrl(String url) {
        return new DatabaseConfig(url, null, null, 10, Duration.ofSeconds(5));
    }

    @Test
    void theDefaultIsAnSqliteFileInTheDataFolderFlushedAtEachCommit() {
        DatabaseConfig d = DatabaseConfig.defaults(Path.of("/srv/wenzheng/data"));

        assertThat(d.url()).isEqualTo("jdbc:sqlite:/srv/wenzheng/data/db/wenzheng.db");
        assertThat(d.embedded()).isTrue();
        assertThat(d.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(d.synchronous()).isEqualTo(DatabaseConfig.Synchronous.FULL);
        assertThat(d.user()).isNull();
        assertThat(d.password()).isNull();
        assertThat(d.maxPoolSize()).isEqualTo(DatabaseConfig.DEFAULT_MAX_POOL_SIZE);
        assertThat(d.connectionTimeout()).isEqualTo(DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Test
    void aDataFolderWithAQuestionMarkCannotBeAnSqliteUrl() {
        assertThatThrownBy(() -> DatabaseConfig.sqliteUrl(Path.of("/tmp/a?b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set database.url");
    }

    @Test
    void onlySqliteAndPostgresqlUrlsAreAccepted() {
        assertThat(withUrl("jdbc:postgresql://db.example/wenzheng").embedded()).isFalse();
        assertThat(withUrl("jdbc:postgresql://db.example/wenzheng").dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(withUrl("jdbc:sqlite:/srv/w/wenzheng.db").embedded()).isTrue();
        assertThatThrownBy(() -> withUrl("jdbc:mysql://db/wenzheng"))
                .hasMessage("url must be a jdbc:sqlite: or a jdbc:postgresql: URL, got 'jdbc:mysql://db/wenzheng'");
        assertThatThrownBy(() -> withUrl(" ")).hasMessage("url must not be empty");
    }

    @Test
    void anH2UrlIsRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> withUrl("jdbc:h2:file:/srv/w/db/wenzheng"))
                .hasMessageStartingWith("url: H2 is no longer supported")
                .hasMessageContaining("leave out database.url");
    }

    @Test
    void anInMemorySqliteDatabaseIsRefused() {
        assertThatThrownBy(() -> withUrl("jdbc:sqlite::memory:")).hasMessageContaining("must name a database file");
        assertThatThrownBy(() -> withUrl("jdbc:sqlite:")).hasMessageContaining("must name a database file");
        assertThatThrownBy(() -> withUrl("jdbc:sqlite:file:x?mode=memory")).hasMessageContaining("must name a database file");
    }

    @Test
    void aPasswordIsNeverShown() {
        DatabaseConfig c = new DatabaseConfig("jdbc:postgresql://db/wz?user=wz&password=s3cret&ssl=true", "wz",
                "an0ther", 10, Duration.ofSeconds(5));

        assertThat(c.displayUrl()).isEqualTo("jdbc:postgresql://db/wz?user=wz&password=***&ssl=true");
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("an0ther").contains("password=***");
        assertThatThrownBy(() -> withUrl("jdbc:oracle:thin:scott/x@db?password=s3cret"))
                .message().doesNotContain("s3cret");
    }

    @Test
    void limitsAreCheckedNamingTheirKey() {
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 0, Duration.ofSeconds(5)))
                .hasMessage("maxPoolSize must be in [1,1000], got 0");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 1001, Duration.ofSeconds(5)))
                .hasMessage("maxPoolSize must be in [1,1000], got 1001");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 1, Duration.ofMillis(249)))
                .hasMessage("connectionTimeoutMs must be in [250,600000], got 249");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 1, Duration.ofMinutes(11)))
                .hasMessage("connectionTimeoutMs must be in [250,600000], got 660000");
        new DatabaseConfig("jdbc:sqlite:/tmp/x.db", null, null, 1, Duration.ofMillis(250));
    }
}
