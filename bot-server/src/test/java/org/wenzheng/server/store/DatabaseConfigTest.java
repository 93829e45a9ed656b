package org.wenzheng.server.store;

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
    void theDefaultIsAnH2FileInTheDataFolderWrittenAtEachCommit() {
        DatabaseConfig d = DatabaseConfig.defaults(Path.of("/srv/wenzheng/data"));

        assertThat(d.url()).isEqualTo("jdbc:h2:file:/srv/wenzheng/data/db/wenzheng;AUTO_SERVER=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(d.embedded()).isTrue();
        assertThat(d.user()).isNull();
        assertThat(d.password()).isNull();
        assertThat(d.maxPoolSize()).isEqualTo(DatabaseConfig.DEFAULT_MAX_POOL_SIZE);
        assertThat(d.connectionTimeout()).isEqualTo(DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Test
    void aDataFolderWithASemicolonCannotBeAnH2Url() {
        assertThatThrownBy(() -> DatabaseConfig.h2Url(Path.of("/tmp/a;b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set database.url");
    }

    @Test
    void onlyH2AndPostgresqlUrlsAreAccepted() {
        assertThat(withUrl("jdbc:postgresql://db.example/wenzheng").embedded()).isFalse();
        assertThatThrownBy(() -> withUrl("jdbc:mysql://db/wenzheng"))
                .hasMessage("url must be a jdbc:h2: or a jdbc:postgresql: URL, got 'jdbc:mysql://db/wenzheng'");
        assertThatThrownBy(() -> withUrl(" ")).hasMessage("url must not be empty");
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
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", null, null, 0, Duration.ofSeconds(5)))
                .hasMessage("maxPoolSize must be in [1,1000], got 0");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", null, null, 1001, Duration.ofSeconds(5)))
                .hasMessage("maxPoolSize must be in [1,1000], got 1001");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", null, null, 1, Duration.ofMillis(249)))
                .hasMessage("connectionTimeoutMs must be in [250,600000], got 249");
        assertThatThrownBy(() -> new DatabaseConfig("jdbc:h2:mem:x", null, null, 1, Duration.ofMinutes(11)))
                .hasMessage("connectionTimeoutMs must be in [250,600000], got 660000");
        new DatabaseConfig("jdbc:h2:mem:x", null, null, 1, Duration.ofMillis(250));
    }
}
