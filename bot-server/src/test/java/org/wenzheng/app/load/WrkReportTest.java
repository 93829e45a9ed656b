package org.wenzheng.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WrkReportTest {
    /** wrk 4.1.0 (Debian) with --latency and bench/ask.lua, as printed. */
    private static final String CLEAN_RUN = """
            Running 20s test @ http://127.0.0.1:39919/api/v1/ask
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    37.21ms   12.08ms 148.33ms   71.52%
                Req/Sec   862.40    101.77     1.09k    69.50%
              Latency Distribution
                 50%   35.95ms
                 75%   43.17ms
                 90%   52.60ms
                 99%   75.04ms
              34381 requests in 20.02s, 312.97MB read
            Requests/sec:   1717.35
            Transfer/sec:     15.63MB
            ask.lua: responses=34381 non2xx=0 statuses=
            """;

    /** A slow, failing run: latencies in seconds, socket timeouts, 503s counted by wrk and by the script. */
    private static final String FAILING_RUN = """
            Running 3s test @ http://127.0.0.1:39919/api/v1/ask
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.22s   418.68ms   1.99s    63.41%
                Req/Sec    20.15     13.34    50.00     65.38%
              Latency Distribution
                 50%    1.22s\s
                 75%    1.55s\s
                 90%  812.00us
                 99%    1.02m
              65 requests in 3.10s, 603.88KB read
              Socket errors: connect 1, read 2, write 0, timeout 24
              Non-2xx or 3xx responses: 12
            Requests/sec:     20.99
            Transfer/sec:    195.05KB
            ask.lua: responses=65 non2xx=12 statuses=404:2,503:10
            """;

    @Test
    void readsThroughputPercentilesAndCountsOfACleanRun() {
        WrkReport r = WrkReport.parse(CLEAN_RUN);

        assertThat(r.requests()).isEqualTo(34381);
        assertThat(r.seconds()).isCloseTo(20.02, within(1e-9));
        assertThat(r.requestsPerSecond()).isCloseTo(1717.35, within(1e-9));
        assertThat(r.p50Ms()).isCloseTo(35.95, within(1e-9));
        assertThat(r.p75Ms()).isCloseTo(43.17, within(1e-9));
        assertThat(r.p90Ms()).isCloseTo(52.60, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(75.04, within(1e-9));
        assertThat(r.socketErrors()).isZero();
        assertThat(r.non2xx3xx()).isZero();
        assertThat(r.scriptNon2xx()).contains(0L);
        assertThat(r.byStatus()).isEmpty();
        assertThat(r.errors()).isZero();
    }

    @Test
    void convertsEveryTimeUnitToMillisecondsAndCountsEveryKindOfError() {
        WrkReport r = WrkReport.parse(FAILING_RUN);

        assertThat(r.p50Ms()).isCloseTo(1220, within(1e-9));
        assertThat(r.p90Ms()).isCloseTo(0.812, within(1e-9));
        assertThat(r.p99Ms()).isCloseTo(61_200, within(1e-9));
        assertThat(r.seconds()).isCloseTo(3.10, within(1e-9));
        assertThat(r.socketErrors()).isEqualTo(27);
        assertThat(r.non2xx3xx()).isEqualTo(12);
        assertThat(r.scriptNon2xx()).contains(12L);
        assertThat(r.byStatus()).isEqualTo(Map.of(404, 2L, 503, 10L));
        assertThat(r.errors()).isEqualTo(12 + 27);
    }

    @Test
    void withoutTheScriptLineWrksOwnCountOfFailuresIsUsed() {
        WrkReport r = WrkReport.parse(FAILING_RUN.replaceAll("(?m)^ask\\.lua:.*\\n", ""));

        assertThat(r.scriptNon2xx()).isEqualTo(Optional.empty());
        assertThat(r.byStatus()).isEmpty();
        assertThat(r.errors()).isEqualTo(12 + 27);
    }

    @Test
    void aRunWithoutTheLatencyDistributionIsRefusedNamingTheOption() {
        String withoutLatency = CLEAN_RUN.replaceAll("(?m)^\\s+(Latency Distribution|\\d+%.*)\\n", "");

        assertThatThrownBy(() -> WrkReport.parse(withoutLatency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("50%").hasMessageContaining("--latency");
    }

    @Test
    void outputOfAFailedWrkIsRefused() {
        assertThatThrownBy(() -> WrkReport.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Requests/sec");
    }

    @Test
    void aMalformedStatusListIsRefused() {
        assertThatThrownBy(() -> WrkReport.statuses("503"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'503'");
    }
}
