package org.wenzheng.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces of the load test that do not need a server: limits, gauges, medians, wrk's command. */
class LoadTestTest {
    @Test
    void theChildServerIsStartedThroughTheCommandLinesEntryPoint() throws Exception {
        Class<?> main = Class.forName(ServerProcess.MAIN_CLASS);
        assertThat(main).isEqualTo(org.wenzheng.app.cli.Main.class);
        assertThat(main.getMethod("main", String[].class)).isNotNull();
    }

    @TempDir
    Path dir;

    @Test
    void readsTheSoftOpenFilesLimitOfAProcLimitsFile() throws IOException {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             unlimited            unlimited            processes
                Max open files            1024                 524288               files
                """);

        assertThat(LoadTest.openFilesLimit(limits)).isEqualTo(OptionalLong.of(1024));
    }

    @Test
    void anUnlimitedOrUnreadableLimitIsNoLimit() throws IOException {
        Path limits = dir.resolve("limits");
        Files.writeString(limits, "Max open files            unlimited            unlimited            files\n");

        assertThat(LoadTest.openFilesLimit(limits)).isEmpty();
        assertThat(LoadTest.openFilesLimit(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void tooFewFileDescriptorsForTheChatsAreRefusedSayingHowToRaiseThem() throws IOException {
        OptionalLong limit = LoadTest.openFilesLimit(Path.of("/proc/self/limits"));
        org.junit.jupiter.api.Assumptions.assumeTrue(limit.isPresent(), "Linux only");

        assertThatThrownBy(() -> LoadTest.checkFileDescriptors((int) Math.min(Integer.MAX_VALUE - 10_000,
                limit.getAsLong())))
                .hasMessageContaining("ulimit -n").hasMessageContaining("--chat-connections");
    }

    @Test
    void readsAGaugeWithoutLabelsFromTheExposition() {
        String exposition = """
                # HELP wenzheng_websocket_sessions Current value.
                # TYPE wenzheng_websocket_sessions gauge
                wenzheng_websocket_sessions 2000
                wenzheng_jvm_heap_used_bytes 1.23456789E8
                """;

        assertThat(ServerProcess.gauge(exposition, "wenzheng_websocket_sessions")).isEqualTo(OptionalLong.of(2000));
        assertThat(ServerProcess.gauge(exposition, "wenzheng_jvm_heap_used_bytes"))
                .isEqualTo(OptionalLong.of(123_456_789));
        assertThat(ServerProcess.gauge(exposition, "wenzheng_websocket")).isEmpty();
    }

    @Test
    void sumsTheSeriesOfOneEndpointAcrossMethodsAndStatuses() {
        String exposition = """
                wenzheng_http_requests_total{endpoint="/api/v1/ask",method="POST",status="200"} 34381
                wenzheng_http_requests_total{endpoint="/api/v1/ask",method="POST",status="503"} 2
                wenzheng_http_requests_total{endpoint="/api/v1/ask/x",method="POST",status="200"} 7
                wenzheng_http_requests_total{endpoint="/metrics",method="GET",status="200"} 12
                """;

        assertThat(ServerProcess.counterSum(exposition, "wenzheng_http_requests_total{endpoint=\"/api/v1/ask\","))
                .isEqualTo(34383);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(LoadTest.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(LoadTest.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void wrkRunsWithLatencyTheScriptAndTheBodiesFile() {
        assertThat(Wrk.command(64, 2, 20, Path.of("bench/ask.lua"), URI.create("http://127.0.0.1:8080/api/v1/ask"),
                Path.of("/data/load/ask-bodies.jsonl")))
                .containsExactly("wrk", "-c64", "-t2", "-d20s", "--latency", "-s", "bench/ask.lua",
                        "http://127.0.0.1:8080/api/v1/ask", "--", "/data/load/ask-bodies.jsonl");
    }
}
