package org.wenzheng.server.interviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.netty.FakeTicker;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;

/**
 * The question limits per client address and per browser session, crossed on the endpoint itself
 * with a ticker that is advanced instead of slept on. The limits are checked on the event loop
 * before any work is handed to a worker, so no question is stored or answered here: an accepted
 * request is one that comes back as blocking work.
 */
class QuestionLimitsTest {
    private static final ServerConfig.RateLimit ADDRESS = new ServerConfig.RateLimit(2, 3);
    private static final ServerConfig.RateLimit SESSION = new ServerConfig.RateLimit(1, 2);

    private final FakeTicker ticker = new FakeTicker();
    // The store and the desk are not reached by a refused request, nor before the blocking work runs.
    private final CitizenEndpoints endpoints = new CitizenEndpoints(null, null,
            InterviewConfig.defaults().withRateLimits(ADDRESS, SESSION), ticker);

    private Reply ask(String address, String session) {
        String body = "{\"question\":\"社保卡怎么补办\"" + (session == null ? "" : ",\"session\":\"" + session + "\"")
                + "}";
        return endpoints.ask().handle(new Request(HttpMethod.POST, "/api/v1/interviews/1/questions", Map.of(),
                Map.of("id", "1"), new DefaultHttpHeaders().add("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), address));
    }

    private static void assertLimited(Runnable request, long retryAfter) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().code()).isEqualTo(429);
            assertThat(e.code()).isEqualTo("rate_limited");
            assertThat(e.toResponse().headers()).containsEntry("retry-after", Long.toString(retryAfter));
        });
    }

    @Test
    void oneAddressGetsItsBurstThen429UntilATokenIsBack() {
        for (int k = 0; k < ADDRESS.burst(); k++) {
            assertThat(ask("10.0.0.1", "page-number-" + k)).isInstanceOf(Reply.Blocking.class);
        }

        assertLimited(() -> ask("10.0.0.1", "another-page"), 30);
        assertThat(ask("10.0.0.2", null)).as("another address").isInstanceOf(Reply.Blocking.class);

        ticker.advance(Duration.ofSeconds(30));
        assertThat(ask("10.0.0.1", "one-more-page")).isInstanceOf(Reply.Blocking.class);
    }

    @Test
    void onePageGetsItsBurstThen429WhateverItsAddress() {
        assertThat(ask("10.0.0.1", "the-same-page")).isInstanceOf(Reply.Blocking.class);
        assertThat(ask("10.0.0.2", "the-same-page")).isInstanceOf(Reply.Blocking.class);

        assertLimited(() -> ask("10.0.0.3", "the-same-page"), 60);
    }

    @Test
    void aRefusedFieldCostsNoToken() {
        for (int k = 0; k < 10; k++) {
            String tooLong = "{\"question\":\"" + "问".repeat(InterviewConfig.DEFAULT_MAX_QUESTION_CHARS + 1) + "\"}";
            assertThatThrownBy(() -> endpoints.ask().handle(new Request(HttpMethod.POST, "/", Map.of(),
                    Map.of("id", "1"), new DefaultHttpHeaders().add("Content-Type", "application/json"),
                    tooLong.getBytes(StandardCharsets.UTF_8), "10.0.0.9")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().code()).isEqualTo(400));
        }

        assertThat(ask("10.0.0.9", null)).isInstanceOf(Reply.Blocking.class);
    }
}
