package org.wenzheng.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.metrics.MetricsEndpoint;
import org.wenzheng.server.metrics.ServerMetrics;

/** The load test's server configuration, derived from the operator's. */
class ServerConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void theLoadServerServesItsMetricsToTheLoadTestOnLoopbackWhateverTheOperatorAllows() throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        Path operator = dir.resolve("wenzheng.yaml");
        Files.writeString(operator, "data: state\nknowledge:\n  sources: docs\n  semantic: false\n"
                + "metrics:\n  allowedAddresses: [10.0.0.0/8]\n");
        AppConfig base = AppConfig.load(operator, "wenzheng.yaml", Optional.empty());
        Path child = dir.resolve("load.yaml");

        ServerConfigFile.write(child, base, List.of(dir.resolve("docs")), dir.resolve("load"), 0, Duration.ofMinutes(5));

        MetricsEndpoint metrics = new MetricsEndpoint(new ServerMetrics(),
                AppConfig.load(child, "load.yaml", Optional.empty()).metrics());
        Reply r = metrics.handle(new Request(HttpMethod.GET, "/metrics", Map.of(), Map.of(), new DefaultHttpHeaders(),
                new byte[0], "127.0.0.1"));
        assertThat(((Reply.Now) r).response().status().code()).isEqualTo(200);
    }
}
