package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.privacy.PiiFixtures;

/**
 * The real server on an ephemeral port of 127.0.0.1, over the shipped configuration and sample
 * knowledge base (indexed once into a temporary data folder) and the embedded SQLite database in that
 * folder, spoken to with Java's HTTP client: every endpoint and every error status.
 */
class WenzhengServerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path data;

    private static AppConfig app;
    private static KnowledgeConfig knowledge;
    /** The shipped server settings on port 0, rate limit out of the way (it has its own test). */
    private static ServerConfig config;
    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void indexTheSampleAndStart() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, KnowledgeBases.open(knowledge), Database.open(app.database())).build().server();
        base = uri(server.start());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static URI uri(InetSocketAddress a) {
        return URI.create("http://127.0.0.1:" + a.getPort());
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> get(URI base, String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return get(base, pathAndQuery);
    }

    private static HttpRequest postRequest(URI base, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.build();
    }

    private static HttpResponse<String> post(URI base, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return HTTP.send(postRequest(base, path, contentType, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> ask(URI base, String question) throws IOException, InterruptedException {
        return post(base, "/api/v1/ask", "application/json", askBody(question));
    }

    private static HttpResponse<String> ask(String question) throws IOException, InterruptedException {
        return ask(base, question);
    }

    private static String askBody(String question) {
        return JSON.createObjectNode().put("question", question).put("channel", "web").put("session", "e2e-1")
                .toString();
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = json(r).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Another server over its own knowledge base and database (the server closes both when stopped). */
    private static WenzhengServer another(ServerConfig c, KnowledgeBase kb) {
        return another(c, kb, Database.open(DatabaseConfig.defaults(data.resolve("another-" + OTHERS.incrementAndGet()))));
    }

    private static WenzhengServer another(ServerConfig c, KnowledgeBase kb, Database db) {
        return Assembly.builder(c.withPort(0), kb, db).build().server();
    }

    private static final AtomicInteger OTHERS = new AtomicInteger();

    private static HttpResponse<String> ask(URI base, String question, String session)
            throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ObjectNode body = JSON.createObjectNode().put("question", question)
                .put("channel", "web");
        if (session != null) {
            body.put("session", session);
        }
        return post(base, "/api/v1/ask", "application/json", body.toString());
    }

    // ------------------------------------------------------------------ ask

    @Test
    void asksAndGetsAnAnswerWithCitations() throws Exception {
        HttpResponse<String> r = ask("如何申请政府信息公开");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode a = json(r);
        assertThat(a.path("answered").asBoolean()).as(r.body()).isTrue();
        assertThat(a.path("answer").asText()).isNotBlank();
        assertThat(a.path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(a.has("ticket") && a.get("ticket").isNull()).isTrue();
        JsonNode c = a.path("citations").get(0);
        for (String field : new String[] {"title", "article", "chapter", "docNumber", "issuer", "date", "status",
            "url", "documentId", "passageId", "snippet"}) {
            assertThat(c.has(field)).as(field).isTrue();
        }
        assertThat(c.path("status").asText()).isEqualTo("有效");
        JsonNode candidate = a.path("candidates").get(0);
        assertThat(candidate.path("kind").asText()).isIn("ARTICLE", "SECTION", "FAQ");
        assertThat(candidate.path("score").isNumber()).isTrue();
        assertThat(candidate.path("title").asText()).isNotBlank();
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aQuestionOutsideTheKnowledgeBaseIsNotAnsweredButGetsCandidates() throws Exception {
        JsonNode a = json(ask("今天天气怎么样"));

        assertThat(a.path("answered").asBoolean()).isFalse();
        assertThat(a.path("answer").asText()).isEmpty();
        assertThat(a.path("citations")).isEmpty();
        assertThat(a.path("confidence").asDouble()).isLessThan(0.5);
    }

    @Test
    void anInjectedScriptInTheQuestionComesBackAsJsonText() throws Exception {
        String question = "<script>alert(document.cookie)</script>如何申请政府信息公开";
        HttpResponse<String> r = ask(question);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(json(r).path("question").asText()).isEqualTo(question);
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCache() throws Exception {
        String hits = "wenzheng_answer_cache_requests_total{result=\"hit\"} ";
        long before = counter(get("/metrics").body(), hits);

        ask("政府信息公开申请多久答复");
        ask("政府信息公开申请多久答复");

        assertThat(counter(get("/metrics").body(), hits)).isEqualTo(before + 1);
    }

    private static long counter(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).mapToLong(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in\n" + metrics));
    }

    @Test
    void badJsonIs400() throws Exception {
        assertError(post(base, "/api/v1/ask", "application/json", "{\"question\": "), 400, "bad_json");
    }

    @Test
    void aMissingQuestionIs400NamingTheField() throws Exception {
        HttpResponse<String> r = post(base, "/api/v1/ask", "application/json", "{\"channel\":\"web\"}");

        assertError(r, 400, "invalid_field");
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("请填写问题");
    }

    @Test
    void aQuestionOneCharacterOverTheLimitIs400() throws Exception {
        int max = config.maxQuestionChars();
        assertThat(ask("问".repeat(max)).statusCode()).isEqualTo(200);

        HttpResponse<String> r = ask("问".repeat(max + 1));

        assertError(r, 400, "invalid_field");
        assertThat(json(r).path("error").path("message").asText()).contains("问题最多 " + max + " 个字");
        assertThat(json(r).path("error").path("field").asText()).isEqualTo("question");
    }

    @Test
    void aBodyNotDeclaredJsonIs415() throws Exception {
        assertError(post(base, "/api/v1/ask", "text/plain", askBody("如何申请")), 415, "unsupported_media_type");
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = askBody("问".repeat(config.maxBodyBytes() / 3 + 10));

        assertError(post(base, "/api/v1/ask", "application/json", big), 413, "body_too_large");
    }

    // ------------------------------------------------------------------ conversations

    @Test
    void anAskIsStoredWithItsAnswerInTheConversationItNames() throws Exception {
        JsonNode a = json(ask(base, "如何申请政府信息公开", null));
        String session = a.path("session").asText();

        assertThat(session).matches("[A-Za-z0-9_-]{32}");
        HttpResponse<String> r = get("/api/v1/conversations/" + session);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode c = json(r);
        assertThat(c.path("id").asText()).isEqualTo(session);
        assertThat(c.path("channel").asText()).isEqualTo("web");
        JsonNode messages = c.path("messages");
        assertThat(messages).hasSize(2);
        JsonNode question = messages.get(0);
        assertThat(question.path("seq").asInt()).isEqualTo(1);
        assertThat(question.path("role").asText()).isEqualTo("citizen");
        assertThat(question.path("text").asText()).isEqualTo("如何申请政府信息公开");
        JsonNode reply = messages.get(1);
        assertThat(reply.path("seq").asInt()).isEqualTo(2);
        assertThat(reply.path("role").asText()).isEqualTo("bot");
        assertThat(reply.path("text").asText()).isEqualTo(a.path("answer").asText());
        assertThat(reply.path("answered").asBoolean()).isTrue();
        assertThat(reply.path("confidence").asDouble()).isEqualTo(a.path("confidence").asDouble());
        assertThat(reply.path("replyTo").asInt()).isEqualTo(1);
        assertThat(reply.path("citations")).isEqualTo(a.path("citations"));
        assertThat(Instant.parse(reply.path("createdAt").asText()))
                .isAfterOrEqualTo(Instant.parse(question.path("createdAt").asText()));
    }

    @Test
    void askingWithTheSessionContinuesTheConversation() throws Exception {
        String session = json(ask(base, "如何申请政府信息公开", null)).path("session").asText();

        JsonNode second = json(ask(base, "今天天气怎么样", session));

        assertThat(second.path("session").asText()).isEqualTo(session);
        JsonNode messages = json(get("/api/v1/conversations/" + session)).path("messages");
        assertThat(messages).extracting(m -> m.path("seq").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(messages.get(2).path("text").asText()).isEqualTo("今天天气怎么样");
        JsonNode unsure = messages.get(3);
        assertThat(unsure.path("answered").asBoolean()).isFalse();
        assertThat(unsure.path("replyTo").asInt()).isEqualTo(3);
        assertThat(unsure.path("citations")).as("the candidates offered instead")
                .hasSize(second.path("candidates").size());
    }

    @Test
    void anUnknownSessionStartsAConversationWithAnIdOfTheServers() throws Exception {
        String session = json(ask(base, "如何申请政府信息公开", "chosen-by-the-client")).path("session").asText();

        assertThat(session).isNotEqualTo("chosen-by-the-client").matches("[A-Za-z0-9_-]{32}");
        assertError(get("/api/v1/conversations/chosen-by-the-client"), 404, "not_found");
        assertThat(json(get("/api/v1/conversations/" + session)).path("messages")).hasSize(2);
    }

    @Test
    void anUnknownConversationIs404AndConversationsAreNeverListed() throws Exception {
        HttpResponse<String> unknown = get("/api/v1/conversations/Qx7vK2mZp9LwT4nR8sYd1aBcEfGhJkMn");

        assertError(unknown, 404, "not_found");
        assertThat(unknown.body()).doesNotContain("Qx7vK2mZp9");
        assertError(get("/api/v1/conversations/" + "a".repeat(65)), 404, "not_found");
        assertError(get("/api/v1/conversations/%27%20OR%201%3D1"), 404, "not_found");
        assertError(get("/api/v1/conversations"), 404, "not_found");
        assertError(get("/api/v1/conversations/"), 404, "not_found");
    }

    @Test
    void concurrentAsksInOneConversationGetDistinctOrderedSeqNumbers() throws Exception {
        String session = json(ask(base, "如何申请政府信息公开", null)).path("session").asText();
        List<String> questions = List.of("政府信息公开申请多久答复", "依申请公开怎么收费", "可以通过网络申请吗",
                "申请需要什么材料", "补正通知是什么", "今天天气怎么样", "第三方意见多久", "如何撤回申请");

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (String q : questions) {
            sent.add(HTTP.sendAsync(postRequest(base, "/api/v1/ask", "application/json", JSON.createObjectNode()
                    .put("question", q).put("session", session).toString()), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(json(r).path("session").asText()).isEqualTo(session);
        }

        JsonNode messages = json(get("/api/v1/conversations/" + session)).path("messages");
        int count = 2 + 2 * questions.size();
        assertThat(messages).extracting(m -> m.path("seq").asInt())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
        Map<Integer, String> asked = new HashMap<>();
        for (JsonNode m : messages) {
            if (m.path("role").asText().equals("citizen")) {
                asked.put(m.path("seq").asInt(), m.path("text").asText());
            } else {
                assertThat(asked).as("each reply follows the question it answers")
                        .containsKey(m.path("replyTo").asInt());
            }
        }
        assertThat(asked.values()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Stream.of("如何申请政府信息公开"), questions.stream()).toList());
    }

    @Test
    void aQuestionIsLoggedMaskedAndStoredAsAsked() throws Exception {
        ch.qos.logback.classic.Logger asks = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.wenzheng.server.chat.AskEndpoint.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        asks.addAppender(lines);
        String question = "我的手机13812345678，如何申请政府信息公开";
        String session;
        try {
            session = json(ask(base, question, null)).path("session").asText();
        } finally {
            asks.detachAppender(lines);
        }

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("138****5678").doesNotContain("13812345678")
                .contains("session=" + session.substring(0, 6) + "…").doesNotContain(session);
        assertThat(json(get("/api/v1/conversations/" + session)).path("messages").get(0).path("text").asText())
                .isEqualTo(question);
    }

    @Test
    void noVariantOfPersonalDataReachesTheQuestionsLogLineUnmasked() throws Exception {
        ch.qos.logback.classic.Logger asks = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.wenzheng.server.chat.AskEndpoint.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        asks.addAppender(lines);
        List<List<PiiFixtures.Variant>> chunks = PiiFixtures.chunks(300);
        try {
            for (List<PiiFixtures.Variant> chunk : chunks) {
                assertThat(ask(base, PiiFixtures.input(chunk), null).statusCode()).isEqualTo(200);
            }
        } finally {
            asks.detachAppender(lines);
        }

        assertThat(lines.list).hasSize(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String line = lines.list.get(i).getFormattedMessage();
            // The server drops invisible characters from a question before anything else (InputText).
            assertThat(line).contains("question=\"" + InputText.clean(PiiFixtures.masked(chunks.get(i))) + "\"");
            for (PiiFixtures.Variant v : chunks.get(i)) {
                assertThat(line).as(v.toString()).doesNotContain(v.input())
                        .doesNotContain(InputText.clean(v.input()));
            }
        }
    }

    @Test
    void aConversationSurvivesARestartOfTheServer() throws Exception {
        Path folder = data.resolve("restart");
        WenzhengServer first = another(config, KnowledgeBases.open(knowledge),
                Database.open(DatabaseConfig.defaults(folder)));
        String session;
        try {
            session = json(ask(uri(first.start()), "如何申请政府信息公开", null)).path("session").asText();
        } finally {
            first.stop();
        }

        WenzhengServer second = another(config, KnowledgeBases.open(knowledge),
                Database.open(DatabaseConfig.defaults(folder)));
        try {
            URI u = uri(second.start());
            assertThat(json(get(u, "/api/v1/conversations/" + session)).path("messages")).hasSize(2);
        } finally {
            second.stop();
        }
    }

    @Test
    void withoutItsDatabaseTheServerAnswers503AndHealthSaysSo() throws Exception {
        Database db = Database.open(DatabaseConfig.defaults(data.resolve("gone")));
        WenzhengServer s = another(config, KnowledgeBases.open(knowledge), db);
        try {
            URI u = uri(s.start());
            db.close();

            HttpResponse<String> asked = ask(u, "如何申请政府信息公开");
            assertError(asked, 503, "unavailable");
            assertThat(asked.headers().firstValue("Retry-After")).isPresent();
            HttpResponse<String> health = get(u, "/healthz");
            assertError(health, 503, "unavailable");
            assertThat(json(health).path("error").path("message").asText()).contains("database");
        } finally {
            s.stop();
        }
    }

    // ------------------------------------------------------------------ routing

    @Test
    void anUnknownPathIs404() throws Exception {
        assertError(get("/api/v1/nothing"), 404, "not_found");
    }

    @Test
    void anotherMethodOnAKnownPathIs405WithAllow() throws Exception {
        HttpResponse<String> r = get("/api/v1/ask");

        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(10_000);
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String response = readResponse(s.getInputStream());
                assertThat(response).startsWith("HTTP/1.1 200 OK").contains("\"status\":\"ok\"");
                assertThat(response.toLowerCase()).doesNotContain("connection: close");
            }
        }
    }

    /** One response with a Content-Length body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(h.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow().substring("content-length:".length()).strip());
        return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ search, documents

    @Test
    void searchReturnsHitsWithEscapedHighlightedSnippetsAndRawRanges() throws Exception {
        HttpResponse<String> r = get("/api/v1/search?q=" + URLEncoder.encode("信息公开 期限", StandardCharsets.UTF_8)
                + "&limit=3");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode hits = json(r).path("hits");
        assertThat(hits).hasSizeBetween(1, 3);
        JsonNode hit = null;
        for (JsonNode candidate : hits) {
            if (!candidate.path("snippet").path("highlights").isEmpty()) {
                hit = candidate;
                break;
            }
        }
        assertThat(hit).as("a hit with highlights among %s", hits).isNotNull();
        JsonNode snippet = hit.path("snippet");
        String text = snippet.path("text").asText();
        JsonNode h = snippet.path("highlights").get(0);
        String marked = text.substring(h.path("start").asInt(), h.path("end").asInt());
        assertThat(snippet.path("html").asText()).contains("<mark>" + marked + "</mark>");
        assertThat(hit.path("text").asText()).isNotBlank();
    }

    @Test
    void searchChecksItsParameters() throws Exception {
        assertError(get("/api/v1/search"), 400, "invalid_field");
        assertError(get("/api/v1/search?q=%20"), 400, "invalid_field");
        assertError(get("/api/v1/search?q=a&limit=0"), 400, "invalid_field");
        assertError(get("/api/v1/search?q=a&limit=" + (config.maxResults() + 1)), 400, "invalid_field");
        assertError(get("/api/v1/search?q=a&limit=ten"), 400, "invalid_field");
    }

    @Test
    void aCitedDocumentOpensWithAllItsPassages() throws Exception {
        JsonNode hits = json(get("/api/v1/search?q=" + URLEncoder.encode("申请 期限", StandardCharsets.UTF_8)))
                .path("hits");
        String id = null;
        for (JsonNode hit : hits) {
            if (!hit.path("kind").asText().equals("FAQ")) {
                id = hit.path("documentId").asText();
                break;
            }
        }
        assertThat(id).as("a document passage among %s", hits).isNotNull();

        HttpResponse<String> r = get("/api/v1/documents/" + URLEncoder.encode(id, StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode d = json(r);
        assertThat(d.path("id").asText()).isEqualTo(id);
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("status").asText()).isIn("有效", "已修订", "已废止");
        assertThat(d.path("passages")).isNotEmpty();
        assertThat(d.path("passages").get(0).path("text").asText()).isNotBlank();
    }

    @Test
    void anUnknownDocumentIs404() throws Exception {
        assertError(get("/api/v1/documents/no-such-document"), 404, "not_found");
    }

    // ------------------------------------------------------------------ health, metrics, pages

    @Test
    void healthReportsTheIndexAndTheDatabase() throws Exception {
        JsonNode h = json(get("/healthz"));

        assertThat(h.path("status").asText()).isEqualTo("ok");
        assertThat(h.path("database").asText()).isEqualTo("ok");
        assertThat(h.path("index").path("documents").asInt()).isPositive();
        assertThat(h.path("index").path("passages").asInt()).isPositive();
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        ask("如何申请政府信息公开");
        // Counted once the answer is flushed, which can be a moment after the client has read it.
        String text = "";
        for (int i = 0; i < 100 && !text.contains("endpoint=\"/api/v1/ask\",method=\"POST\",status=\"200\""); i++) {
            text = get("/metrics").body();
        }
        HttpResponse<String> r = get("/metrics");

        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("wenzheng_http_requests_total{endpoint=\"/api/v1/ask\",method=\"POST\",status=\"200\"}")
                .contains("wenzheng_http_request_duration_seconds_bucket{endpoint=\"/api/v1/ask\",le=\"+Inf\"}")
                .contains("wenzheng_answers_total{answered=\"true\"}")
                .contains("wenzheng_rejected_requests_total{reason=\"overloaded\"}")
                .contains("wenzheng_http_requests_in_flight");
    }

    @Test
    void theChatPageIsServedWithItsSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'"));
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.body()).contains("app.js").contains("问政");
        assertThat(get("/app.js").body()).contains("/api/v1/ask");
        assertThat(get("/app.css").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ refusals under load, failures, shutdown

    @Test
    void overTheRateLimitIs429WithRetryAfter() throws Exception {
        WenzhengServer limited = another(config.withRateLimit(new ServerConfig.RateLimit(1, 2)),
                KnowledgeBases.open(knowledge));
        try {
            URI u = uri(limited.start());
            assertThat(get(u, "/api/v1/documents/x").statusCode()).isEqualTo(404);
            assertThat(get(u, "/api/v1/documents/x").statusCode()).isEqualTo(404);

            HttpResponse<String> r = ask(u, "如何申请政府信息公开");

            assertError(r, 429, "rate_limited");
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                    s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
            assertThat(get(u, "/healthz").statusCode()).as("health is not limited").isEqualTo(200);
        } finally {
            limited.stop();
        }
    }

    @Test
    void aSaturatedServerAnswers503AtOnceAndTheHeldRequestStillSucceeds() throws Exception {
        GatedKnowledgeBase gated = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        WenzhengServer small = another(config.withWorkers(1, 0), gated);
        try {
            URI u = uri(small.start());
            CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(
                    postRequest(u, "/api/v1/ask", "application/json", askBody("如何申请政府信息公开")),
                    HttpResponse.BodyHandlers.ofString());
            gated.awaitEntered();

            assertError(ask(u, "如何申请政府信息公开"), 503, "overloaded");
            assertError(get(u, "/healthz"), 503, "overloaded");
            assertThat(get(u, "/").statusCode()).as("pages need no worker").isEqualTo(200);

            gated.open();
            HttpResponse<String> r = held.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("answered").asBoolean()).isTrue();
        } finally {
            gated.open();
            small.stop();
        }
    }

    @Test
    void anInternalFailureIs500WithoutDetails() throws Exception {
        GatedKnowledgeBase failing = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        failing.open();
        failing.failAnswersWith(new IllegalStateException("index file /srv/secret/_0.cfs is corrupt"));
        WenzhengServer s = another(config, failing);
        try {
            HttpResponse<String> r = ask(uri(s.start()), "如何申请政府信息公开");

            assertError(r, 500, "internal");
            assertThat(r.body()).doesNotContain("secret").doesNotContain("cfs");
        } finally {
            s.stop();
        }
    }

    @Test
    void healthIs503WhenTheKnowledgeBaseFails() throws Exception {
        GatedKnowledgeBase failing = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        WenzhengServer s = another(config, failing);
        try {
            URI u = uri(s.start());
            failing.failStatsWith(new IllegalStateException("already closed"));

            assertError(get(u, "/healthz"), 503, "unavailable");
        } finally {
            s.stop();
        }
    }

    @Test
    void stoppingLetsARequestInFlightFinishThenClosesTheKnowledgeBase() throws Exception {
        GatedKnowledgeBase gated = new GatedKnowledgeBase(KnowledgeBases.open(knowledge));
        WenzhengServer s = another(config, gated);
        URI u = uri(s.start());
        CompletableFuture<HttpResponse<String>> held = HTTP.sendAsync(
                postRequest(u, "/api/v1/ask", "application/json", askBody("如何申请政府信息公开")),
                HttpResponse.BodyHandlers.ofString());
        gated.awaitEntered();

        Thread stopper = new Thread(s::stop, "test-stopper");
        stopper.start();
        awaitRefused(u);
        assertThat(stopper.isAlive()).as("stop waits for the request in flight").isTrue();
        assertThat(gated.closed()).isFalse();

        gated.open();

        HttpResponse<String> r = held.get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("answered").asBoolean()).isTrue();
        stopper.join(30_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(gated.closed()).isTrue();
    }

    /** Waits until the server no longer accepts connections. */
    private static void awaitRefused(URI u) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", u.getPort()), 1_000);
                OutputStream ignored = probe.getOutputStream();
                assertThat(ignored).isNotNull();
            } catch (SocketException refusedOrReset) {
                // Refused once the listener is closed; reset when it closes with the connection pending.
                return;
            }
        }
        throw new AssertionError("the server kept accepting connections");
    }
}
