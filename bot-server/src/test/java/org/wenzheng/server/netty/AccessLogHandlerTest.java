package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.responses;
import static org.wenzheng.server.netty.Pipelines.send;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

class AccessLogHandlerTest {
    private final DeferredExecutor workers = new DeferredExecutor();
    private final Routes routes = Routes.builder()
            .get("/later", r -> Reply.blocking(() -> Response.text(HttpResponseStatus.OK, Response.TEXT, "later")))
            .get("/items/{id}", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "item")))
            .get("/conversations/{id}", r -> Reply.now(Response.text(HttpResponseStatus.OK, Response.TEXT, "c")))
            .secret("/conversations/{id}", "id")
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config(), routes, workers);

    private final Logger access = (Logger) AccessLogHandler.ACCESS;
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void release() {
        access.detachAppender(lines);
    }

    private List<String> logged() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void logsOneLineWhenTheAnswerIsWrittenWithStatusDurationAndClient() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later?q=%E5%A6%82%E4%BD%95"));
        assertThat(logged()).isEmpty();

        setup.ticker().advance(Duration.ofMillis(25));
        workers.runAll();
        responses(ch);

        assertThat(logged()).containsExactly("method=GET path=\"/later\" status=200 ms=25.0 client=embedded");
        assertFalse(ch.finish());
    }

    @Test
    void masksPersonalDataInThePath() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/items/13812345678"));
        responses(ch);

        assertThat(logged()).singleElement().asString().contains("path=\"/items/138****5678\"")
                .doesNotContain("13812345678");
        assertFalse(ch.finish());
    }

    @Test
    void logsOnlyTheStartOfASecretSegment() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/conversations/Qx7vK2mZp9LwT4nR8sYd1aBcEfGhJkMn"));
        responses(ch);

        assertThat(logged()).singleElement().asString().contains("path=\"/conversations/Qx7vK2…\"")
                .doesNotContain("Qx7vK2mZp9");
        assertFalse(ch.finish());
    }

    @Test
    void countsRequestsByRoutePatternNotByRawPath() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/items/a"));
        send(ch, get("/items/b"));
        send(ch, get("/unknown/path"));
        responses(ch);

        assertThat(setup.metrics().requests("/items/{id}", 200)).isEqualTo(2);
        assertThat(setup.metrics().requests(Routes.UNMATCHED, 404)).isEqualTo(1);
        assertThat(setup.metrics().exposition()).doesNotContain("/items/a").doesNotContain("/unknown/path");
        assertFalse(ch.finish());
    }

    @Test
    void logsRequestsRefusedBeforeTheRouterToo() {
        EmbeddedChannel ch = setup.channel();
        send(ch, "GET /items/a HTTP/1.1\r\nHost: test\r\nX-Padding: "
                + "x".repeat(HttpInitializer.MAX_HEADER_SIZE) + "\r\n\r\n");
        responses(ch);

        assertThat(logged()).singleElement().asString().contains("status=431");
        assertFalse(ch.finish());
    }
}
