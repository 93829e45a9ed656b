package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.responses;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

/**
 * Each connection limit, crossed: body size, request line, headers, idle time, the time a request
 * head and body may take to arrive; and malformed HTTP.
 */
class HttpLimitsTest {
    private static final int MAX_BODY = 64;

    private final Routes routes = Routes.builder()
            .post("/echo", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT,
                    Integer.toString(r.body().length))))
            .get("/now", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "now")))
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config().withMaxBodyBytes(MAX_BODY), routes,
            Runnable::run);

    private static String post(int bodyBytes, String extraHeaders) {
        return "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes + "\r\n"
                + extraHeaders + "\r\n" + "x".repeat(bodyBytes);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        EmbeddedChannel ch = setup.channel();
        send(ch, post(MAX_BODY, ""));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Integer.toString(MAX_BODY));
        assertFalse(ch.finish());
    }

    @Test
    void refusesADeclaredBodyOneByteOverTheLimitWith413AndKeepsTheConnection() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, post(MAX_BODY + 1, ""));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("body_too_large");
        assertThat(r.json().path("error").path("message").asText()).contains(Integer.toString(MAX_BODY));
        // The refused body is skipped, and the connection serves the next request.
        send(ch, get("/now"));
        assertThat(response(ch).body()).isEqualTo("now");
        assertFalse(ch.finish());
    }

    @Test
    void refusesAnOversizedBodyAndClosesWhenTheClientWillNotReuseTheConnection() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, post(MAX_BODY + 1, "Connection: close\r\n"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("body_too_large");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void refusesAChunkedBodyThatGrowsOverTheLimit() throws IOException {
        EmbeddedChannel ch = setup.channel();
        String chunk = "x".repeat(MAX_BODY / 2 + 1);
        String hex = Integer.toHexString(chunk.length());
        send(ch, "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                + hex + "\r\n" + chunk + "\r\n" + hex + "\r\n" + chunk + "\r\n0\r\n\r\n");

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("body_too_large");
        assertFalse(ch.finish());
    }

    @Test
    void refusesAnAnnouncedOversizedBodyBeforeItIsSent() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: " + (MAX_BODY + 1)
                + "\r\nExpect: 100-continue\r\n\r\n");

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("body_too_large");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void refusesARequestLineOverTheLimitWith414() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/now?q=" + "x".repeat(HttpInitializer.MAX_INITIAL_LINE_LENGTH)));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(414);
        assertThat(r.errorCode()).isEqualTo("uri_too_long");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void acceptsARequestLineJustUnderTheLimit() {
        EmbeddedChannel ch = setup.channel();
        // "GET " + path + " HTTP/1.1" is the line; keep it under the limit.
        String path = "/now?q=" + "x".repeat(HttpInitializer.MAX_INITIAL_LINE_LENGTH - 100);
        send(ch, get(path));

        assertThat(response(ch).status()).isEqualTo(200);
        assertFalse(ch.finish());
    }

    @Test
    void refusesHeadersOverTheLimitWith431() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /now HTTP/1.1\r\nHost: test\r\nX-Padding: " + "x".repeat(HttpInitializer.MAX_HEADER_SIZE)
                + "\r\n\r\n");

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.errorCode()).isEqualTo("headers_too_large");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void answersMalformedHttpWith400AndCloses() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /now HTTP/1.1\r\nHost: test\r\nContent-Length: many\r\n\r\n");

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("bad_request");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    private static final ServerConfig.Connections DEADLINES = Pipelines.config().connections();
    private static final long HEAD_SECONDS = DEADLINES.requestHeadTimeout().toSeconds();
    private static final long BODY_SECONDS = DEADLINES.requestBodyTimeout().toSeconds();

    private static void advance(EmbeddedChannel ch, long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void aHeadTrickledAByteASecondIsAnswered408AtTheHeadTimeoutAndClosed() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /now HTTP/1.1\r\nHost: test\r\nX-Slow: ");
        // Each byte keeps the connection from being idle; it does not restart the head's clock.
        for (long s = 1; s < HEAD_SECONDS; s++) {
            advance(ch, 1);
            send(ch, "a");
            assertThat(ch.isOpen()).isTrue();
        }
        advance(ch, 1);

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.errorCode()).isEqualTo("request_timeout");
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertThat(setup.metrics().exposition())
                .contains("wenzheng_rejected_requests_total{reason=\"request_head_timeout\"} 1");
        assertFalse(ch.finish());
    }

    @Test
    void aSlowHeadCompletedWithinTheTimeoutIsAnswered() {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /now HTTP/1.1\r\nHo");
        advance(ch, HEAD_SECONDS - 1);
        send(ch, "st: test\r\n\r\n");

        assertThat(response(ch).body()).isEqualTo("now");
        advance(ch, HEAD_SECONDS + 1);
        assertThat(ch.isOpen()).as("the next request has not begun: only the idle timeout applies").isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void eachRequestOfAKeptAliveConnectionHasItsOwnHeadTimeout() {
        EmbeddedChannel ch = setup.channel();
        for (int i = 0; i < 3; i++) {
            send(ch, "GET /now HTTP/1.1\r\n");
            advance(ch, HEAD_SECONDS - 1);
            send(ch, "Host: test\r\n\r\n");
            assertThat(response(ch).status()).isEqualTo(200);
        }
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void aHeadTimeoutWhileAnEarlierAnswerIsOwedClosesWithoutAnAnswerOutOfOrder() {
        DeferredExecutor workers = new DeferredExecutor();
        Pipelines.Setup slow = new Pipelines.Setup(Pipelines.config(), Routes.builder()
                .get("/later", r -> Reply.blocking(() -> Response.text(HttpResponseStatus.OK, Response.TEXT, "later")))
                .build(), workers);
        EmbeddedChannel ch = slow.channel();
        send(ch, get("/later"));
        send(ch, "GET /later HTTP/1.1\r\nHo");
        advance(ch, HEAD_SECONDS);

        assertThat(ch.isOpen()).isFalse();
        workers.runAll();
        assertThat(Pipelines.responses(ch)).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void aBodyThatStopsArrivingIsAnswered408AfterTheBodyTimeout() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " + MAX_BODY
                + "\r\n\r\n" + "x".repeat(10));
        advance(ch, BODY_SECONDS - 1);
        assertThat(ch.isOpen()).isTrue();
        advance(ch, 2);

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(408);
        assertThat(r.errorCode()).isEqualTo("request_timeout");
        assertThat(ch.isOpen()).isFalse();
        assertThat(setup.metrics().exposition())
                .contains("wenzheng_rejected_requests_total{reason=\"request_body_timeout\"} 1");
        assertFalse(ch.finish());
    }

    @Test
    void aBodyEarnsOneMoreSecondForEachMinimumRateOfBytesReceived() throws IOException {
        int rate = DEADLINES.requestBodyMinBytesPerSecond();
        Pipelines.Setup big = new Pipelines.Setup(Pipelines.config().withMaxBodyBytes(10 * rate), routes,
                Runnable::run);
        EmbeddedChannel ch = big.channel();
        send(ch, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " + 10 * rate
                + "\r\n\r\n");
        // Three seconds earned in all, arriving over the body timeout.
        for (int i = 0; i < 3; i++) {
            advance(ch, 1);
            send(ch, "x".repeat(rate));
        }
        advance(ch, BODY_SECONDS - 3 + 2);
        assertThat(ch.isOpen()).as("within the timeout plus the two seconds still earned").isTrue();
        advance(ch, 2);

        assertThat(response(ch).status()).isEqualTo(408);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void aBodyArrivingSteadilyAtTheMinimumRateIsRead() {
        int rate = DEADLINES.requestBodyMinBytesPerSecond();
        int seconds = (int) BODY_SECONDS * 2;
        Pipelines.Setup big = new Pipelines.Setup(Pipelines.config().withMaxBodyBytes(seconds * rate), routes,
                Runnable::run);
        EmbeddedChannel ch = big.channel();
        send(ch, "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " + seconds * rate
                + "\r\n\r\n");
        for (int i = 0; i < seconds; i++) {
            advance(ch, 1);
            send(ch, "x".repeat(rate));
        }

        assertThat(response(ch).body()).isEqualTo(Integer.toString(seconds * rate));
        assertFalse(ch.finish());
    }

    @Test
    void closesAConnectionSilentForTheIdleTimeout() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/now"));
        responses(ch);
        long idle = Pipelines.config().idleTimeout().toSeconds();

        ch.advanceTimeBy(idle - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();

        ch.advanceTimeBy(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }
}
