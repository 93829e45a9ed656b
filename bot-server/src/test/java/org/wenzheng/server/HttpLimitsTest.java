package org.wenzheng.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.Pipelines.get;
import static org.wenzheng.server.Pipelines.response;
import static org.wenzheng.server.Pipelines.responses;
import static org.wenzheng.server.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

/** Each connection limit, crossed: body size, request line, headers, idle time; and malformed HTTP. */
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
