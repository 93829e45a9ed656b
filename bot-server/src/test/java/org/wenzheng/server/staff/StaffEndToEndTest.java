package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
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
 * Staff login, sessions, CSRF and roles on the real server over a real port, spoken to with
 * Java's HTTP client; a client with a {@link CookieManager} plays the browser.
 */
class StaffEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COOKIE = "wz_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=/; HttpOnly; SameSite=Strict";

    /**
     * Ten attempts, then one a minute: the tests' own logins of one account stay within the burst,
     * and no token comes back during the rate-limit test however slow the machine.
     */
    private static final ServerConfig.RateLimit LOGIN_LIMIT = new ServerConfig.RateLimit(1, 10);

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, LOGIN_LIMIT, List.of(
                new StaffConfig.SeedAccount("op", "接线员<script>alert(1)</script>&一", Role.OPERATOR, "op-password-1"),
                new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1"),
                new StaffConfig.SeedAccount("host", "主持人", Role.MODERATOR, "host-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)), KnowledgeBases.open(knowledge), Database.open(app.database())).chat(ChatConfig.DEFAULTS).staff(staff).build().server();
        InetSocketAddress a = server.start();
        base = URI.create("http://127.0.0.1:" + a.getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** A browser: keeps cookies, does not follow redirects (so that they can be seen). */
    private static HttpClient browser() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    private static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder login(String username, String password) {
        return post("/api/v1/login", JSON.createObjectNode().put("username", username).put("password", password)
                .toString());
    }

    /** Logs the browser in; the body of the answer (with the CSRF token). */
    private static JsonNode logIn(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> r = send(browser, login(username, password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo(code);
    }

    // ------------------------------------------------------------------ pages

    @Test
    void theLoginPageIsChineseWithTheChatPagesStyleAndNoInlineScript() throws Exception {
        HttpResponse<String> page = send(browser(), get("/login"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "工作人员登录", "用户名", "密码",
                "href=\"app.css\"", "<script src=\"login.js\" defer></script>");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" on");
        for (String file : new String[] {"/login.js", "/console.js", "/staff.css"}) {
            assertThat(send(browser(), get(file)).statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void withoutASessionPagesRedirectToLoginAndTheApiAnswers401() throws Exception {
        HttpClient anonymous = browser();

        HttpResponse<String> console = send(anonymous, get("/console"));
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValue("/login");

        assertError(send(anonymous, get("/api/v1/me")), 401, "unauthenticated");
        assertError(send(anonymous, post("/api/v1/logout", "{}")), 401, "unauthenticated");
        assertError(send(anonymous, get("/api/v1/me").header("Cookie", "wz_session=made-up-token")), 401,
                "unauthenticated");
    }

    // ------------------------------------------------------------------ login

    @Test
    void loginSetsTheSessionCookieWithExactlyTheseAttributes() throws Exception {
        HttpResponse<String> r = send(browser(), login("op", "op-password-1"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).singleElement().asString().matches(COOKIE);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("username").asText()).isEqualTo("op");
        assertThat(body.path("role").asText()).isEqualTo("operator");
        assertThat(body.path("csrf").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(r.body()).doesNotContain("password").doesNotContain(r.headers().firstValue("Set-Cookie")
                .orElseThrow().substring("wz_session=".length(), "wz_session=".length() + 43));
    }

    @Test
    void theCookieIsSecureWhenTheRequestCameOverHttpsThroughAProxy() throws Exception {
        HttpResponse<String> r = send(browser(), login("op", "op-password-1").header("X-Forwarded-Proto", "https"));

        assertThat(r.headers().allValues("Set-Cookie")).singleElement().asString().matches(COOKIE + "; Secure");
    }

    @Test
    void aRequestWithTwoSessionCookiesIsRefusedRatherThanOneOfThemPicked() throws Exception {
        String cookie = send(browser(), login("op", "op-password-1")).headers().firstValue("Set-Cookie")
                .orElseThrow().split(";")[0];
        String[][] cases = {
                {cookie + "; wz_session=planted", "wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"},
                {"wz_session=planted; theme=dark; " + cookie, "wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict"},
                {cookie + "; __Host-wz_session=planted",
                        "__Host-wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure"},
        };
        for (String[] c : cases) {
            for (String path : List.of("/api/v1/me", "/console")) {
                HttpResponse<String> r = send(browser(), get(path).header("Cookie", c[0]));

                assertError(r, 400, "duplicate_session_cookie");
                assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains("多个会话 Cookie");
                assertThat(r.headers().allValues("Set-Cookie")).as(c[0]).containsExactly(c[1]);
            }
        }
        HttpResponse<String> twoHeaders = send(browser(), get("/api/v1/me").header("Cookie", cookie)
                .header("Cookie", "wz_session=planted"));
        assertError(twoHeaders, 400, "duplicate_session_cookie");

        assertThat(send(browser(), get("/api/v1/me").header("Cookie", cookie + "; theme=dark")).statusCode())
                .as("the session itself is untouched").isEqualTo(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameGenericAnswerAndNoCookie() throws Exception {
        for (HttpRequest.Builder attempt : List.of(login("op", "wrong-password"), login("nobody", "op-password-1"))) {
            HttpResponse<String> r = send(browser(), attempt);

            assertError(r, 401, "login_failed");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).isEqualTo("用户名或密码错误");
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void aLoginWithoutTheFieldsIsABadRequest() throws Exception {
        assertError(send(browser(), post("/api/v1/login", "{\"username\":\"op\"}")), 400, "invalid_field");
        assertError(send(browser(), post("/api/v1/login", "{\"username\":\"op\",\"password\":7}")), 400,
                "invalid_field");
        assertError(send(browser(), post("/api/v1/login", "username=op")), 400, "bad_json");
    }

    @Test
    void repeatedLoginsForOneUsernameFromOneAddressAreRateLimited() throws Exception {
        HttpClient client = browser();
        for (int i = 0; i < LOGIN_LIMIT.burst(); i++) {
            assertError(send(client, login("guessed", "guess-" + i)), 401, "login_failed");
        }

        HttpResponse<String> limited = send(client, login("guessed", "guess-last"));

        assertError(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(30, 60);
        assertThat(send(client, login("boss", "boss-password-1")).statusCode()).as("another username").isEqualTo(200);
    }

    // ------------------------------------------------------------------ sessions and roles

    @Test
    void anOperatorSeesTheConsoleWithTheirNameEscaped() throws Exception {
        HttpClient browser = browser();
        JsonNode session = logIn(browser, "op", "op-password-1");

        HttpResponse<String> console = send(browser, get("/console"));

        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(console.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(console.body()).contains("接线员控制台", "接线员&lt;script&gt;alert(1)&lt;/script&gt;&amp;一",
                "退出登录", "content=\"" + session.path("csrf").asText() + "\"")
                .doesNotContain("<script>alert");
        JsonNode me = JSON.readTree(send(browser, get("/api/v1/me")).body());
        assertThat(me.path("username").asText()).isEqualTo("op");
        assertThat(me.path("displayName").asText()).isEqualTo("接线员<script>alert(1)</script>&一");
        assertThat(me.path("csrf").asText()).isEqualTo(session.path("csrf").asText());
    }

    @Test
    void anAdminMayUseTheConsoleAndAModeratorMayNot() throws Exception {
        HttpClient admin = browser();
        logIn(admin, "boss", "boss-password-1");
        HttpClient moderator = browser();
        logIn(moderator, "host", "host-password-1");

        assertThat(send(admin, get("/console")).statusCode()).isEqualTo(200);
        assertError(send(moderator, get("/console")), 403, "forbidden");
        assertThat(send(moderator, get("/api/v1/me")).statusCode()).as("any role knows itself").isEqualTo(200);
    }

    @Test
    void logoutNeedsTheSessionsCsrfTokenAndThenEndsTheSession() throws Exception {
        HttpClient browser = browser();
        String csrf = logIn(browser, "op", "op-password-1").path("csrf").asText();
        String otherCsrf = logIn(browser(), "op", "op-password-1").path("csrf").asText();

        assertError(send(browser, post("/api/v1/logout", "{}")), 403, "csrf");
        assertError(send(browser, post("/api/v1/logout", "{}").header("X-CSRF-Token", "")), 403, "csrf");
        assertError(send(browser, post("/api/v1/logout", "{}").header("X-CSRF-Token", otherCsrf)), 403, "csrf");
        assertThat(send(browser, get("/api/v1/me")).statusCode()).as("still logged in").isEqualTo(200);

        HttpResponse<String> out = send(browser, post("/api/v1/logout", "{}").header("X-CSRF-Token", csrf));

        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        assertThat(out.headers().allValues("Set-Cookie"))
                .containsExactly("wz_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
        assertError(send(browser, get("/api/v1/me")), 401, "unauthenticated");
        assertThat(send(browser, get("/console")).statusCode()).isEqualTo(302);
    }

    @Test
    void aLoggedOutTokenIsDeadEvenWhenSentAgain() throws Exception {
        HttpResponse<String> in = send(browser(), login("op", "op-password-1"));
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = JSON.readTree(in.body()).path("csrf").asText();
        HttpClient replay = browser();

        assertThat(send(replay, post("/api/v1/logout", "{}").header("Cookie", cookie).header("X-CSRF-Token", csrf))
                .statusCode()).isEqualTo(200);

        assertError(send(replay, get("/api/v1/me").header("Cookie", cookie)), 401, "unauthenticated");
    }

    // ------------------------------------------------------------------ explained search

    private static final String QUERY = "q=" + URLEncoder.encode("申请公开 期限", StandardCharsets.UTF_8) + "&limit=12";

    @Test
    void rankingExplanationsAreForStaffOnly() throws Exception {
        assertError(send(browser(), get("/api/v1/search?" + QUERY + "&explain=true")), 403, "forbidden");
        assertError(send(browser(), get("/api/v1/staff/search?" + QUERY + "&explain=true")), 401, "unauthenticated");
        HttpResponse<String> open = send(browser(), get("/api/v1/search?" + QUERY + "&explain=false"));
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        assertThat(JSON.readTree(open.body()).path("hits").get(0).has("explanation")).isFalse();

        HttpClient moderator = browser();
        logIn(moderator, "host", "host-password-1");
        HttpResponse<String> explained = send(moderator, get("/api/v1/staff/search?" + QUERY + "&explain=true"));
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        assertThat(JSON.readTree(explained.body()).path("hits").get(0).has("explanation")).isTrue();
    }

    @Test
    void theStaffSearchExplainsEachHitWithSignalsSummingToItsScore() throws Exception {
        HttpClient operator = browser();
        logIn(operator, "op", "op-password-1");

        JsonNode hits = JSON.readTree(send(operator, get("/api/v1/staff/search?" + QUERY + "&explain=true")).body())
                .path("hits");

        JsonNode plain = JSON.readTree(send(browser(), get("/api/v1/search?" + QUERY)).body()).path("hits");
        assertThat(hits).hasSize(plain.size());
        for (int i = 0; i < hits.size(); i++) {
            JsonNode hit = hits.get(i);
            assertThat(hit.path("passageId")).isEqualTo(plain.get(i).path("passageId"));
            assertThat(hit.path("score")).isEqualTo(plain.get(i).path("score"));
            JsonNode e = hit.path("explanation");
            double sum = 0;
            for (JsonNode signal : e.path("signals")) {
                assertThat(signal.path("contribution").asDouble()).as(signal.toString())
                        .isEqualTo(signal.path("raw").asDouble() * signal.path("weight").asDouble());
                sum += signal.path("contribution").asDouble();
            }
            assertThat(e.path("total").asDouble()).isEqualTo(sum).isEqualTo(hit.path("score").asDouble());
            assertThat(e.path("order").asText()).isNotBlank();
        }
        JsonNode last = hits.get(hits.size() - 1).path("explanation");
        assertThat(last.path("signals")).extracting(s -> s.path("signal").asText()).containsExactly("text",
                "lawMention", "history", "expansion", "lawVotes", "chapterVotes", "lawPrior", "namedArticle",
                "semantic", "meaningVotes");
        assertThat(JSON.readTree(send(operator, get("/api/v1/staff/search?" + QUERY)).body()).path("hits").get(0)
                .has("explanation")).isFalse();
        assertError(send(operator, get("/api/v1/staff/search?" + QUERY + "&explain=maybe")), 400, "invalid_field");
        assertError(send(operator, get("/api/v1/staff/search?q=%20&explain=true")), 400, "invalid_field");
    }

    @Test
    void citizenEndpointsStayOpenWithoutLoginOrCsrf() throws Exception {
        HttpResponse<String> asked = send(browser(), post("/api/v1/ask",
                "{\"question\":\"如何申请政府信息公开？\",\"channel\":\"web\"}"));

        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        assertThat(send(browser(), get("/")).statusCode()).isEqualTo(200);
    }
}
