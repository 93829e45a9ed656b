package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;

/** The per-address token bucket, with time advanced by the test. */
class RateLimitHandlerTest {
    /** 6 a minute: one token every 10 s; 3 at once. */
    private static final ServerConfig.RateLimit LIMIT = new ServerConfig.RateLimit(6, 3);

    private final Routes routes = Routes.builder()
            .get("/api/v1/thing", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "ok")))
            .get("/healthz", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "ok")))
            .get("/", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.HTML, "page")))
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config().withRateLimit(LIMIT), routes,
            Runnable::run, new ServerMetrics(), new InFlightRequests(), new FakeTicker());

    private int status(EmbeddedChannel ch, String path) {
        send(ch, get(path));
        return response(ch).status();
    }

    @Test
    void allowsTheBurstThenAnswers429WithRetryAfter() throws IOException {
        EmbeddedChannel ch = setup.channel();
        for (int i = 0; i < LIMIT.burst(); i++) {
            assertThat(status(ch, "/api/v1/thing")).as("request %d", i + 1).isEqualTo(200);
        }
        send(ch, get("/api/v1/thing"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.errorCode()).isEqualTo("rate_limited");
        assertThat(r.header("Retry-After")).isEqualTo("10");
        assertThat(setup.metrics().exposition()).contains("wenzheng_rejected_requests_total{reason=\"rate_limited\"} 1");
        assertFalse(ch.finish());
    }

    @Test
    void aTokenComesBackAtTheConfiguredRate() {
        EmbeddedChannel ch = setup.channel();
        for (int i = 0; i < LIMIT.burst(); i++) {
            status(ch, "/api/v1/thing");
        }
        setup.ticker().advance(Duration.ofSeconds(9));
        send(ch, get("/api/v1/thing"));
        RawResponse refused = response(ch);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");

        setup.ticker().advance(Duration.ofSeconds(1));

        assertThat(status(ch, "/api/v1/thing")).isEqualTo(200);
        assertThat(status(ch, "/api/v1/thing")).isEqualTo(429);
        assertFalse(ch.finish());
    }

    @Test
    void aLongPauseRefillsNoMoreThanTheBurst() {
        EmbeddedChannel ch = setup.channel();
        setup.ticker().advance(Duration.ofHours(1));
        for (int i = 0; i < LIMIT.burst(); i++) {
            assertThat(status(ch, "/api/v1/thing")).isEqualTo(200);
        }
        assertThat(status(ch, "/api/v1/thing")).isEqualTo(429);
        assertFalse(ch.finish());
    }

    @Test
    void eachClientAddressHasItsOwnBucket() {
        EmbeddedChannel first = setup.channelFrom("127.0.0.2");
        EmbeddedChannel second = setup.channelFrom("127.0.0.3");
        for (int i = 0; i < LIMIT.burst(); i++) {
            status(first, "/api/v1/thing");
        }
        assertThat(status(first, "/api/v1/thing")).isEqualTo(429);

        assertThat(status(second, "/api/v1/thing")).isEqualTo(200);
        // A new connection from the same address shares its bucket.
        assertThat(status(setup.channelFrom("127.0.0.2"), "/api/v1/thing")).isEqualTo(429);
        assertFalse(first.finish());
        assertFalse(second.finish());
    }

    @Test
    void pagesAndHealthAreNotLimited() {
        EmbeddedChannel ch = setup.channel();
        for (int i = 0; i < 3 * LIMIT.burst(); i++) {
            assertThat(status(ch, "/")).isEqualTo(200);
            assertThat(status(ch, "/healthz")).isEqualTo(200);
        }
        assertFalse(ch.finish());
    }
}
