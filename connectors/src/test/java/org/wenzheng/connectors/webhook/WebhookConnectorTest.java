package org.wenzheng.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;

class WebhookConnectorTest {
    private static final String SECRET = "a-shared-secret-of-12345-platform";

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int status = 200;
    private volatile String answer = "{\"id\":\"12345-88231\",\"status\":\"accepted\"}";

    /** What the receiving system got, and whether the signature held. */
    record Received(String method, String path, String contentType, String delivery, boolean signatureValid,
            byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tickets", this::receive);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("X-Wenzheng-Signature");
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Wenzheng-Delivery"),
                WebhookSignature.verify(body, signature, SECRET), body));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    @Test
    void theReceiverGetsTheSignedNoticeAndItsIdComesBack() throws Exception {
        try (WebhookConnector c = new WebhookConnector(settings(url()))) {
            String id = c.deliver(notice());

            assertThat(id).isEqualTo("12345-88231");
            assertThat(c.name()).isEqualTo("city12345");
        }
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.delivery()).isEqualTo("outbox-7");
        assertThat(r.signatureValid()).isTrue();
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("id").asText()).isEqualTo("outbox-7");
        assertThat(json.get("kind").asText()).isEqualTo("escalation");
        assertThat(json.get("ticket").asText()).isEqualTo("WZ-20261126-0007");
        assertThat(json.get("department").get("name").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(json.get("question").asText()).isEqualTo("社保断缴了还能补缴吗？");
        assertThat(json.get("askedAt").asText()).isEqualTo("2026-11-26T02:15:00Z");
        assertThat(json.get("deadline").asText()).isEqualTo("2026-12-01");
        assertThat(json.get("contact").asText()).isEqualTo("138****5678");
        assertThat(json.get("answer").isNull()).isTrue();
        assertThat(json.get("conversation").get(0).get("at").asText()).isEqualTo("2026-11-26T02:14:00Z");
        assertThat(json.get("candidates").get(0).get("docNumber").asText()).isEqualTo("国务院令第259号");
        assertThat(json.has("recipients")).isFalse();
    }

    @Test
    void aRetriedNoticeCarriesTheSameDeliveryKeyAndAnswerWithoutJsonGivesAnEmptyId() throws Exception {
        answer = "";
        status = 202;
        try (WebhookConnector c = new WebhookConnector(settings(url()))) {
            assertThat(c.deliver(notice())).isEmpty();
            assertThat(c.deliver(notice())).isEmpty();
        }
        assertThat(received.take().delivery()).isEqualTo(received.take().delivery()).isEqualTo("outbox-7");
    }

    @Test
    void serverErrorsTimeoutsAndRateLimitsAreTransient() throws Exception {
        for (int code : new int[] {503, 500, 429, 408}) {
            status = code;
            answer = "{\"error\":\"busy\"}";
            try (WebhookConnector c = new WebhookConnector(settings(url()))) {
                assertThatThrownBy(() -> c.deliver(notice())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).as("HTTP %d", code).isFalse();
                    assertThat(e.getMessage()).contains("HTTP " + code).contains("busy");
                });
            }
        }
    }

    @Test
    void clientErrorsArePermanent() throws Exception {
        for (int code : new int[] {400, 401, 404, 301}) {
            status = code;
            answer = "{\"error\":\"bad ticket\"}";
            try (WebhookConnector c = new WebhookConnector(settings(url()))) {
                assertThatThrownBy(() -> c.deliver(notice())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).as("HTTP %d", code).isTrue();
                    assertThat(e.getMessage()).contains("HTTP " + code);
                });
            }
        }
    }

    @Test
    void nobodyListeningIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (WebhookConnector c = new WebhookConnector(settings(URI.create("http://127.0.0.1:" + closedPort + "/")))) {
            assertThatThrownBy(() -> c.deliver(notice())).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.permanent()).isFalse());
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutTransiently() throws Exception {
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        WebhookSettings s = new WebhookSettings("city12345",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow"), SECRET,
                Duration.ofSeconds(5), Duration.ofMillis(300), WebhookSettings.DEFAULT_MAX_CALLBACK_BYTES,
                WebhookSettings.DEFAULT_MAX_ANSWER_CHARS);
        try (WebhookConnector c = new WebhookConnector(s)) {
            assertThatThrownBy(() -> c.deliver(notice())).isInstanceOfSatisfying(DeliveryException.class, e -> {
                assertThat(e.permanent()).isFalse();
                assertThat(e.getMessage()).contains("timed out");
            });
        }
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tickets");
    }

    private static WebhookSettings settings(URI url) {
        return new WebhookSettings("city12345", url, SECRET, Duration.ofSeconds(5), Duration.ofSeconds(10),
                WebhookSettings.DEFAULT_MAX_CALLBACK_BYTES, WebhookSettings.DEFAULT_MAX_ANSWER_CHARS);
    }

    private static TicketNotice notice() {
        Instant asked = Instant.parse("2026-11-26T02:15:00Z");
        return new TicketNotice("outbox-7", TicketNotice.Kind.ESCALATION, "WZ-20261126-0007", "hrss",
                "人力资源和社会保障局", List.of(), "社保断缴了还能补缴吗？", "hotline", asked,
                List.of(new TicketNotice.Line("citizen", "社保断缴", asked.minusSeconds(60))),
                List.of(new TicketNotice.Source("社会保险费征缴暂行条例", "第十三条", "国务院令第259号", "国务院", "1999-01-22",
                        "缴费单位未按规定缴纳")),
                LocalDate.of(2026, 12, 1), Optional.of("138****5678"), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
