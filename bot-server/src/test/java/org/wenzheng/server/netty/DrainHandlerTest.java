package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.wenzheng.server.netty.Pipelines.get;
import static org.wenzheng.server.netty.Pipelines.response;
import static org.wenzheng.server.netty.Pipelines.send;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

/** What graceful shutdown relies on: requests counted in flight until answered, connections closed when draining. */
class DrainHandlerTest {
    private final DeferredExecutor workers = new DeferredExecutor();
    private final Routes routes = Routes.builder()
            .get("/later", r -> Reply.blocking(() -> Response.text(HttpResponseStatus.OK, Response.TEXT, "later")))
            .build();
    private final Pipelines.Setup setup = new Pipelines.Setup(Pipelines.config(), routes, workers);

    @Test
    void aRequestIsInFlightFromArrivalUntilItsAnswerIsWritten() throws InterruptedException {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later"));
        assertThat(setup.inFlight().count()).isEqualTo(1);
        assertThat(setup.inFlight().awaitNone(Duration.ZERO)).isFalse();

        workers.runAll();
        response(ch);

        assertThat(setup.inFlight().count()).isZero();
        assertThat(setup.inFlight().awaitNone(Duration.ZERO)).isTrue();
        assertFalse(ch.finish());
    }

    @Test
    void aRequestWhoseClientLeftIsNoLongerInFlight() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later"));
        ch.close();

        assertThat(setup.inFlight().count()).isZero();
        workers.runAll();
        ch.runPendingTasks();
        assertThat(setup.inFlight().count()).isZero();
        assertFalse(ch.finish());
    }

    @Test
    void whileDrainingEveryAnswerClosesItsConnection() {
        EmbeddedChannel ch = setup.channel();
        send(ch, get("/later"));
        setup.inFlight().drain();
        workers.runAll();

        RawResponse r = response(ch);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(ch.isOpen()).isFalse();
        assertFalse(ch.finish());
    }
}
