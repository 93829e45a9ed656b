package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.netty.GatedKnowledgeBase;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.testing.JsonSocket;

/**
 * The chat ({@code /ws/chat}) on the real server over a real port, spoken to with Java's
 * WebSocket client (and, where the client would hide what is tested, a raw socket): the shipped
 * configuration and sample knowledge base, indexed once into a temporary data folder.
 */
class ChatEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final long WAIT_SECONDS = 20;
    /** Small limits, so that tests cross them with small messages. */
    private static final int FRAME_BYTES = 2048;
    private static final int MESSAGE_BYTES = 2 * FRAME_BYTES;
    /** Short, so that the idle close is seen quickly; Java's client answers the pings and stays open. */
    private static final Duration IDLE = Duration.ofMillis(800);

    @TempDir
    static Path data;

    private static KnowledgeConfig knowledge;
    private static ServerConfig config;
    private static Assembly server;
    private static int port;
    private static final AtomicInteger OTHERS = new AtomicInteger();

    @BeforeAll
    static void indexTheSampleAndStart() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        // Every chat here comes from 127.0.0.1: the limits per address are crossed by their own tests.
        server = start(config, ChatConfig.DEFAULTS.withSizes(FRAME_BYTES, MESSAGE_BYTES).withIdleTimeout(IDLE)
                .withRateLimit(new ServerConfig.RateLimit(100_000, 10_000))
                .withAddressLimits(10_000, new ServerConfig.RateLimit(100_000, 10_000)), KnowledgeBases.open(knowledge));
        port = ((InetSocketAddress) serverAddress).getPort();
    }

    private static InetSocketAddress serverAddress;

    private static Assembly start(ServerConfig c, ChatConfig chat, KnowledgeBase kb) throws IOException {
        Assembly s = Assembly.builder(c, kb, Database.open(DatabaseConfig.defaults(data.resolve("db-"
                + OTHERS.incrementAndGet())))).chat(chat).build();
        serverAddress = s.server().start();
        return s;
    }

    @AfterAll
    static void stop() {
        server.server().stop();
    }

    // ------------------------------------------------------------------ helpers

    private static String ownOrigin(int p) {
        return "http://127.0.0.1:" + p;
    }

    private static CompletableFuture<JsonSocket> connect(int p, String origin) {
        return JsonSocket.to(URI.create("ws://127.0.0.1:" + p + "/ws/chat")).origin(origin).openAsync();
    }

    private static JsonSocket ask(JsonSocket c, String question) {
        return c.send(JSON.createObjectNode().put("type", "ask").put("question", question).put("channel", "web"));
    }

    private static JsonSocket open() {
        return open(port);
    }

    private static JsonSocket open(int p) {
        return connect(p, ownOrigin(p)).join();
    }

    private static void assertError(JsonNode frame, String code) {
        assertThat(frame.path("type").asText()).as(frame.toString()).isEqualTo("error");
        assertThat(frame.path("error").path("code").asText()).isEqualTo(code);
        assertThat(frame.path("error").path("message").asText()).isNotBlank();
    }

    // ------------------------------------------------------------------ asking

    @Test
    void theFirstQuestionStartsAConversationAndIsAnsweredWithItsCitations() throws Exception {
        JsonSocket c = ask(open(), "如何申请政府信息公开？");

        JsonNode session = c.next();
        assertThat(session.path("type").asText()).isEqualTo("session");
        String id = session.path("session").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{32}");
        JsonNode answer = c.next();
        assertThat(answer.path("type").asText()).isEqualTo("answer");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("question").asText()).isEqualTo("如何申请政府信息公开？");
        assertThat(answer.path("session").asText()).isEqualTo(id);
        assertThat(answer.path("citations")).isNotEmpty();
        // The same fields as POST /api/v1/ask's answer.
        assertThat(answer.has("confidence") && answer.has("candidates") && answer.has("ticket")).isTrue();

        ask(c, "政府信息公开申请多久答复");
        JsonNode second = c.next();
        assertThat(second.path("type").asText()).as("no new session for the second question").isEqualTo("answer");
        assertThat(second.path("session").asText()).isEqualTo(id);
        c.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void aReconnectedPageResumesItsConversationAndSeesItsHistory() throws Exception {
        JsonSocket first = ask(open(), "如何申请政府信息公开？");
        String id = first.next().path("session").asText();
        first.next();
        first.socket().sendClose(WebSocket.NORMAL_CLOSURE, "reload").join();
        first.awaitClose();

        JsonSocket again = open().send("{\"type\":\"resume\",\"session\":\"" + id + "\"}");
        JsonNode history = again.next();
        assertThat(history.path("type").asText()).isEqualTo("history");
        assertThat(history.path("session").asText()).isEqualTo(id);
        assertThat(history.path("messages")).hasSize(2);
        assertThat(history.path("messages").get(0).path("role").asText()).isEqualTo("citizen");
        assertThat(history.path("messages").get(0).path("text").asText()).isEqualTo("如何申请政府信息公开？");
        assertThat(history.path("messages").get(1).path("role").asText()).isEqualTo("bot");

        ask(again, "政府信息公开申请多久答复");
        JsonNode answer = again.next();
        assertThat(answer.path("type").asText()).as("continues, no new session").isEqualTo("answer");
        assertThat(answer.path("session").asText()).isEqualTo(id);
    }

    @Test
    void resumingAnUnknownConversationIsNotFoundAndTheSocketStaysOpen() throws Exception {
        JsonSocket c = open().send("{\"type\":\"resume\",\"session\":\"nosuchconversation\"}");
        JsonNode error = c.next();
        assertError(error, "not_found");
        assertThat(error.toString()).doesNotContain("nosuchconversation");
        ask(c, "如何申请政府信息公开？");
        assertThat(c.next().path("type").asText()).isEqualTo("session");
    }

    // ------------------------------------------------------------------ bad input and limits

    @Test
    void badJsonIsAnsweredWithAnErrorFrameAndTheSocketStaysOpen() throws Exception {
        JsonSocket c = open();
        assertError(c.send("{not json").next(), "bad_json");
        assertError(c.send("[1,2]").next(), "bad_json");
        JsonNode shout = c.send("{\"type\":\"shout\"}").next();
        assertError(shout, "invalid_field");
        assertThat(shout.path("error").path("message").asText()).isEqualTo("消息类型无效：须为提问（ask）或恢复会话（resume）");
        JsonNode noSession = c.send("{\"type\":\"resume\"}").next();
        assertError(noSession, "invalid_field");
        assertThat(noSession.path("error").path("message").asText()).isEqualTo("缺少会话编号，请刷新页面后重试");
        JsonNode badSession = c.send("{\"type\":\"resume\",\"session\":\"a b\"}").next();
        assertError(badSession, "invalid_field");
        assertThat(badSession.path("error").path("message").asText()).startsWith("会话编号无效");
        assertThat(badSession.path("error").path("field").asText()).isEqualTo("session");
        assertError(c.send("{\"type\":\"ask\"}").next(), "invalid_field");
        assertError(c.send("{\"type\":\"ask\",\"question\":42}").next(), "invalid_field");
        // One character over the question limit (and well within the frame limit).
        assertError(c.send("{\"type\":\"ask\",\"question\":\"" + "问".repeat(config.maxQuestionChars() + 1) + "\"}")
                .next(), "invalid_field");
        assertError(c.send("{\"type\":\"resume\",\"session\":\"../etc\"}").next(), "invalid_field");

        ask(c, "如何申请政府信息公开？");
        assertThat(c.next().path("type").asText()).isEqualTo("session");
        assertThat(c.next().path("type").asText()).isEqualTo("answer");
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void aQuestionOfInvisibleCharactersOrWithALoneSurrogateIsRefusedAndTheSocketStaysOpen() throws Exception {
        JsonSocket c = open();
        assertError(c.send("{\"type\":\"ask\",\"question\":\"\\u0000\\u200B\\uFFFD\"}").next(), "invalid_field");
        assertError(c.send("{\"type\":\"ask\",\"question\":\"如何申请\\uD800\"}").next(), "bad_json");

        ask(c, "如何申请\0政府信息公开？");
        assertThat(c.next().path("type").asText()).isEqualTo("session");
        JsonNode answer = c.next();
        assertThat(answer.path("question").asText()).isEqualTo("如何申请政府信息公开？");
        assertThat(c.isClosed()).isFalse();
    }

    @Test
    void aFrameAboveTheFrameLimitClosesWith1009() throws Exception {
        JsonSocket c = open();
        c.socket().sendText("x".repeat(FRAME_BYTES + 1), true);
        assertThat(c.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aFrameAtTheFrameLimitIsReadAsAMessage() throws Exception {
        String padded = "{\"type\":\"resume\",\"session\":\"nosuch\",\"pad\":\"";
        JsonSocket c = open().send(padded + "x".repeat(FRAME_BYTES - padded.length() - 2) + "\"}");
        assertError(c.next(), "not_found");
    }

    @Test
    void aFragmentedMessageAboveTheMessageLimitClosesWith1009() throws Exception {
        JsonSocket c = open();
        c.socket().sendText("x".repeat(FRAME_BYTES), false).join();
        c.socket().sendText("x".repeat(FRAME_BYTES), false).join();
        c.socket().sendText("x", true);
        assertThat(c.awaitClose()).isEqualTo(1009);
    }

    @Test
    void aForeignOriginIsRefusedWith403BeforeTheUpgrade() {
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:" + (port + 1), null}) {
            assertThatThrownBy(() -> connect(port, origin).join())
                    .as("origin %s", origin)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse()
                            .statusCode()).isEqualTo(403));
        }
    }

    @Test
    void aConfiguredOriginIsAllowedAndTheOwnOneThenIsNot() throws Exception {
        Assembly other = start(config, ChatConfig.DEFAULTS.withAllowedOrigins(
                List.of("https://Wenzheng.Example.gov.cn/")), KnowledgeBases.open(knowledge));
        int p = serverAddress.getPort();
        try {
            JsonSocket c = connect(p, "https://wenzheng.example.gov.cn").join();
            assertError(c.send("{}").next(), "invalid_field");
            assertThatThrownBy(() -> connect(p, ownOrigin(p)).join())
                    .hasCauseInstanceOf(WebSocketHandshakeException.class);
        } finally {
            other.server().stop();
        }
    }

    @Test
    void messagesAboveTheRateAreAnsweredRateLimitedAndTheSocketStaysOpen() throws Exception {
        Assembly other = start(config, ChatConfig.DEFAULTS.withRateLimit(new ServerConfig.RateLimit(1, 2)),
                KnowledgeBases.open(knowledge));
        try {
            JsonSocket c = open(serverAddress.getPort());
            assertError(c.send("{}").next(), "invalid_field");
            assertError(c.send("{}").next(), "invalid_field");
            assertError(c.send("{}").next(), "rate_limited");
            assertThat(c.isClosed()).isFalse();
        } finally {
            other.server().stop();
        }
    }

    @Test
    void messagesOverTheAddressRateAreRateLimitedAcrossAllOfItsChats() throws Exception {
        // Regression: the limit was per connection only, so one address got 450 answers in 4.2 s over 50 chats.
        Assembly other = start(config, ChatConfig.DEFAULTS.withRateLimit(new ServerConfig.RateLimit(100_000, 100))
                .withAddressLimits(100, new ServerConfig.RateLimit(1, 3)), KnowledgeBases.open(knowledge));
        try {
            JsonSocket first = open(serverAddress.getPort());
            JsonSocket second = open(serverAddress.getPort());
            assertError(first.send("{}").next(), "invalid_field");
            assertError(second.send("{}").next(), "invalid_field");
            assertError(first.send("{}").next(), "invalid_field");

            JsonNode limited = second.send("{}").next();
            assertError(limited, "rate_limited");
            assertThat(limited.path("error").path("message").asText()).contains("this address");
            assertError(first.send("{}").next(), "rate_limited");
            assertError(open(serverAddress.getPort()).send("{}").next(), "rate_limited");
            assertThat(first.isClosed()).isFalse();
            assertThat(second.isClosed()).isFalse();
        } finally {
            other.server().stop();
        }
    }

    @Test
    void anAddressHoldingItsMostChatsIsRefusedWith429BeforeTheHandshake() throws Exception {
        // Regression: one address opened 1,000 chats in 2.3 s.
        Assembly other = start(config, ChatConfig.DEFAULTS.withAddressLimits(3, ChatConfig.DEFAULT_ADDRESS_RATE_LIMIT),
                KnowledgeBases.open(knowledge));
        int p = serverAddress.getPort();
        try {
            List<JsonSocket> open = List.of(open(p), open(p), open(p));

            assertThatThrownBy(() -> connect(p, ownOrigin(p)).join())
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse()
                            .statusCode()).isEqualTo(429));
            HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p
                            + "/ws/chat")).header("Origin", ownOrigin(p)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(plain.statusCode()).isEqualTo(429);
            assertThat(JSON.readTree(plain.body()).path("error").path("code").asText())
                    .isEqualTo("too_many_connections");
            assertThat(other.conversations().openConnections()).isEqualTo(3);
            assertThat(ask(open.get(0), "如何申请政府信息公开？").next().path("type").asText())
                    .as("the open chats still work").isEqualTo("session");

            open.get(1).socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            open.get(1).awaitClose();
            // The server counts a chat until its channel has closed, a moment after the close frame.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (other.conversations().openConnections() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            JsonSocket again = open(p);
            assertError(again.send("{}").next(), "invalid_field");
        } finally {
            other.server().stop();
        }
    }

    @Test
    void aSaturatedWorkerPoolAnswersOverloadedAtOnce() throws Exception {
        GatedKnowledgeBase gated = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        Assembly other = start(config.withWorkers(1, 0), ChatConfig.DEFAULTS, gated);
        try {
            int p = serverAddress.getPort();
            JsonSocket held = ask(open(p), "如何申请政府信息公开？");
            gated.awaitEntered();
            JsonSocket second = ask(open(p), "政府信息公开申请多久答复");
            JsonNode busy = second.next();
            assertError(busy, "overloaded");
            gated.open();
            assertThat(held.next().path("type").asText()).isEqualTo("session");
            assertThat(held.next().path("type").asText()).isEqualTo("answer");
        } finally {
            gated.open();
            other.server().stop();
        }
    }

    // ------------------------------------------------------------------ idle connections

    @Test
    void aSilentConnectionIsPingedThenClosed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nOrigin: " + ownOrigin(port) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101");

            long start = System.nanoTime();
            // Never answering: first a ping (opcode 9), then a close (opcode 8), then the end.
            assertThat(in.read() & 0x0F).as("ping").isEqualTo(0x9);
            in.readNBytes(in.read() & 0x7F);
            assertThat(in.read() & 0x0F).as("close").isEqualTo(0x8);
            int length = in.read() & 0x7F;
            byte[] body = in.readNBytes(length);
            assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).isEqualTo(1000);
            assertThat(in.read()).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.dividedBy(2));
        }
    }

    @Test
    void aPlainRequestForTheChatPathIsRefusedWith400() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            s.getOutputStream().write(("GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: "
                    + ownOrigin(port) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 400");
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    @Test
    void aLiveConnectionAnsweringPingsOutlastsTheIdleTimeout() throws Exception {
        JsonSocket c = open();
        // Longer than the idle timeout: Java's client answers the server's pings with pongs.
        Thread.sleep(IDLE.multipliedBy(2).toMillis());
        assertThat(c.isClosed()).isFalse();
        ask(c, "如何申请政府信息公开？");
        assertThat(c.next().path("type").asText()).isEqualTo("session");
    }

    // ------------------------------------------------------------------ pushes and metrics

    @Test
    void aMessagePushedToAConversationReachesItsOpenSocket() throws Exception {
        JsonSocket c = ask(open(), "如何申请政府信息公开？");
        String id = c.next().path("session").asText();
        c.next();

        int sent = server.conversations().push(id, Map.of("type", "officer", "text", "已转交经办人员"));

        assertThat(sent).isEqualTo(1);
        JsonNode pushed = c.next();
        assertThat(pushed.path("type").asText()).isEqualTo("officer");
        assertThat(pushed.path("text").asText()).isEqualTo("已转交经办人员");
        assertThat(server.conversations().push("nobody-has-this-one", Map.of("type", "officer"))).isZero();

        c.socket().sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        c.awaitClose();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (server.conversations().push(id, Map.of("type", "officer")) != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.conversations().push(id, Map.of("type", "officer"))).as("left when closed").isZero();
    }

    @Test
    void openChatConnectionsAreCountedOnMetrics() throws Exception {
        JsonSocket c = open();
        ask(c, "如何申请政府信息公开？").next();
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("(?m)^wenzheng_websocket_sessions [1-9]\\d*$");
    }

    @Test
    void theHttpApiStillAnswersOnTheSameServer() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }
}
