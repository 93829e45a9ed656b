package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * The session cookie with {@code staff.secureCookie} on, over a real port: named with the
 * {@code __Host-} prefix, so that a browser accepts it only from this host over HTTPS and nobody
 * else (a sibling subdomain, a page over plain HTTP) can plant one; a plain {@code wz_session}
 * beside it is refused and removed. Java's HTTP client does not send Secure cookies over plain
 * HTTP, so the tests write the Cookie header as a browser behind the TLS proxy would.
 */
class SecureSessionCookieTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECURE_COOKIE = "__Host-wz_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=/;"
            + " HttpOnly; SameSite=Strict; Secure";

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), true, new ServerConfig.RateLimit(1_000, 1_000),
                List.of(new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)), KnowledgeBases.open(knowledge), Database.open(app.database())).chat(ChatConfig.DEFAULTS).staff(staff).build().server();
        InetSocketAddress a = server.start();
        base = URI.create("http://127.0.0.1:" + a.getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void withSecureCookiesTheSessionCookieHasTheHostPrefixAndOnlyThatNameIsASession() throws Exception {
        HttpResponse<String> in = send(post("/api/v1/login", "{\"username\":\"op\",\"password\":\"op-password-1\"}"));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
        assertThat(in.headers().allValues("Set-Cookie")).singleElement().asString().matches(SECURE_COOKIE);
        String token = token(in);

        assertThat(send(get("/api/v1/me").header("Cookie", "__Host-wz_session=" + token)).statusCode())
                .isEqualTo(200);
        assertThat(send(get("/api/v1/me").header("Cookie", "wz_session=" + token)).statusCode())
                .as("the plain name, which anyone able to set cookies for this host could have planted")
                .isEqualTo(401);

        String csrf = JSON.readTree(in.body()).path("csrf").asText();
        HttpResponse<String> out = send(post("/api/v1/logout", "{}").header("Cookie", "__Host-wz_session=" + token)
                .header("X-CSRF-Token", csrf));
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        assertThat(out.headers().allValues("Set-Cookie"))
                .containsExactly("__Host-wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure");
    }

    @Test
    void aPlainSessionCookieNextToTheHostPrefixedOneIsRefusedAndRemoved() throws Exception {
        String token = token(send(post("/api/v1/login", "{\"username\":\"op\",\"password\":\"op-password-1\"}")));

        HttpResponse<String> both = send(get("/api/v1/me")
                .header("Cookie", "wz_session=planted; __Host-wz_session=" + token));

        assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
        assertThat(JSON.readTree(both.body()).path("error").path("code").asText())
                .isEqualTo("duplicate_session_cookie");
        assertThat(both.headers().allValues("Set-Cookie")).as("the planted one is removed, the session kept")
                .containsExactly("wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure");
        assertThat(send(get("/api/v1/me").header("Cookie", "__Host-wz_session=" + token)).statusCode())
                .isEqualTo(200);
    }

    private static String token(HttpResponse<String> login) {
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
}
