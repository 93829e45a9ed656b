package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    private final ServerConfig defaults = ServerConfig.defaults(500, 100);

    @Test
    void defaultsListenOnThisMachineOnly() {
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.maxBodyBytes()).isEqualTo(16 * 1024);
        assertThat(defaults.maxQuestionChars()).isEqualTo(500);
    }

    @Test
    void rejectsEachLimitOutOfRangeNamingItsKey() {
        assertThatThrownBy(() -> defaults.withPort(65_536)).hasMessage("port must be in [0,65535], got 65536");
        assertThatThrownBy(() -> defaults.withPort(-1)).hasMessageStartingWith("port must be in");
        assertThatThrownBy(() -> defaults.withHost(" ")).hasMessage("host must not be empty");
        assertThatThrownBy(() -> defaults.withMaxBodyBytes(0)).hasMessageStartingWith("maxBodyBytes must be in [1,");
        assertThatThrownBy(() -> defaults.withMaxBodyBytes(ServerConfig.MAX_BODY_BYTES_LIMIT + 1))
                .hasMessageStartingWith("maxBodyBytes must be in");
        assertThatThrownBy(() -> defaults.withWorkers(0, 0)).hasMessageStartingWith("workerThreads must be in [1,");
        assertThatThrownBy(() -> defaults.withWorkers(1, -1)).hasMessageStartingWith("workerQueue must be in [0,");
        assertThatThrownBy(() -> defaults.withShutdownGrace(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("shutdownGraceSeconds must be in [0,");
        assertThatThrownBy(() -> new ServerConfig.RateLimit(0, 1))
                .hasMessage("rateLimit.requestsPerMinute must be at least 1, got 0");
        assertThatThrownBy(() -> new ServerConfig.RateLimit(1, 0)).hasMessage("rateLimit.burst must be at least 1, got 0");
        assertThatThrownBy(() -> new ServerConfig.AnswerCache(-1, Duration.ofSeconds(1)))
                .hasMessage("answerCache.maxEntries must not be negative, got -1");
        assertThatThrownBy(() -> new ServerConfig.AnswerCache(1, Duration.ZERO))
                .hasMessage("answerCache.ttlSeconds must be at least 1, got 0");
        Duration s = Duration.ofSeconds(10);
        assertThatThrownBy(() -> new ServerConfig.Connections(Duration.ofSeconds(301), s, 0, 1))
                .hasMessage("requestHeadTimeoutSeconds must be in [1,300], got 301");
        assertThatThrownBy(() -> new ServerConfig.Connections(s, Duration.ZERO, 0, 1))
                .hasMessage("requestBodyTimeoutSeconds must be in [1,3600], got 0");
        assertThatThrownBy(() -> new ServerConfig.Connections(s, s, -1, 1))
                .hasMessage("requestBodyMinBytesPerSecond must not be negative, got -1");
        assertThatThrownBy(() -> new ServerConfig.Connections(s, s, 0, 1025))
                .hasMessage("maxPipelinedRequests must be in [1,1024], got 1025");
    }

    @Test
    void acceptsTheEdgesOfEachRange() {
        assertThat(defaults.withPort(0).port()).isZero();
        assertThat(defaults.withPort(65_535).port()).isEqualTo(65_535);
        assertThat(defaults.withWorkers(1, 0).workerQueue()).isZero();
        assertThat(defaults.withShutdownGrace(Duration.ZERO).shutdownGrace()).isZero();
        assertThat(defaults.withAnswerCache(new ServerConfig.AnswerCache(0, Duration.ofSeconds(1)))
                .answerCache().maxEntries()).isZero();
        assertThat(new ServerConfig.Connections(Duration.ofSeconds(1), Duration.ofHours(1), 0, 1024)
                .maxPipelinedRequests()).isEqualTo(1024);
        assertThat(new ServerConfig.Connections(Duration.ofMinutes(5), Duration.ofSeconds(1), 0, 1)
                .maxPipelinedRequests()).isEqualTo(1);
    }
}
