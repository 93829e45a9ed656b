package org.wenzheng.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.faq.ProposalFixtures;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffConfig;

/**
 * The admin API and page on the real server over a real port, with the shipped sample knowledge
 * base, an SQLite file database and a small upload limit: logins, roles and CSRF on every endpoint,
 * the account rules, uploads and their limits, a background re-index swapped in while citizens
 * ask, and FAQ approval answering the next question, also after a restart.
 */
class AdminEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Small, so that the limit is crossed with a small body. */
    private static final int MAX_UPLOAD_BYTES = 4096;
    /** Off-topic for the sample knowledge base: not answered until an FAQ entry says so. */
    private static final String BOAT_QUESTION = "人民公园的游船几点停止营业？";
    private static final String BOAT_ANSWER = "人民公园游船每天17:30停止售票，18:00停止营业。";

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;
    private static AppConfig app;

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        server = startServer(app);
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static WenzhengServer startServer(AppConfig config) throws IOException {
        AdminConfig admin = new AdminConfig(config.dataDir().resolve("uploads"), MAX_UPLOAD_BYTES);
        KnowledgeConfig knowledge = AdminFeature.withSource(config.knowledgeConfig(), admin.uploadsDir());
        Files.createDirectories(admin.uploadsDir());
        KnowledgeBases.index(knowledge, progress -> { }, false);
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(KnowledgeBases.open(knowledge));
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1_000, 1_000),
                List.of(new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1"),
                        new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1"),
                        new StaffConfig.SeedAccount("clerk", "承办人员", Role.OFFICER, "clerk-password-1")));
        return Assembly.builder(config.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000,
                10_000)), served, Database.open(config.database())).staff(staff).admin(admin, knowledge)
                .departments(java.util.Map.of("hrss", "人力资源和社会保障局")).build().server();
    }

    // ------------------------------------------------------------------ HTTP helpers

    /** A browser of one person: keeps cookies and the CSRF token of its login. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
        final URI at;
        String csrf = "";

        Browser(URI at) {
            this.at = at;
        }

        Browser logIn(String username, String password) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(at.resolve("/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", username)
                            .put("password", password).toString())));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            csrf = JSON.readTree(r.body()).path("csrf").asText();
            return this;
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(at.resolve(path)).GET());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(at.resolve(path)).header("Content-Type", "application/json")
                    .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> postWithoutCsrf(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(at.resolve(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        HttpResponse<String> upload(String name, byte[] content) throws Exception {
            return send(HttpRequest.newBuilder(at.resolve("/api/v1/admin/documents?name="
                            + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/octet-stream").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        }

        JsonNode ok(HttpResponse<String> r, int status) throws IOException {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
            return JSON.readTree(r.body());
        }
    }

    private static Browser admin() throws Exception {
        return new Browser(base).logIn("boss", "boss-password-1");
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String messagePart)
            throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(messagePart);
    }

    private static String json(Object... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], JSON.valueToTree(keysAndValues[i + 1]));
        }
        return node.toString();
    }

    private static JsonNode ask(String question) throws Exception {
        HttpResponse<String> r = new Browser(base).send(HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json("question", question, "channel", "web"))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The admin endpoints, each with a body that would be valid: method, path, body (null for GET). */
    private static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/api/v1/admin/accounts", null},
            new String[] {"POST", "/api/v1/admin/accounts", "{\"username\":\"x1\",\"displayName\":\"x\",\"role\":\"operator\"}"},
            new String[] {"POST", "/api/v1/admin/accounts/1/role", "{\"role\":\"operator\"}"},
            new String[] {"POST", "/api/v1/admin/accounts/1/disabled", "{\"disabled\":false}"},
            new String[] {"POST", "/api/v1/admin/accounts/1/password", "{}"},
            new String[] {"GET", "/api/v1/admin/audit", null},
            new String[] {"GET", "/api/v1/admin/documents", null},
            new String[] {"POST", "/api/v1/admin/documents?name=a.md", "# a\n\nb"},
            new String[] {"GET", "/api/v1/admin/reindex", null},
            new String[] {"POST", "/api/v1/admin/reindex", "{}"},
            new String[] {"GET", "/api/v1/admin/faq-proposals", null},
            new String[] {"POST", "/api/v1/admin/faq-proposals/1", "{}"},
            new String[] {"POST", "/api/v1/admin/faq-proposals/1/approve", "{}"},
            new String[] {"POST", "/api/v1/admin/faq-proposals/1/reject", "{\"reason\":\"x\"}"});

    private static HttpResponse<String> call(Browser b, String[] e, boolean csrf) throws Exception {
        if (e[0].equals("GET")) {
            return b.get(e[1]);
        }
        return csrf ? b.post(e[1], e[2]) : b.postWithoutCsrf(e[1], e[2]);
    }

    // ------------------------------------------------------------------ guard

    @Test
    void everyAdminEndpointAnswers401WithoutALoginAndThePageRedirects() throws Exception {
        Browser anonymous = new Browser(base);
        for (String[] e : ENDPOINTS) {
            assertError(call(anonymous, e, true), 401, "unauthenticated", "");
        }
        HttpResponse<String> page = anonymous.get("/admin");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void everyAdminEndpointAnswers403ToOperatorsAndOfficersWhoMayOnlyOpenThePage() throws Exception {
        Browser operator = new Browser(base).logIn("op", "op-password-1");
        Browser officer = new Browser(base).logIn("clerk", "clerk-password-1");
        for (String[] e : ENDPOINTS) {
            assertError(call(operator, e, true), 403, "forbidden", "");
            assertError(call(officer, e, true), 403, "forbidden", "");
        }
        assertThat(operator.get("/admin").statusCode()).isEqualTo(403);
        HttpResponse<String> page = officer.get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<meta name=\"wz-role\" content=\"officer\">", "承办人员");
    }

    @Test
    void everyStateChangeWithoutTheCsrfTokenIs403AndChangesNothing() throws Exception {
        Browser admin = admin();
        int accounts = admin.ok(admin.get("/api/v1/admin/accounts"), 200).path("accounts").size();
        for (String[] e : ENDPOINTS) {
            if (!e[0].equals("GET")) {
                assertError(call(admin, e, false), 403, "csrf", "请刷新页面");
            }
        }
        assertThat(admin.ok(admin.get("/api/v1/admin/accounts"), 200).path("accounts").size()).isEqualTo(accounts);
        assertThat(Files.exists(data.resolve("uploads/a.md"))).isFalse();
    }

    @Test
    void theAdminPageIsChineseWithoutInlineScriptAndCarriesTheSessionsToken() throws Exception {
        Browser admin = admin();
        HttpResponse<String> page = admin.get("/admin");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "管理后台", "账号", "文档", "FAQ 审核",
                "<meta name=\"wz-csrf\" content=\"" + admin.csrf + "\">", "<script src=\"admin.js\" defer></script>",
                "href=\"/admin/interviews\"");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" onclick");
        assertThat(admin.get("/admin.js").statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin.css").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ accounts

    @Test
    void anAdministratorCreatesAnAccountWhosePasswordIsShownOnceAndWorks() throws Exception {
        Browser admin = admin();

        JsonNode created = admin.ok(admin.post("/api/v1/admin/accounts",
                json("username", "wang", "displayName", "王五", "role", "operator")), 201);

        String password = created.path("password").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(created.path("account").path("username").asText()).isEqualTo("wang");
        assertThat(created.path("account").has("passwordHash")).isFalse();
        new Browser(base).logIn("wang", password);
        JsonNode list = admin.ok(admin.get("/api/v1/admin/accounts"), 200);
        assertThat(list.path("accounts").findValuesAsText("username")).contains("wang", "boss");
        assertThat(list.toString()).doesNotContain("pbkdf2");

        JsonNode chosen = admin.ok(admin.post("/api/v1/admin/accounts",
                json("username", "zhao", "displayName", "赵六", "role", "officer", "password", "zhao-chosen-pass")), 201);
        assertThat(chosen.path("password").isNull()).isTrue();
        new Browser(base).logIn("zhao", "zhao-chosen-pass");

        JsonNode audit = admin.ok(admin.get("/api/v1/admin/audit"), 200);
        assertThat(audit.path("entries").get(0).path("action").asText()).isIn("login_success", "account_created");
        assertThat(audit.path("entries").findValuesAsText("detail")).contains("zhao (officer)", "wang (operator)");
    }

    @Test
    void aBadAccountIsRefusedWith400NamingTheFieldAndATakenNameWith409() throws Exception {
        Browser admin = admin();
        String path = "/api/v1/admin/accounts";

        assertError(admin.post(path, json("displayName", "甲", "role", "operator")), 400, "invalid_field", "请填写用户名");
        assertError(admin.post(path, json("username", "Bad Name", "displayName", "甲", "role", "operator")), 400,
                "invalid_field", "用户名须为 1 到 64 个小写字母");
        assertError(admin.post(path, json("username", "jia", "role", "operator")), 400, "invalid_field",
                "请填写显示名称");
        assertError(admin.post(path, json("username", "jia", "displayName", "甲", "role", "king")), 400,
                "invalid_field", "请选择角色");
        assertError(admin.post(path, json("username", "jia", "displayName", "甲", "role", "operator",
                "password", "short-11ch")), 400, "invalid_field", "密码须为 12 到 256 个字符");
        assertError(admin.post(path, json("username", "jia-long-name", "displayName", "甲", "role", "operator",
                "password", "jia-long-name")), 400, "invalid_field", "密码不能与用户名相同");
        assertError(admin.post(path, json("username", "boss", "displayName", "甲", "role", "operator")), 409,
                "conflict", "已被使用");
        assertError(admin.post("/api/v1/admin/accounts/99999/role", json("role", "operator")), 404, "not_found", "");
        assertError(admin.post("/api/v1/admin/accounts/1/disabled", json("disabled", "yes")), 400, "invalid_field",
                "是否停用");
    }

    @Test
    void anOfficerCreatedForOneDepartmentKeepsItAndOnlyConfiguredDepartmentsAreAccepted() throws Exception {
        Browser admin = admin();
        String path = "/api/v1/admin/accounts";

        JsonNode created = admin.ok(admin.post(path, json("username", "li-hrss", "displayName", "李承办",
                "role", "officer", "department", "hrss")), 201);

        assertThat(created.path("account").path("department").asText()).isEqualTo("hrss");
        JsonNode list = admin.ok(admin.get(path), 200);
        assertThat(list.path("departments").toString()).contains("\"id\":\"hrss\"", "人力资源和社会保障局");
        assertError(admin.post(path, json("username", "li-2", "displayName", "李", "role", "officer",
                "department", "nowhere")), 400, "invalid_field", "部门不存在");
        assertError(admin.post(path, json("username", "li-3", "displayName", "李", "role", "operator",
                "department", "hrss")), 400, "invalid_field", "只有承办人员可以限定部门");
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDemotedNorDisabled() throws Exception {
        Browser boss = admin();
        long bossId = idOf(boss, "boss");

        assertError(boss.post("/api/v1/admin/accounts/" + bossId + "/role", json("role", "officer")), 409,
                "last_admin", "最后一个");
        assertError(boss.post("/api/v1/admin/accounts/" + bossId + "/disabled", json("disabled", true)), 409,
                "last_admin", "最后一个");

        boss.ok(boss.post("/api/v1/admin/accounts", json("username", "deputy", "displayName", "副管理员",
                "role", "admin", "password", "deputy-password-1")), 201);
        Browser deputy = new Browser(base).logIn("deputy", "deputy-password-1");
        long deputyId = idOf(boss, "deputy");
        deputy.ok(deputy.post("/api/v1/admin/accounts/" + bossId + "/role", json("role", "officer")), 200);
        assertError(boss.get("/api/v1/admin/accounts"), 403, "forbidden", "");
        assertError(deputy.post("/api/v1/admin/accounts/" + deputyId + "/disabled", json("disabled", true)), 409,
                "last_admin", "");

        deputy.ok(deputy.post("/api/v1/admin/accounts/" + bossId + "/role", json("role", "admin")), 200);
        assertThat(boss.get("/api/v1/admin/accounts").statusCode()).isEqualTo(200);
    }

    @Test
    void aResetPasswordEndsTheAccountsSessionsAndTheNewOneWorks() throws Exception {
        Browser admin = admin();
        admin.ok(admin.post("/api/v1/admin/accounts", json("username", "sun", "displayName", "孙七",
                "role", "operator", "password", "sun-first-pass")), 201);
        Browser sun = new Browser(base).logIn("sun", "sun-first-pass");
        long id = idOf(admin, "sun");

        JsonNode reset = admin.ok(admin.post("/api/v1/admin/accounts/" + id + "/password", "{}"), 200);

        assertThat(sun.get("/api/v1/me").statusCode()).isEqualTo(401);
        new Browser(base).logIn("sun", reset.path("password").asText());
        assertError(admin.post("/api/v1/admin/accounts/" + id + "/password", json("password", "sun")), 400,
                "invalid_field", "密码须为 12 到 256 个字符");
        admin.ok(admin.post("/api/v1/admin/accounts/" + id + "/disabled", json("disabled", true)), 200);
        assertThat(new Browser(base).send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        json("username", "sun", "password", reset.path("password").asText())))).statusCode())
                .isEqualTo(401);
        assertThat(admin.ok(admin.get("/api/v1/admin/audit"), 200).path("entries").findValuesAsText("action"))
                .contains("account_password_reset", "account_disabled");
    }

    private static long idOf(Browser admin, String username) throws Exception {
        for (JsonNode a : admin.ok(admin.get("/api/v1/admin/accounts"), 200).path("accounts")) {
            if (a.path("username").asText().equals(username)) {
                return a.path("id").asLong();
            }
        }
        throw new AssertionError("no account " + username);
    }

    // ------------------------------------------------------------------ documents

    @Test
    void uploadsAreRefusedOverTheLimitAndWithAPathOrAnUnreadableType() throws Exception {
        Browser admin = admin();
        byte[] doc = "# 测试\n\n正文。".getBytes(StandardCharsets.UTF_8);

        assertError(admin.upload("big.md", new byte[MAX_UPLOAD_BYTES + 1]), 413, "body_too_large",
                String.valueOf(MAX_UPLOAD_BYTES));
        HttpResponse<String> chunked = admin.send(HttpRequest.newBuilder(base.resolve(
                        "/api/v1/admin/documents?name=chunked.md"))
                .header("X-CSRF-Token", admin.csrf)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        new byte[MAX_UPLOAD_BYTES * 3]))));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        for (String bad : List.of("../evil.md", "..", "sub/evil.md", "sub\\evil.md", ".hidden.md", "evil.exe",
                "README.md", "a:b.md")) {
            assertError(admin.upload(bad, doc), 400, "invalid_field", "文件");
        }
        assertError(admin.upload("", doc), 400, "invalid_field", "请选择要上传的文件");
        assertError(admin.upload("gbk.txt", new byte[] {(byte) 0xB2, (byte) 0xE2, (byte) 0xCA}), 400,
                "invalid_field", "文件须为 UTF-8 编码的文本");
        assertError(admin.upload("empty.md", new byte[0]), 400, "invalid_field", "文件内容为空");
        assertThat(Files.exists(data.resolve("evil.md"))).isFalse();
        assertThat(Files.exists(data.resolve("uploads/big.md"))).isFalse();
        // Questions keep the server's own small limit: the upload's does not widen it.
        HttpResponse<String> ask = new Browser(base).send(HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + "问".repeat(20_000) + "\"}")));
        assertThat(ask.statusCode()).isEqualTo(413);

        JsonNode ok = admin.ok(admin.upload("  公园游船.md ", doc), 201);
        assertThat(ok.path("name").asText()).isEqualTo("公园游船.md");
        assertThat(Files.readAllBytes(data.resolve("uploads/公园游船.md"))).isEqualTo(doc);
        assertThat(admin.ok(admin.get("/api/v1/admin/documents"), 200).path("uploads").findValuesAsText("name"))
                .contains("公园游船.md");
    }

    @Test
    void uploadNamesWithBidiControlsOrInvisibleCharactersAreRefusedNamingTheField() throws Exception {
        Browser admin = admin();
        byte[] doc = "# 测试\n\n正文。".getBytes(StandardCharsets.UTF_8);
        // U+202E turns "报告\u202Edm.exe.txt" into what reads as "报告txt.exe.md".
        for (String bad : List.of("报告\u202Edm.exe.txt", "\u202Ba.md", "a\u202Ab.md", "a\u202Cb.md", "a\u202Db.md",
                "a\u2066b.md", "a\u2067b.md", "a\u2068b.md", "a\u2069b.md", "a\u200Eb.md", "a\u200Fb.md",
                "a\u061Cb.md", "a\u200Bb.md", "a\uFEFFb.md", "a\u0000b.md", "a\u0007b.md", "a\tb.md", "a\nb.md",
                "a\u0085b.md", "a\uFFFDb.md")) {
            HttpResponse<String> r = admin.upload(bad, doc);
            assertError(r, 400, "invalid_field", "文件名不能含控制字符或不可见字符");
            assertThat(r.body()).contains(String.format("U+%04X", bad.codePoints()
                    .filter(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0xFFFD)
                    .findFirst().orElseThrow()));
        }
        assertThat(admin.ok(admin.get("/api/v1/admin/documents"), 200).path("uploads").findValuesAsText("name"))
                .noneMatch(n -> n.startsWith("a") || n.startsWith("报告"));
    }

    @Test
    void aReindexRunsInTheBackgroundOneAtATimeAndServesTheUploadWithoutFailingQuestionsInFlight()
            throws Exception {
        Browser admin = admin();
        admin.ok(admin.upload("城市绿道.md", ("# 示例市城市绿道管理办法\n\n## 第一条\n\n"
                + "城市绿道夜间照明开放时间为每日十九时至二十二时三十分，骑行者应当佩戴头盔。\n")
                .getBytes(StandardCharsets.UTF_8)), 201);
        admin.ok(admin.upload("坏文件.md", "没有标题行的文件".getBytes(StandardCharsets.UTF_8)), 201);
        assertThat(search("绿道 夜间照明")).doesNotContain("城市绿道管理办法");
        int before = admin.ok(admin.get("/api/v1/admin/documents"), 200).path("index").path("documents").asInt();

        AtomicBoolean asking = new AtomicBoolean(true);
        ExecutorService citizens = Executors.newFixedThreadPool(2);
        List<Future<List<Integer>>> statuses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            statuses.add(citizens.submit(() -> {
                List<Integer> seen = new ArrayList<>();
                Browser b = new Browser(base);
                while (asking.get()) {
                    seen.add(b.send(HttpRequest.newBuilder(base.resolve("/api/v1/search?q="
                            + URLEncoder.encode("政府信息公开 申请", StandardCharsets.UTF_8)))).statusCode());
                }
                return seen;
            }));
        }
        JsonNode started;
        JsonNode done;
        try {
            started = admin.ok(admin.post("/api/v1/admin/reindex", "{}"), 202);
            assertError(admin.post("/api/v1/admin/reindex", "{}"), 409, "reindex_running", "");
            done = awaitReindex(admin);
        } finally {
            asking.set(false);
            citizens.shutdown();
        }

        assertThat(started.path("state").asText()).isEqualTo("RUNNING");
        assertThat(started.path("startedBy").asText()).isEqualTo("boss");
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("documents").asInt()).isEqualTo(before + 1);
        assertThat(done.path("passages").asLong()).isPositive();
        assertThat(done.path("passagesPerSecond").asDouble()).isPositive();
        assertThat(done.path("problems").toString()).contains("坏文件.md");
        for (Future<List<Integer>> f : statuses) {
            assertThat(f.get()).isNotEmpty().containsOnly(200);
        }
        assertThat(search("绿道 夜间照明")).contains("城市绿道管理办法");
        assertThat(admin.ok(admin.get("/api/v1/admin/documents"), 200).path("index").path("documents").asInt())
                .isEqualTo(before + 1);
        assertThat(admin.ok(admin.post("/api/v1/admin/reindex", "{}"), 202).path("state").asText())
                .isEqualTo("RUNNING");
        assertThat(awaitReindex(admin).path("state").asText()).isEqualTo("DONE");
    }

    private static String search(String q) throws Exception {
        return new Browser(base).get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
    }

    private static JsonNode awaitReindex(Browser admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode s = admin.ok(admin.get("/api/v1/admin/reindex"), 200);
            if (!s.path("state").asText().equals("RUNNING")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the re-index did not finish within 60 s");
    }

    // ------------------------------------------------------------------ FAQ review

    private static long insertProposal(AppConfig config, String code, String question, String answer)
            throws Exception {
        try (Connection c = DriverManager.getConnection(config.database().url(), "", "")) {
            return ProposalFixtures.insertPending(c, code, question, answer,
                    "[{\"title\":\"示例市公园管理规定\",\"article\":\"第八条\"}]");
        }
    }

    @Test
    void anApprovedProposalAnswersTheNextSimilarQuestionAtOnce() throws Exception {
        Browser admin = admin();
        long id = insertProposal(app, "WZ-20261120-0101", BOAT_QUESTION, "游船傍晚停止营业。");
        assertThat(ask(BOAT_QUESTION).path("answered").asBoolean()).isFalse();

        JsonNode pending = admin.ok(admin.get("/api/v1/admin/faq-proposals"), 200);
        assertThat(pending.path("proposals").findValuesAsText("question")).contains(BOAT_QUESTION);
        admin.ok(admin.post("/api/v1/admin/faq-proposals/" + id, json("question", BOAT_QUESTION,
                "alternatives", List.of("公园游船晚上开到几点"), "answer", BOAT_ANSWER,
                "citations", List.of(Map.of("title", "示例市公园管理规定", "article", "第九条")))), 200);
        JsonNode approved = admin.ok(admin.post("/api/v1/admin/faq-proposals/" + id + "/approve", "{}"), 200);

        assertThat(approved.path("status").asText()).isEqualTo("approved");
        assertThat(approved.path("faqId").asText()).isEqualTo("proposal-" + id);
        JsonNode answer = ask(BOAT_QUESTION);
        assertThat(answer.path("answered").asBoolean()).as("the cached 'not sure' is gone: " + answer).isTrue();
        answer = ask("人民公园游船几点停止营业");
        assertThat(answer.path("answered").asBoolean()).as(answer.toString()).isTrue();
        assertThat(answer.path("answer").asText()).contains("18:00停止营业");
        assertThat(ask("公园游船晚上开到几点").path("answer").asText()).contains("18:00停止营业");
        assertError(admin.post("/api/v1/admin/faq-proposals/" + id + "/approve", "{}"), 409, "conflict",
                "已由 boss 批准，不能再修改");
        assertThat(admin.ok(admin.get("/api/v1/admin/faq-proposals?status=approved"), 200)
                .path("proposals").findValuesAsText("answer")).contains(BOAT_ANSWER);
        assertThat(admin.ok(admin.get("/api/v1/admin/audit"), 200).path("entries").findValuesAsText("action"))
                .contains("faq_proposal_approved", "faq_proposal_edited");
    }

    @Test
    void aProposalIsRejectedWithAReasonAndBadEditsNameTheirField() throws Exception {
        Browser admin = admin();
        long id = insertProposal(app, "WZ-20261120-0102", "我家楼下的路灯坏了", "已派人维修。");
        String edit = "/api/v1/admin/faq-proposals/" + id;

        assertError(admin.post(edit, json("answer", "a")), 400, "invalid_field", "请填写问题");
        assertError(admin.post(edit, json("question", "q")), 400, "invalid_field", "请填写答复");
        assertError(admin.post(edit, json("question", "问".repeat(501), "answer", "a")), 400, "invalid_field",
                "问题最多 500 个字，当前 501 个字");
        assertError(admin.post(edit, json("question", "q", "answer", "a", "alternatives", "x")), 400,
                "invalid_field", "其他问法");
        assertError(admin.post(edit, json("question", "q", "answer", "a", "citations", List.of("x"))), 400,
                "invalid_field", "第 1 条出处须填写文件名称");
        assertError(admin.post(edit + "/reject", "{}"), 400, "invalid_field", "请填写驳回理由");
        assertError(admin.get("/api/v1/admin/faq-proposals?status=maybe"), 400, "invalid_field", "状态筛选无效");
        assertError(admin.post("/api/v1/admin/faq-proposals/99999/approve", "{}"), 404, "not_found", "");

        JsonNode rejected = admin.ok(admin.post(edit + "/reject", json("reason", "个案问题")), 200);

        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("rejectReason").asText()).isEqualTo("个案问题");
        assertError(admin.post(edit + "/approve", "{}"), 409, "conflict", "驳回，不能再修改");
        assertThat(admin.ok(admin.get("/api/v1/admin/faq-proposals"), 200).path("proposals")
                .findValuesAsText("question")).doesNotContain("我家楼下的路灯坏了");
    }

    /** Rules none of whose articles shares a word with questions about rowing boats in a park (公园划船). */
    private static final String PARK_RULES = """
            # 示例市公园游览服务规范

            第一条 为了规范本市游览服务，制定本规范。

            第二条 经营单位应当在入口处公示开放时间和服务项目。

            第三条 水上游览项目的经营时间为每日九时至十八时，遇雷雨大风天气暂停。

            第四条 游客应当爱护设施，不得攀折花木。
            """;

    @Test
    void anApprovedProposalTeachesItsArticleToLaterQuestionsInOtherWordsAlsoAfterARestart(@TempDir Path otherData)
            throws Exception {
        AppConfig other = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(otherData));
        Files.createDirectories(otherData.resolve("uploads"));
        Files.writeString(otherData.resolve("uploads/示例市公园游览服务规范.md"), PARK_RULES);
        String later = "公园里划船最晚能玩到几点钟";
        WenzhengServer first = startServer(other);
        URI firstBase = URI.create("http://127.0.0.1:" + first.start().getPort());
        try {
            assertThat(articlesFound(firstBase, later)).as("nothing ties 划船 to 水上游览项目 yet")
                    .doesNotContain("示例市公园游览服务规范第三条");
            long id;
            try (Connection c = DriverManager.getConnection(other.database().url(), "", "")) {
                id = ProposalFixtures.insertPending(c, "WZ-20261120-0104", "公园划船最晚玩到几点",
                        "公园划船每天九点到十八点，雷雨大风天暂停。",
                        "[{\"title\":\"示例市公园游览服务规范\",\"article\":\"第三条\"}]");
            }
            Browser admin = new Browser(firstBase).logIn("boss", "boss-password-1");
            admin.ok(admin.post("/api/v1/admin/faq-proposals/" + id + "/approve", "{}"), 200);

            assertThat(articlesFound(firstBase, later)).first().isEqualTo("示例市公园游览服务规范第三条");
        } finally {
            first.stop();
        }

        WenzhengServer second = startServer(other);
        URI secondBase = URI.create("http://127.0.0.1:" + second.start().getPort());
        try {
            assertThat(articlesFound(secondBase, later)).as("learned again at start")
                    .first().isEqualTo("示例市公园游览服务规范第三条");
        } finally {
            second.stop();
        }
    }

    /** The articles a search lists (FAQ entries left out), best first, as title + article. */
    private static List<String> articlesFound(URI at, String query) throws Exception {
        HttpResponse<String> r = new Browser(at).get("/api/v1/search?q=" + URLEncoder.encode(query,
                StandardCharsets.UTF_8) + "&limit=10");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(r.body()).path("hits")) {
            if (hit.path("kind").asText().equals("ARTICLE")) {
                out.add(hit.path("title").asText() + hit.path("article").asText());
            }
        }
        return out;
    }

    @Test
    void anApprovedProposalStillAnswersAfterARestart(@TempDir Path otherData) throws Exception {
        AppConfig other = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(otherData));
        String question = "动物园的熊猫馆几点开门？";
        WenzhengServer first = startServer(other);
        URI firstBase = URI.create("http://127.0.0.1:" + first.start().getPort());
        try {
            long id = insertProposal(other, "WZ-20261120-0103", question, "熊猫馆每天八点半开门。");
            Browser admin = new Browser(firstBase).logIn("boss", "boss-password-1");
            admin.ok(admin.post("/api/v1/admin/faq-proposals/" + id + "/approve", "{}"), 200);
        } finally {
            first.stop();
        }

        WenzhengServer second = startServer(other);
        URI secondBase = URI.create("http://127.0.0.1:" + second.start().getPort());
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            secondBase.resolve("/api/v1/ask")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json("question", "熊猫馆几点开门", "channel", "web")))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode answer = JSON.readTree(r.body());
            assertThat(answer.path("answered").asBoolean()).as(r.body()).isTrue();
            assertThat(answer.path("answer").asText()).contains("八点半开门");
        } finally {
            second.stop();
        }
    }
}
