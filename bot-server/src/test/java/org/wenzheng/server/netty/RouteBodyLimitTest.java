package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

/**
 * A route's own body limit ({@link Routes.Builder#maxBody}, the admin upload): its bodies may be
 * larger than the server's limit, up to its own, and the other routes keep the server's, whether
 * the length is declared or the body comes in chunks.
 */
class RouteBodyLimitTest {
    private static final int MAX_BODY = 64;
    private static final int UPLOAD_LIMIT = 256;

    private final Routes routes = Routes.builder()
            .post("/echo", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT,
                    Integer.toString(r.body().length))))
            .post("/upload", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT,
                    Integer.toString(r.body().length))))
            .maxBody("/upload", UPLOAD_LIMIT)
            .get("/now", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "now")))
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config().withMaxBodyBytes(MAX_BODY), routes,
            Runnable::run);

    private static String post(String path, int bodyBytes) {
        return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: " + bodyBytes
                + "\r\n\r\n" + "x".repeat(bodyBytes);
    }

    private static String chunked(String path, int chunks, int chunkBytes) {
        StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < chunks; i++) {
            sb.append(Integer.toHexString(chunkBytes)).append("\r\n").append("x".repeat(chunkBytes)).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    @Test
    void theUploadRouteAcceptsABodyOfExactlyItsOwnLimit() {
        EmbeddedChannel ch = setup.channel();
        send(ch, post("/upload", UPLOAD_LIMIT));

        assertThat(response(ch).body()).isEqualTo(Integer.toString(UPLOAD_LIMIT));
        assertFalse(ch.finish());
    }

    @Test
    void theUploadRouteRefusesADeclaredBodyOneByteOverItsLimitNamingIt() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, post("/upload", UPLOAD_LIMIT + 1));

        var r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("message").asText()).contains(Integer.toString(UPLOAD_LIMIT));
        send(ch, get("/now"));
        assertThat(response(ch).body()).isEqualTo("now");
        assertFalse(ch.finish());
    }

    @Test
    void otherRoutesKeepTheServersLimitAlthoughTheAggregatorBuffersMoreForTheUpload() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, post("/echo", MAX_BODY + 1));

        var r = response(ch);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().path("error").path("message").asText()).contains(Integer.toString(MAX_BODY));
        assertFalse(ch.finish());
    }

    @Test
    void aChunkedBodyOverItsRoutesLimitIsRefusedOnceAndTheConnectionClosed() {
        EmbeddedChannel ch = setup.channel();
        send(ch, chunked("/echo", 4, MAX_BODY / 2));

        var all = Pipelines.responses(ch);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).status()).isEqualTo(413);
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void aChunkedUploadWithinItsLimitPasses() {
        EmbeddedChannel ch = setup.channel();
        send(ch, chunked("/upload", 3, MAX_BODY));

        assertThat(response(ch).body()).isEqualTo(Integer.toString(3 * MAX_BODY));
        assertFalse(ch.finish());
    }
}
