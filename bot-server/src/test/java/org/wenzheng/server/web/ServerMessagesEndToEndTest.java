package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * The refusals a page shows as they come (the chat's search and documents, /admin's accounts, FAQ
 * review and mail, the console's call log, a mistyped API address), sent over a real socket to a
 * server with every page's feature: each answers its machine code and the field at fault, and a
 * message with no English word in it, so a Chinese reader meets none on the page.
 */
class ServerMessagesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void startServer() throws IOException {
        AppConfig app = SampleSite.config(data);
        AdminConfig admin = app.admin();
        Files.createDirectories(admin.uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), admin.uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, new SwappableKnowledgeBase(KnowledgeBases.open(k)), Database.open(app.database()))
                .staff(app.staff().withLoginRateLimit(new ServerConfig.RateLimit(100_000, 10_000))).admin(admin, k)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(app.mail().withPorts(freePort(), freePort()), data.resolve("mail"))
                .hotline(app.hotline(), name -> Optional.empty())
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * One refusal as the client received it.
     *
     * @param typed what the request itself said and the message repeats (a mistyped address): no
     *     message of ours, as {@link EnglishWords#onPageWithout} leaves it out
     */
    private record Refusal(String request, int status, String code, String field, String message, String typed) {
        /** The English words a Chinese reader would meet in it. */
        List<String> englishWords() {
            return EnglishWords.in(typed.isEmpty() ? message : message.replace(typed, " "));
        }

        Refusal repeating(String data) {
            assertThat(message).as(request).contains(data);
            return new Refusal(request, status, code, field, message, data);
        }
    }

    @Test
    void theChatsSearchDocumentsAndConversationsRefuseInChineseNamingTheField() throws Exception {
        Client citizen = new Client();
        Client operator = new Client().logIn("operator", "demo-operator-2026");
        List<Refusal> seen = new ArrayList<>();

        seen.add(citizen.expect("GET", "/api/v1/search", null, 400, "invalid_field", "q"));
        seen.add(citizen.expect("GET", "/api/v1/search?q=%20%20", null, 400, "invalid_field", "q"));
        seen.add(citizen.expect("GET", "/api/v1/search?q=" + URLEncoder.encode("问".repeat(600), StandardCharsets.UTF_8),
                null, 400, "invalid_field", "q"));
        seen.add(citizen.expect("GET", "/api/v1/search?q=%E5%85%AC%E5%BC%80&limit=0", null, 400, "invalid_field",
                "limit"));
        seen.add(citizen.expect("GET", "/api/v1/search?q=%E5%85%AC%E5%BC%80&limit=many", null, 400, "invalid_field",
                "limit"));
        seen.add(operator.expect("GET", "/api/v1/staff/search?q=%E5%85%AC%E5%BC%80&explain=maybe", null, 400,
                "invalid_field", "explain"));
        seen.add(citizen.expect("GET", "/api/v1/chat/hot?limit=0", null, 400, "invalid_field", "limit"));
        seen.add(citizen.expect("GET", "/api/v1/documents/" + "1".repeat(400), null, 400, "invalid_field", "id"));
        seen.add(citizen.expect("GET", "/api/v1/documents/12345", null, 404, "not_found", null));
        seen.add(citizen.expect("GET", "/api/v1/conversations/12345", null, 404, "not_found", null));
        seen.add(citizen.expect("GET", "/api/v1/no-such-thing", null, 404, "not_found", null)
                .repeating("/api/v1/no-such-thing"));
        seen.add(operator.expect("GET", "/api/v1/staff/calls/12345", null, 404, "not_found", null));

        assertAllChinese(seen);
        assertThat(seen.get(2).message()).contains("搜索内容最多 500 个字，当前 600 个字");
        assertThat(seen.get(3).message()).contains("条数");
    }

    @Test
    void adminsAccountsFaqReviewAndMailRefuseInChineseNamingTheField() throws Exception {
        Client admin = new Client().logIn("admin", "demo-admin-2026");
        List<Refusal> seen = new ArrayList<>();
        String edit = "/api/v1/admin/faq-proposals/99999";
        String longText = "问".repeat(501);

        seen.add(admin.expect("POST", "/api/v1/admin/accounts/99999/disabled", "{\"disabled\":\"yes\"}", 400,
                "invalid_field", "disabled"));
        seen.add(admin.expect("POST", "/api/v1/admin/accounts/99999/disabled", "{\"disabled\":true}", 404,
                "not_found", null));
        seen.add(admin.expect("GET", "/api/v1/admin/audit?page=-1", null, 400, "invalid_field", "page"));
        String token = admin.csrf;
        admin.csrf = "stale";
        seen.add(admin.expect("POST", "/api/v1/admin/accounts/99999/disabled", "{\"disabled\":true}", 403, "csrf",
                null));
        admin.csrf = token;

        seen.add(admin.expect("POST", edit, "{\"answer\":\"答\"}", 400, "invalid_field", "question"));
        seen.add(admin.expect("POST", edit, "{\"question\":\"" + longText + "\",\"answer\":\"答\"}", 400,
                "invalid_field", "question"));
        seen.add(admin.expect("POST", edit, "{\"question\":\"问\",\"answer\":\"答\",\"alternatives\":\"x\"}", 400,
                "invalid_field", "alternatives"));
        seen.add(admin.expect("POST", edit, "{\"question\":\"问\",\"answer\":\"答\",\"alternatives\":[\"" + longText
                + "\"]}", 400, "invalid_field", "alternatives[0]"));
        seen.add(admin.expect("POST", edit, "{\"question\":\"问\",\"answer\":\"答\",\"citations\":[\"x\"]}", 400,
                "invalid_field", "citations[0].title"));
        seen.add(admin.expect("POST", edit, "{\"question\":\"问\",\"answer\":\"答\",\"citations\":[{\"title\":\"规定\","
                + "\"article\":\"" + longText + "\"}]}", 400, "invalid_field", "citations[0].article"));
        // Over the server's body limit (16 KB in the shipped configuration), as a long answer in Chinese is.
        seen.add(admin.expect("POST", edit, "{\"question\":\"问\",\"answer\":\"" + "答".repeat(7_000) + "\"}", 413,
                "body_too_large", null));
        seen.add(admin.expect("POST", edit + "/reject", "{}", 400, "invalid_field", "reason"));
        seen.add(admin.expect("GET", "/api/v1/admin/faq-proposals?status=maybe", null, 400, "invalid_field",
                "status"));
        seen.add(admin.expect("POST", edit + "/approve", "{}", 404, "not_found", null));

        seen.add(admin.expect("GET", "/api/v1/staff/outbox?status=maybe", null, 400, "invalid_field", "status"));
        seen.add(admin.expect("GET", "/api/v1/staff/outbox?limit=0", null, 400, "invalid_field", "limit"));
        seen.add(admin.expect("POST", "/api/v1/staff/outbox/12345/retry", "{}", 404, "not_found", null));
        seen.add(admin.expect("GET", "/api/v1/staff/held?status=maybe", null, 400, "invalid_field", "status"));
        seen.add(admin.expect("GET", "/api/v1/staff/held/12345", null, 404, "not_found", null));
        seen.add(admin.expect("POST", "/api/v1/staff/held/12345/release", "{\"ticket\":\"WZ-20261120-0102\"}", 404,
                "not_found", null));
        seen.add(admin.expect("POST", "/api/v1/staff/held/12345/discard", "{}", 404, "not_found", null));

        assertAllChinese(seen);
        assertThat(seen.get(1).message()).contains("账号");
        assertThat(seen.get(5).message()).contains("问题最多 500 个字，当前 501 个字");
        assertThat(seen.get(9).message()).contains("第 1 条出处的条款");
        assertThat(seen.get(14).message()).contains("待发送", "已发送", "发送失败");
    }

    private static void assertAllChinese(List<Refusal> seen) {
        assertThat(seen).allSatisfy(r -> assertThat(r.message()).as(r.request()).isNotBlank());
        assertThat(seen.stream().filter(r -> !r.englishWords().isEmpty()).map(r -> r.request() + " -> " + r.message())
                .toList()).as("refusals a person reads in English").isEmpty();
    }

    /** A browser's cookies and CSRF token, over HTTP/1.1 to the server. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        private String csrf = "";

        Client logIn(String username, String password) throws Exception {
            HttpResponse<String> r = send("POST", "/api/v1/login", JSON.createObjectNode().put("username", username)
                    .put("password", password).toString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            csrf = JSON.readTree(r.body()).path("csrf").asText();
            return this;
        }

        private HttpResponse<String> send(String method, String path, String json) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
            if (json == null) {
                b.GET();
            } else {
                b.header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        Refusal expect(String method, String path, String json, int status, String code, String field)
                throws Exception {
            HttpResponse<String> r = send(method, path, json);
            String shown = method + " " + (path.length() > 80 ? path.substring(0, 80) + "…" : path);
            assertThat(r.statusCode()).as(shown + ": " + r.body()).isEqualTo(status);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asText()).as(shown).isEqualTo(code);
            if (field != null) {
                assertThat(error.path("field").asText()).as(shown + ": " + r.body()).isEqualTo(field);
            }
            return new Refusal(shown, status, code, field, error.path("message").asText(), "");
        }
    }
}
