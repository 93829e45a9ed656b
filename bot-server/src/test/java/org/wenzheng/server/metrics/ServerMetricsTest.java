package org.wenzheng.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
    private final ServerMetrics metrics = new ServerMetrics();

    @Test
    void countsRequestsByEndpointMethodAndStatus() {
        metrics.request("/api/v1/ask", "POST", 200, 1);
        metrics.request("/api/v1/ask", "POST", 200, 1);
        metrics.request("/api/v1/ask", "POST", 400, 1);

        assertThat(metrics.exposition())
                .contains("# TYPE wenzheng_http_requests_total counter\n")
                .contains("wenzheng_http_requests_total{endpoint=\"/api/v1/ask\",method=\"POST\",status=\"200\"} 2\n")
                .contains("wenzheng_http_requests_total{endpoint=\"/api/v1/ask\",method=\"POST\",status=\"400\"} 1\n");
    }

    @Test
    void theLatencyHistogramIsCumulativeWithSumAndCount() {
        metrics.request("/api/v1/ask", "POST", 200, TimeUnit.MILLISECONDS.toNanos(3));
        metrics.request("/api/v1/ask", "POST", 200, TimeUnit.MILLISECONDS.toNanos(40));
        metrics.request("/api/v1/ask", "POST", 200, TimeUnit.SECONDS.toNanos(30));

        String text = metrics.exposition();
        String ask = "wenzheng_http_request_duration_seconds_bucket{endpoint=\"/api/v1/ask\",";
        assertThat(text)
                .contains("# TYPE wenzheng_http_request_duration_seconds histogram\n")
                .contains(ask + "le=\"0.0025\"} 0\n")
                .contains(ask + "le=\"0.005\"} 1\n")
                .contains(ask + "le=\"0.05\"} 2\n")
                .contains(ask + "le=\"10.0\"} 2\n")
                .contains(ask + "le=\"+Inf\"} 3\n")
                .contains("wenzheng_http_request_duration_seconds_count{endpoint=\"/api/v1/ask\"} 3\n")
                .contains("wenzheng_http_request_duration_seconds_sum{endpoint=\"/api/v1/ask\"} 30.043\n");
    }

    @Test
    void countsAnswersCacheLookupsAndRejections() {
        metrics.answer(true);
        metrics.answer(false);
        metrics.answer(false);
        metrics.cacheLookup(true);
        metrics.cacheLookup(false);
        metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);

        assertThat(metrics.exposition())
                .contains("wenzheng_answers_total{answered=\"true\"} 1\n")
                .contains("wenzheng_answers_total{answered=\"false\"} 2\n")
                .contains("wenzheng_answer_cache_requests_total{result=\"hit\"} 1\n")
                .contains("wenzheng_answer_cache_requests_total{result=\"miss\"} 1\n")
                .contains("wenzheng_rejected_requests_total{reason=\"rate_limited\"} 1\n")
                .contains("wenzheng_rejected_requests_total{reason=\"overloaded\"} 0\n");
    }

    @Test
    void gaugesAreReadAtEachScrape() {
        int[] value = {3};
        metrics.gauge("wenzheng_test_gauge", () -> value[0]);
        assertThat(metrics.exposition()).contains("# TYPE wenzheng_test_gauge gauge\nwenzheng_test_gauge 3\n");
        value[0] = 5;
        assertThat(metrics.exposition()).contains("wenzheng_test_gauge 5\n");
    }

    @Test
    void everyLineIsACommentOrASample() {
        metrics.request("/a\"b\\c", "GET", 200, 1);
        for (String line : metrics.exposition().split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+(\\{.*\\})? [0-9.E+-]+");
        }
        assertThat(metrics.exposition()).contains("endpoint=\"/a\\\"b\\\\c\"");
    }

    @Test
    void showsTheJvmHeapInBytes() {
        String text = metrics.exposition();

        assertThat(text).contains("# TYPE wenzheng_jvm_heap_used_bytes gauge\n")
                .contains("# TYPE wenzheng_jvm_heap_max_bytes gauge\n");
        long used = sample(text, "wenzheng_jvm_heap_used_bytes");
        long committed = sample(text, "wenzheng_jvm_heap_committed_bytes");
        assertThat(used).isPositive();
        assertThat(committed).isGreaterThanOrEqualTo(used);
        assertThat(sample(text, "wenzheng_jvm_heap_max_bytes")).isGreaterThanOrEqualTo(committed);
        assertThat(sample(text, "wenzheng_jvm_nonheap_used_bytes")).isPositive();
    }

    private static long sample(String exposition, String name) {
        return exposition.lines().filter(l -> l.startsWith(name + " ")).mapToLong(l -> Long.parseLong(
                l.substring(name.length() + 1))).findFirst().orElseThrow(() -> new AssertionError(name + " missing"));
    }
}
