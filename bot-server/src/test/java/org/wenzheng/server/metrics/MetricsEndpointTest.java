package org.wenzheng.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;

/** Who may read /metrics: configured addresses and ranges, or the bearer token; 403 for the rest. */
class MetricsEndpointTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private static int status(MetricsEndpoint e, String clientIp, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        Request r = new Request(HttpMethod.GET, "/metrics", Map.of(), Map.of(), h, new byte[0], clientIp);
        try {
            return ((Reply.Now) e.handle(r)).response().status().code();
        } catch (ApiException refused) {
            assertThat(refused.code()).isEqualTo("forbidden");
            return refused.status().code();
        }
    }

    @Test
    void byDefaultOnlyThisMachineMayRead() {
        MetricsEndpoint e = new MetricsEndpoint(new ServerMetrics());

        assertThat(status(e, "127.0.0.1")).isEqualTo(200);
        assertThat(status(e, "127.8.9.10")).isEqualTo(200);
        assertThat(status(e, "0:0:0:0:0:0:0:1")).isEqualTo(200);
        assertThat(status(e, "192.168.1.20")).isEqualTo(403);
        assertThat(status(e, "2001:db8::1")).isEqualTo(403);
    }

    @Test
    void configuredRangesAdmitTheirAddressesOnly() {
        MetricsEndpoint e = new MetricsEndpoint(new ServerMetrics(),
                new MetricsConfig(List.of("10.0.0.0/8", "192.168.1.20", "2001:db8::/32"), Optional.empty()));

        assertThat(status(e, "10.200.3.4")).isEqualTo(200);
        assertThat(status(e, "192.168.1.20")).isEqualTo(200);
        assertThat(status(e, "2001:db8:1::5")).isEqualTo(200);
        assertThat(status(e, "192.168.1.21")).isEqualTo(403);
        assertThat(status(e, "127.0.0.1")).as("not listed").isEqualTo(403);
        assertThat(status(e, "embedded")).as("not an address").isEqualTo(403);
    }

    @Test
    void aForwardedRequestIsNotAdmittedByItsProxysAddress() {
        MetricsEndpoint e = new MetricsEndpoint(new ServerMetrics());

        assertThat(status(e, "127.0.0.1", "X-Forwarded-For", "203.0.113.9")).isEqualTo(403);
        assertThat(status(e, "127.0.0.1", "Forwarded", "for=203.0.113.9")).isEqualTo(403);
        assertThat(status(e, "127.0.0.1", "X-Real-IP", "203.0.113.9")).isEqualTo(403);
    }

    @Test
    void theTokenAdmitsFromAnywhereAndAWrongOneDoesNot() {
        MetricsEndpoint e = new MetricsEndpoint(new ServerMetrics(), MetricsConfig.DEFAULTS.withToken(TOKEN));

        assertThat(status(e, "203.0.113.9", "Authorization", "Bearer " + TOKEN)).isEqualTo(200);
        assertThat(status(e, "203.0.113.9", "Authorization", "bearer " + TOKEN)).isEqualTo(200);
        assertThat(status(e, "127.0.0.1", "X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer " + TOKEN))
                .isEqualTo(200);
        assertThat(status(e, "203.0.113.9", "Authorization", "Bearer " + TOKEN + "x")).isEqualTo(403);
        assertThat(status(e, "203.0.113.9", "Authorization", "Basic " + TOKEN)).isEqualTo(403);
        assertThat(status(e, "203.0.113.9")).isEqualTo(403);
    }

    @Test
    void aBadAddressOrAShortTokenIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new MetricsConfig(List.of("127.0.0.1", "prometheus.local"), Optional.empty()))
                .hasMessageStartingWith("allowedAddresses[1] must be an IP address");
        assertThatThrownBy(() -> new MetricsConfig(List.of("10.0.0.0/33"), Optional.empty()))
                .hasMessageStartingWith("allowedAddresses[0] has a prefix length outside [0,32]");
        assertThatThrownBy(() -> MetricsConfig.DEFAULTS.withToken("short"))
                .hasMessageStartingWith("token must be at least 24 characters");
    }
}
