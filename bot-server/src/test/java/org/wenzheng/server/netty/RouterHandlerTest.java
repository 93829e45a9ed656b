package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.postJson;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.responses;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

class RouterHandlerTest {
    private final DeferredExecutor workers = new DeferredExecutor();

    private final Routes routes = Routes.builder()
            .get("/now", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "now")))
            .get("/later", r -> Reply.blocking(() -> Response.text(HttpResponseStatus.OK, Response.TEXT, "later")))
            .post("/echo", r -> Reply.now(Response.of(HttpResponseStatus.OK, Response.TEXT, r.body())))
            .get("/items/{id}", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, r.pathParam("id"))))
            .get("/broken", r -> Reply.blocking(() -> {
                throw new IllegalStateException("a bug");
            }))
            .build();

    /** What Chromium sends when a person opens an address. */
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,"
            + "image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    private static String getAccepting(String path, String accept) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\nAccept: " + accept + "\r\n\r\n";
    }

    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config(), routes, workers);

    @Test
    void servesAKnownPathWithItsEndpoint() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/now"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("now");
        assertThat(r.header("Content-Length")).isEqualTo("3");
        assertFalse(ch.finish());
    }

    @Test
    void answersAnUnknownPathWith404AsJson() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/nowhere"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertThat(r.json().path("error").path("message").asText()).contains("/nowhere");
        assertThat(r.json().path("error").has("field")).as("no one field is at fault").isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void answersABrowserAskingForAnUnknownPageWithAChinesePageLinkingHome() {
        EmbeddedChannel ch = setup.channel();
        send(ch, getAccepting("/nowhere", BROWSER_ACCEPT));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("Content-Security-Policy")).isNotNull();
        assertThat(r.body()).contains("<html lang=\"zh-CN\">", "页面不存在", "href=\"/\"")
                .doesNotContain("not_found", "nothing is at");
        assertFalse(ch.finish());
    }

    @Test
    void answersABrowserWhoseRequestFailedWithAChinesePageAnd500() {
        EmbeddedChannel ch = setup.channel();
        send(ch, getAccepting("/broken", BROWSER_ACCEPT));
        workers.runAll();

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.body()).contains("服务器出错了", "href=\"/\"").doesNotContain("internal");
        assertFalse(ch.finish());
    }

    @Test
    void keepsTheJsonErrorUnderTheApiEvenForABrowser() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, getAccepting("/api/v1/nowhere", BROWSER_ACCEPT));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(r.errorCode()).isEqualTo("not_found");
        assertFalse(ch.finish());
    }

    @Test
    void keepsTheJsonErrorForAClientThatAcceptsJson() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, getAccepting("/nowhere", "application/json") + getAccepting("/broken", "application/json, text/html;q=0.5")
                + getAccepting("/nowhere", "*/*"));
        workers.runAll();

        List<RawResponse> rs = responses(ch);
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).errorCode()).isEqualTo("not_found");
        assertThat(rs.get(1).status()).isEqualTo(500);
        assertThat(rs.get(1).errorCode()).isEqualTo("internal");
        assertThat(rs.get(2).errorCode()).isEqualTo("not_found");
        assertFalse(ch.finish());
    }

    @Test
    void answersAnotherMethodOnAKnownPathWith405AndTheAllowedOnes() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, "DELETE /now HTTP/1.1\r\nHost: test\r\n\r\n");

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(r.errorCode()).isEqualTo("method_not_allowed");
        assertFalse(ch.finish());
    }

    @Test
    void headIsAnsweredByTheGetEndpointWithoutABody() {
        EmbeddedChannel ch = setup.channel();
        send(ch, "HEAD /now HTTP/1.1\r\nHost: test\r\n\r\n" + get("/now"));

        List<RawResponse> rs = responses(ch);
        // The HEAD answer announces the GET body's length but carries none: the next response follows at once.
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(1).body()).isEqualTo("now");
        assertFalse(ch.finish());
    }

    @Test
    void passesDecodedPathParameters() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/items/%E6%B3%95%20a+b"));

        assertThat(response(ch).body()).isEqualTo("法 a+b");
        assertFalse(ch.finish());
    }

    @Test
    void refusesAPathThatIsNotValidPercentEncoding() throws IOException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/items/%zz"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("bad_request");
        assertFalse(ch.finish());
    }

    @Test
    void blockingWorkRunsOnTheWorkersAndItsAnswerIsWrittenBackOnTheChannel() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later"));

        assertThat(responses(ch)).isEmpty();
        assertThat(workers.pending()).isEqualTo(1);

        workers.runAll();

        assertThat(response(ch).body()).isEqualTo("later");
        assertFalse(ch.finish());
    }

    @Test
    void answers503AtOnceWhenTheWorkersAreSaturated() throws IOException {
        Pipelines.Setup saturated = new Pipelines.Setup(Pipelines.config(), routes, task -> {
            throw new RejectedExecutionException("full");
        });
        EmbeddedChannel ch = saturated.channel();
        send(ch, get("/later"));

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.errorCode()).isEqualTo("overloaded");
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(saturated.metrics().exposition())
                .contains("wenzheng_rejected_requests_total{reason=\"overloaded\"} 1");
        assertFalse(ch.finish());
    }

    @Test
    void keepsTheConnectionOpenBetweenRequests() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/now"));
        assertThat(response(ch).header("Connection")).isNull();
        send(ch, postJson("/echo", "{}"));

        assertThat(response(ch).body()).isEqualTo("{}");
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void closesTheConnectionAfterTheAnswerWhenTheClientAsksTo() {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /now HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");

        assertThat(response(ch).header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void answersPipelinedRequestsInTheOrderTheyCame() {
        EmbeddedChannel ch = setup.channel();
        // The first is answered by a worker, the second at once: the second must still come second.
        send(ch, get("/later") + get("/now"));
        assertThat(responses(ch)).isEmpty();

        workers.runAll();

        List<RawResponse> rs = responses(ch);
        assertThat(rs).extracting(RawResponse::body).containsExactly("later", "now");
        assertFalse(ch.finish());
    }

    @Test
    void answersAClientPipeliningMoreThanTheLimitUpToItThenCloses() {
        int max = Pipelines.config().connections().maxPipelinedRequests();
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later") + get("/now").repeat(max) + get("/now"));
        assertThat(ch.config().isAutoRead()).as("reads the rest, to drop it").isTrue();

        workers.runAll();

        List<RawResponse> rs = responses(ch);
        assertThat(rs).hasSize(max);
        assertThat(rs.get(0).body()).isEqualTo("later");
        assertThat(rs.subList(0, max - 1)).allSatisfy(r -> assertThat(r.header("Connection")).isNull());
        assertThat(rs.get(max - 1).header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertThat(setup.metrics().exposition())
                .contains("wenzheng_rejected_requests_total{reason=\"pipelined_too_deep\"} 2");
        assertFalse(ch.finish());
    }

    @Test
    void stopsReadingWhileRequestsWaitAndReadsAgainOnceAllAreAnswered() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later") + get("/now"));
        assertThat(ch.config().isAutoRead()).isFalse();

        workers.runAll();

        assertThat(responses(ch)).extracting(RawResponse::body).containsExactly("later", "now");
        assertThat(ch.config().isAutoRead()).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void echoesTheBodyBytesUnchanged() {
        EmbeddedChannel ch = setup.channel();
        send(ch, postJson("/echo", "{\"question\":\"如何申请\"}"));

        assertThat(response(ch).body().getBytes(StandardCharsets.UTF_8))
                .isEqualTo("{\"question\":\"如何申请\"}".getBytes(StandardCharsets.UTF_8));
        assertFalse(ch.finish());
    }
}
