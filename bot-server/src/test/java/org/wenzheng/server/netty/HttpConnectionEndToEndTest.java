package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.metrics.MetricsConfig;

/**
 * What one TCP connection may do to the real server, over real sockets: pipelined requests,
 * answered in order up to the configured depth; request heads and bodies trickled in (slowloris),
 * answered 408 and closed at their deadlines. The server runs with one-second deadlines so that
 * the slow clients are cut off quickly; no figure of time is asserted.
 */
class HttpConnectionEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    /** The one address admitted to /metrics: a loopback address other than the usual one. */
    private static final String METRICS_ADDRESS = "127.0.0.2";
    private static final String METRICS_TOKEN = "metrics-token-0123456789abcdef";

    private static ServerConfig config;
    private static WenzhengServer server;
    private static int port;

    @BeforeAll
    static void indexTheSampleAndStart() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000))
                .withConnections(new ServerConfig.Connections(Duration.ofSeconds(1), Duration.ofSeconds(1), 500, 32));
        server = Assembly.builder(config, KnowledgeBases.open(knowledge), Database.open(app.database()))
                .metrics(new MetricsConfig(List.of(METRICS_ADDRESS), Optional.of(METRICS_TOKEN))).build().server();
        port = server.start().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    private static String ask(String question) {
        byte[] body = JSON.createObjectNode().put("question", question).put("channel", "api").toString()
                .getBytes(StandardCharsets.UTF_8);
        return "POST /api/v1/ask HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n" + new String(body, StandardCharsets.UTF_8);
    }

    /** One response (Content-Length body), or null when the server closed the connection first. */
    private static RawResponse read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a response head: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = h.lines().filter(l -> l.toLowerCase().startsWith("content-length:")).findFirst()
                .map(l -> Integer.parseInt(l.substring("content-length:".length()).strip())).orElse(0);
        byte[] body = in.readNBytes(length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.toByteArray());
        all.write(body);
        return RawResponse.parseAll(all.toByteArray()).get(0);
    }

    private static List<RawResponse> readUntilClosed(InputStream in) throws IOException {
        List<RawResponse> out = new ArrayList<>();
        for (RawResponse r; (r = read(in)) != null; ) {
            out.add(r);
        }
        return out;
    }

    // ------------------------------------------------------------------ pipelining

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        // 20 GETs (each naming itself in its 404) with 3 POSTs among them, in one TCP write.
        StringBuilder requests = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.append(get("/api/v1/documents/pipelined-" + i));
            expected.add("pipelined-" + i);
            if (i % 7 == 3) {
                requests.append(ask("如何申请政府信息公开？第" + i + "问"));
                expected.add("第" + i + "问");
            }
        }
        try (Socket s = connect()) {
            s.getOutputStream().write(requests.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();

            List<String> answered = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                RawResponse r = read(s.getInputStream());
                assertThat(r).as("answer %d of %d (answered so far: %s)", i + 1, expected.size(), answered)
                        .isNotNull();
                answered.add(whose(r));
            }
            assertThat(answered).containsExactlyElementsOf(expected);
            // Still usable afterwards.
            s.getOutputStream().write(get("/healthz").getBytes(StandardCharsets.US_ASCII));
            assertThat(read(s.getInputStream()).status()).isEqualTo(200);
        }
    }

    @Test
    void pipeliningBeyondTheDepthIsAnsweredUpToItThenTheConnectionCloses() throws IOException {
        int depth = config.connections().maxPipelinedRequests();
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < depth + 8; i++) {
            requests.append(get("/api/v1/documents/pipelined-" + i));
        }
        try (Socket s = connect()) {
            s.getOutputStream().write(requests.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();

            List<RawResponse> answered = readUntilClosed(s.getInputStream());

            assertThat(answered).hasSize(depth);
            for (int i = 0; i < depth; i++) {
                assertThat(whose(answered.get(i))).isEqualTo("pipelined-" + i);
            }
            assertThat(answered.get(depth - 1).header("Connection")).isEqualTo("close");
        }
    }

    // ------------------------------------------------------------------ slow clients

    @Test
    void trickledRequestHeadsAreAnswered408AndClosedAtTheirDeadline() throws Exception {
        int clients = 50;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
            }
            List<Socket> trickling = new ArrayList<>(sockets);
            // A byte every 100 ms from each, as a slowloris client does, until the server answers.
            for (int round = 0; round < 300 && !trickling.isEmpty(); round++) {
                Thread.sleep(100);
                trickling.removeIf(s -> {
                    try {
                        if (s.getInputStream().available() > 0) {
                            return true;
                        }
                        s.getOutputStream().write('a');
                        return false;
                    } catch (IOException closedMeanwhile) {
                        return true;
                    }
                });
            }
            assertThat(trickling).as("still trickling after 30 s").isEmpty();
            for (Socket s : sockets) {
                List<RawResponse> answers = readUntilClosed(s.getInputStream());
                assertThat(answers).hasSize(1);
                assertThat(answers.get(0).status()).isEqualTo(408);
                assertThat(answers.get(0).errorCode()).isEqualTo("request_timeout");
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(server.metrics().exposition()).containsPattern(
                "wenzheng_rejected_requests_total\\{reason=\"request_head_timeout\"\\} ([5-9][0-9]|[1-9][0-9]{2,})\n");
    }

    @Test
    void aTrickledBodyIsAnswered408AndClosedAtItsDeadline() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST /api/v1/ask HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{\"question\":\"").getBytes(StandardCharsets.US_ASCII));
            for (int round = 0; round < 300 && s.getInputStream().available() == 0; round++) {
                Thread.sleep(100);
                s.getOutputStream().write('a');
            }

            List<RawResponse> answers = readUntilClosed(s.getInputStream());
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).status()).isEqualTo(408);
            assertThat(answers.get(0).header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void aClientThatSendsItsRequestPromptlyIsServedAsBefore() throws IOException {
        try (Socket s = connect()) {
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write(get("/healthz").getBytes(StandardCharsets.US_ASCII));
                assertThat(read(s.getInputStream()).status()).isEqualTo(200);
            }
        }
    }

    // ------------------------------------------------------------------ /metrics

    private static RawResponse metricsFrom(String localAddress, String extraHeaders) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(("GET /metrics HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return read(s.getInputStream());
        }
    }

    @Test
    void metricsAreServedToTheConfiguredAddressAndTheTokenOnly() throws IOException {
        RawResponse allowed = metricsFrom(METRICS_ADDRESS, "");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body()).contains("wenzheng_http_requests_total");

        RawResponse other = metricsFrom("127.0.0.1", "");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.errorCode()).isEqualTo("forbidden");
        assertThat(other.body()).doesNotContain("wenzheng_");

        assertThat(metricsFrom(METRICS_ADDRESS, "X-Forwarded-For: 203.0.113.9\r\n").status()).isEqualTo(403);
        assertThat(metricsFrom("127.0.0.1", "Authorization: Bearer " + METRICS_TOKEN + "\r\n").status())
                .isEqualTo(200);
        assertThat(metricsFrom("127.0.0.1", "Authorization: Bearer wrong-" + METRICS_TOKEN + "\r\n").status())
                .isEqualTo(403);
    }

    /** Which request a response answers: the document id of a 404, the marker of an asked question. */
    private static String whose(RawResponse r) throws IOException {
        JsonNode json = r.json();
        if (r.status() == 404) {
            // 没有编号为 {id} 的文件
            String message = json.path("error").path("message").asText();
            return message.substring(message.indexOf(' ') + 1, message.lastIndexOf(' '));
        }
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String question = json.path("question").asText();
        return question.substring(question.indexOf('第'));
    }
}
