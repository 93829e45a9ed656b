package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Routes;

/** Every failure becomes {"error":{"code","message"}} with the right status; internals never reach the client. */
class ErrorMappingTest {
    private static final String SECRET = "jdbc:secret-internal-detail";

    private final DeferredExecutor workers = new DeferredExecutor();
    private final Routes routes = Routes.builder()
            .get("/fails", r -> {
                throw new IllegalStateException(SECRET);
            })
            .get("/fails-later", r -> Reply.blocking(() -> {
                throw new IOException(SECRET);
            }))
            .get("/teapot", r -> {
                throw new ApiException(HttpResponseStatus.CONFLICT, "busy_line", "the line is busy",
                        Map.of("Retry-After", "7"));
            })
            .get("/missing-later", r -> Reply.blocking(() -> {
                throw ApiException.notFound("no document with id x");
            }))
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config(), routes, workers);

    @Test
    void anEndpointFailureIs500WithoutItsInternals() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/fails"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorCode()).isEqualTo("internal");
        assertThat(r.body()).doesNotContain(SECRET).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void aFailureOnAWorkerIs500WithoutItsInternals() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/fails-later"));
        workers.runAll();

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.errorCode()).isEqualTo("internal");
        assertThat(r.body()).doesNotContain(SECRET);
        assertFalse(ch.finish());
    }

    @Test
    void aRefusalKeepsItsStatusCodeMessageAndHeaders() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/teapot"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("busy_line");
        assertThat(r.json().path("error").path("message").asText()).isEqualTo("the line is busy");
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertFalse(ch.finish());
    }

    @Test
    void aRefusalFromAWorkerKeepsItsStatus() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/missing-later"));
        workers.runAll();

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertFalse(ch.finish());
    }

    @Test
    void aFailureInsideThePipelineIsAnswered500AndTheConnectionClosed() throws IOException {
        EmbeddedChannel ch = setup.channel();
        ch.pipeline().fireExceptionCaught(new IllegalStateException(SECRET));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).doesNotContain(SECRET);
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void aConnectionResetByTheClientIsClosedWithoutAnAnswer() {
        EmbeddedChannel ch = setup.channel();
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(Pipelines.responses(ch)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }
}
