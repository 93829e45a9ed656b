package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.db.Database;

/**
 * Text no person types, sent to the real server: invisible and control characters in searches
 * and questions, and JSON bodies that are not well-formed UTF-8. None of it may end in a 500.
 */
class UntrustedTextEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void indexTheSampleAndStart() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, KnowledgeBases.open(knowledge), Database.open(app.database())).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> postJson(String path, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> ask(String questionJsonLiteral) throws IOException, InterruptedException {
        return postJson("/api/v1/ask", ("{\"question\":\"" + questionJsonLiteral + "\",\"channel\":\"api\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    // ------------------------------------------------------------------ search

    /** Queries, percent-encoded as sent, that hold nothing to search for once cleaned. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL alone                      | %00
            U+0001                         | %01
            U+200B zero-width space        | %E2%80%8B
            U+200C zero-width non-joiner   | %E2%80%8C
            U+200D zero-width joiner       | %E2%80%8D
            U+FEFF byte order mark         | %EF%BB%BF
            U+FFFD replacement character   | %EF%BF%BD
            U+2060 word joiner             | %E2%81%A0
            U+202E right-to-left override  | %E2%80%AE
            DEL and C1 NEL                 | %7F%C2%85
            mixed controls and invisibles  | %00%E2%80%8B%EF%BF%BD%01%E2%81%A0%EF%BB%BF
            percent-encoded overlong slash | %C0%AF
            percent-encoded lone surrogate | %ED%A0%80
            invisibles around spaces       | %20%E2%80%8B%20%00%20
            """)
    void aSearchForNothingButInvisibleCharactersIs400(String variant, String encoded) throws Exception {
        assertError(get("/api/v1/search?q=" + encoded), 400, "invalid_field");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL inside a real query            | 信息%00公开
            zero-width space inside            | 信息%E2%80%8B公开
            U+FFFD and U+0001 around it        | %EF%BF%BD信息公开%01
            bidi override inside               | 信息%E2%80%AE公开
            """)
    void invisibleCharactersInsideARealQueryAreIgnored(String variant, String encoded) throws Exception {
        HttpResponse<String> clean = get("/api/v1/search?q=" + "信息公开");
        HttpResponse<String> r = get("/api/v1/search?q=" + encoded);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("hits")).isNotEmpty();
        assertThat(JSON.readTree(r.body()).path("hits").get(0).path("passageId"))
                .isEqualTo(JSON.readTree(clean.body()).path("hits").get(0).path("passageId"));
    }

    // ------------------------------------------------------------------ ask

    /** Questions, as JSON string literals, that hold nothing to answer once cleaned. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL alone                     | \\u0000
            U+0001                        | \\u0001
            U+200B                        | \\u200B
            U+200C                        | \\u200C
            U+200D                        | \\u200D
            U+FEFF                        | \\uFEFF
            U+FFFD                        | \\uFFFD
            U+2060                        | \\u2060
            bidi controls                 | \\u202A\\u202E\\u2066\\u2069\\u200E\\u200F\\u061C
            mixed                         | \\u0000 \\u200B\\uFFFD\\u0001\\u2060
            """)
    void aQuestionOfNothingButInvisibleCharactersIs400(String variant, String literal) throws Exception {
        assertError(ask(literal), 400, "invalid_field");
    }

    @Test
    void aNulInsideARealQuestionIsRemovedBeforeItIsAnsweredAndStored() throws Exception {
        HttpResponse<String> r = ask("如何申请\\u0000政府信息\\u200B公开？");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("question").asText()).isEqualTo("如何申请政府信息公开？");
        assertThat(answer.path("answered").asBoolean()).isTrue();
    }

    // ------------------------------------------------------------------ JSON bodies

    @Test
    void aBodyWithAnOverlongUtf8SequenceIsBadJson() throws Exception {
        // C0 AF is an overlong "/": a lenient decoder turns it into a slash.
        byte[] body = bytes("{\"question\":\"如何申请", 0xC0, 0xAF, "\"}");

        assertError(postJson("/api/v1/ask", body), 400, "bad_json");
    }

    @Test
    void aBodyWithAnEncodedSurrogateIsBadJson() throws Exception {
        // ED A0 80 is U+D800 encoded as if it were a character (CESU-8), not UTF-8.
        byte[] body = bytes("{\"question\":\"如何申请", 0xED, 0xA0, 0x80, "\"}");

        assertError(postJson("/api/v1/ask", body), 400, "bad_json");
    }

    @Test
    void aBodyWithAnEscapedLoneSurrogateIsBadJson() throws Exception {
        assertError(ask("如何申请\\uD800"), 400, "bad_json");
        assertError(ask("\\uDC00如何申请"), 400, "bad_json");
    }

    @Test
    void anEscapedSurrogatePairIsAValidCharacter() throws Exception {
        HttpResponse<String> r = ask("如何申请政府信息公开\\uD83D\\uDE00");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("question").asText()).isEqualTo("如何申请政府信息公开😀");
    }

    @Test
    void aFieldNameWithALoneSurrogateIsBadJson() throws Exception {
        assertError(postJson("/api/v1/ask", "{\"question\":\"如何申请\",\"x\\uD800\":1}"
                .getBytes(StandardCharsets.UTF_8)), 400, "bad_json");
    }

    /** Text and raw bytes, in order, as one byte array. */
    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }
}
