package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.staff.Role;
import org.wenzheng.testing.JsonSocket;

/**
 * The ticket API on the real server over a real port, with the sample configuration's departments
 * and calendar: citizens create and read tickets, staff act on them with their roles and CSRF
 * tokens, and an officer's answer reaches the citizen's open chat.
 */
class TicketsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 20;
    /** A question the sample knowledge base cannot answer. */
    private static final String UNANSWERABLE = "我家楼下的路灯坏了好几天了找谁修";

    @TempDir
    static Path data;

    private static AppConfig app;
    private static Database database;
    private static WenzhengServer server;
    private static URI base;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        database = Database.open(app.database());
        server = start(app.tickets().orElseThrow().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000))
                .withTracking(new TicketsConfig.Tracking(8, new ServerConfig.RateLimit(10_000, 10_000),
                        new ServerConfig.RateLimit(10_000, 10_000))), database);
        InetSocketAddress a = server.start();
        port = a.getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    private static WenzhengServer start(TicketsConfig tickets, Database db) throws IOException {
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("wang", "王承办", Role.OFFICER, "officer-password-1"),
                        new StaffConfig.SeedAccount("li", "李承办", Role.OFFICER, "officer-password-2", "hrss"),
                        new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        return Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), db).staff(staff).tickets(tickets, app.deadlines())
                .build().server();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient c, HttpRequest.Builder r) throws Exception {
        return c.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder get(URI root, String path) {
        return HttpRequest.newBuilder(root.resolve(path)).GET();
    }

    private static HttpRequest.Builder post(URI root, String path, String json) {
        return HttpRequest.newBuilder(root.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private static ObjectNode body(String question) {
        return JSON.createObjectNode().put("question", question).put("channel", "web");
    }

    private static JsonNode create(ObjectNode body) throws Exception {
        HttpResponse<String> r = send(client(), post(base, "/api/v1/tickets", body.toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo(code);
    }

    /** A logged-in staff browser and its CSRF token. */
    private record Staff(HttpClient client, String csrf) {
        HttpResponse<String> post(String path, String json) throws Exception {
            return send(client, TicketsEndToEndTest.post(base, path, json).header("X-CSRF-Token", csrf));
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(client, TicketsEndToEndTest.get(base, path));
        }
    }

    private static Staff login(String user, String password) throws Exception {
        HttpClient c = client();
        HttpResponse<String> r = send(c, post(base, "/api/v1/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Staff(c, JSON.readTree(r.body()).path("csrf").asText());
    }

    // ------------------------------------------------------------------ citizens

    @Test
    void anUnansweredQuestionOffersATicketAndTheTicketIsReadWithItsKey() throws Exception {
        HttpResponse<String> asked = send(client(), post(base, "/api/v1/ask", body(UNANSWERABLE).toString()));
        JsonNode a = JSON.readTree(asked.body());
        assertThat(a.path("answered").asBoolean()).as(asked.body()).isFalse();
        assertThat(a.path("ticket").path("offered").asBoolean()).isTrue();

        JsonNode t = create(body(UNANSWERABLE).put("session", a.path("session").asText()));

        assertThat(t.path("code").asText()).matches("WZ-\\d{8}-\\d{4}");
        assertThat(t.path("key").asText()).matches("[A-Za-z0-9_-]{24}");
        assertThat(t.path("department").asText()).isEqualTo("综合办公室");
        assertThat(t.path("deadline").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(t.path("status").asText()).isEqualTo("open");
        HttpResponse<String> read = send(client(), get(base, "/api/v1/tickets/" + t.path("code").asText() + "?key="
                + t.path("key").asText()));
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode v = JSON.readTree(read.body());
        assertThat(v.path("status").asText()).isEqualTo("open");
        assertThat(v.path("department").asText()).isEqualTo("综合办公室");
        assertThat(v.path("deadline").asText()).isEqualTo(t.path("deadline").asText());
        assertThat(v.path("answer").isNull()).isTrue();
        assertThat(v.has("key")).isFalse();
    }

    @Test
    void theKeyNeverReachesALogLine() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            JsonNode t = create(body(UNANSWERABLE + "哦"));
            String code = t.path("code").asText();
            String key = t.path("key").asText();

            assertThat(send(client(), get(base, "/api/v1/tickets/" + code + "?key=" + key)).statusCode())
                    .isEqualTo(200);

            // The access line is written once the answer has gone out.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (messages(lines).stream().noneMatch(m -> m.contains("path=\"/api/v1/tickets/"
                    + code + "\" status=200")) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(messages(lines))
                    .anySatisfy(m -> assertThat(m).contains("ticket created code=" + code))
                    .anySatisfy(m -> assertThat(m).contains("path=\"/api/v1/tickets/" + code + "\" status=200"))
                    .noneSatisfy(m -> assertThat(m).contains(key));
        } finally {
            root.detachAppender(lines);
        }
    }

    /**
     * The lines logged so far. The server's threads append while the test reads: the copy is taken
     * under the appender's lock (logback's doAppend holds it), else reading races the appending.
     */
    private static List<String> messages(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender) {
        synchronized (appender) {
            return appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void aWrongKeyAndAnUnknownCodeGetTheSameAnswer() throws Exception {
        JsonNode t = create(body("公司拖欠工资怎么投诉"));
        String code = t.path("code").asText();

        List<HttpResponse<String>> refusals = List.of(
                send(client(), get(base, "/api/v1/tickets/" + code + "?key=AAAAAAAAAAAAAAAAAAAAAAAA")),
                send(client(), get(base, "/api/v1/tickets/WZ-20000101-0001?key=" + t.path("key").asText())),
                send(client(), get(base, "/api/v1/tickets/" + code)),
                send(client(), get(base, "/api/v1/tickets/nonsense?key=x")));

        for (HttpResponse<String> r : refusals) {
            assertError(r, 404, "not_found");
            assertThat(r.body()).isEqualTo(refusals.get(0).body());
        }
    }

    @Test
    void badInputIsRefusedNamingTheField() throws Exception {
        String longQuestion = "问".repeat(app.tickets().orElseThrow().maxQuestionChars() + 1);
        Object[][] cases = {
            {JSON.createObjectNode().put("channel", "web"), "question", "请填写问题"},
            {body(longQuestion), "question", "问题最多"},
            {body("q").put("channel", "fax"), "channel", "来源渠道无效：须为 web、hotline、interview、api 之一"},
            {body("q").put("type", "praise"), "type", "工单类型无效：须为咨询"},
            {body("q").put("session", "../etc"), "session", "会话编号无效"},
            {body("q").set("contact", JSON.getNodeFactory().textNode("a@example.com")), "contact", "联系方式格式不正确"},
            {body("q").set("contact", JSON.createObjectNode().put("email", "a@example.com").put("consent", "yes")),
                "contact.consent", "同意保存联系方式"},
            {withContact("not-an-address", null, true), "contact.email", "电子邮箱"},
            {withContact(null, "call me maybe", true), "contact.phone", "手机号"},
            {withContact("a@example.com", null, false), "contact.consent", "勾选同意"},
            {withContact(null, "13812345678", null), "contact.consent", "勾选同意"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = send(client(), post(base, "/api/v1/tickets", c[0].toString()));
            assertError(r, 400, "invalid_field");
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("message").asText()).as(c[0].toString()).contains((String) c[2])
                    .doesNotContainPattern("[A-Za-z]+ [A-Za-z]+ [A-Za-z]+");
            assertThat(error.path("field").asText()).as(c[0].toString()).isEqualTo(c[1]);
        }
    }

    /** Addresses the old pattern let through, which then failed for good in the outbox. */
    @Test
    void contactsThatCannotBeReachedAreRefusedAtCreationNamingTheField() throws Exception {
        String[] emails = {".x@x.com", "x.@x.com", "x..y@x.com", "张三@example.com", "x@x_y.com", "x@-x.com",
            "x@x.com.", "x(c)@x.com", "x@1.2.3.4"};
        String[] phones = {"12345", "138123456789", "12345678901", "0000-12345678", "13812345678转12", "+123"};
        for (String email : emails) {
            HttpResponse<String> r = send(client(), post(base, "/api/v1/tickets",
                    withContact(email, null, true).toString()));
            assertError(r, 400, "invalid_field");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).as(email)
                    .startsWith("电子邮箱格式不正确");
            assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).isEqualTo("contact.email");
        }
        for (String phone : phones) {
            HttpResponse<String> r = send(client(), post(base, "/api/v1/tickets",
                    withContact(null, phone, true).toString()));
            assertError(r, 400, "invalid_field");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).as(phone)
                    .startsWith("手机号格式不正确");
            assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).isEqualTo("contact.phone");
        }
    }

    @Test
    void aContactIsKeptInTheFormItIsReachedBy() throws Exception {
        // 劳动合同 routes to the department that sees contacts: the staff API shows them as kept.
        ObjectNode b = body("劳动合同到期不续签，经济补偿怎么算");
        b.putObject("contact").put("email", "ｚｈａｎｇ＠例子．公司").put("phone", "+86 138－1234－5678")
                .put("consent", true);
        String code = create(b).path("code").asText();

        JsonNode contact = JSON.readTree(login("wang", "officer-password-1").get("/api/v1/staff/tickets/" + code)
                .body()).path("contact");

        assertThat(contact.path("masked").asBoolean()).isFalse();
        assertThat(contact.path("email").asText()).isEqualTo("zhang@xn--fsqu00a.xn--55qx5d");
        assertThat(contact.path("phone").asText()).isEqualTo("13812345678");
    }

    private static ObjectNode withContact(String email, String phone, Boolean consent) {
        ObjectNode b = body("q");
        ObjectNode c = b.putObject("contact");
        c.put("email", email);
        c.put("phone", phone);
        if (consent != null) {
            c.put("consent", consent);
        }
        return b;
    }

    @Test
    void creatingTicketsBeyondTheRateIsRefusedWith429() throws Exception {
        Database other = Database.open(DatabaseConfig.defaults(data.resolve("second")));
        WenzhengServer limited = start(app.tickets().orElseThrow().withCreateRateLimit(new ServerConfig.RateLimit(1, 2)), other);
        try {
            URI root = URI.create("http://127.0.0.1:" + limited.start().getPort());
            for (int i = 0; i < 2; i++) {
                assertThat(send(client(), post(root, "/api/v1/tickets", body("第" + i + "个问题").toString()))
                        .statusCode()).isEqualTo(201);
            }

            HttpResponse<String> r = send(client(), post(root, "/api/v1/tickets", body("第三个问题").toString()));

            assertError(r, 429, "rate_limited");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
        } finally {
            limited.stop();
        }
    }

    // ------------------------------------------------------------------ 办件查询

    private static HttpResponse<String> track(URI root, String code, String contact) throws Exception {
        return send(client(), post(root, "/api/v1/tickets/track", JSON.createObjectNode().put("code", code)
                .put("contact", contact).toString()));
    }

    @Test
    void aCitizenTracksATicketByItsCodeWithThePhoneTheEmailOrThePin() throws Exception {
        ObjectNode b = body("劳动合同到期不续签怎么办");
        b.putObject("contact").put("email", "Wang.Wu@example.com").put("phone", "13912345678").put("consent", true);
        JsonNode t = create(b);
        String code = t.path("code").asText();
        assertThat(t.path("pin").asText()).matches("\\d{8}");

        for (String contact : new String[] {"139 1234 5678", "wang.wu@EXAMPLE.com", t.path("pin").asText()}) {
            HttpResponse<String> r = track(base, code.toLowerCase(java.util.Locale.ROOT), contact);
            assertThat(r.statusCode()).as(contact + ": " + r.body()).isEqualTo(200);
            JsonNode v = JSON.readTree(r.body());
            assertThat(v.path("code").asText()).isEqualTo(code);
            assertThat(v.path("status").asText()).isEqualTo("open");
            assertThat(v.path("department").asText()).isEqualTo("人力资源和社会保障局");
            assertThat(v.path("deadline").asText()).isEqualTo(t.path("deadline").asText());
            assertThat(r.body()).doesNotContain("13912345678").doesNotContain("example.com")
                    .doesNotContain(t.path("pin").asText());
        }
    }

    @Test
    void aWrongContactAWrongPinAndAnUnknownCodeGetTheSameAnswer() throws Exception {
        ObjectNode b = body("公司不交社保怎么投诉");
        b.putObject("contact").put("phone", "13700000001").put("consent", true);
        JsonNode t = create(b);
        String code = t.path("code").asText();
        String otherPin = create(body("公积金怎么提取")).path("pin").asText();

        List<HttpResponse<String>> refusals = List.of(
                track(base, code, "13700000002"),
                track(base, code, "someone@example.com"),
                track(base, code, otherPin),
                track(base, code, t.path("key").asText()),
                track(base, "WZ-20000101-0001", "13700000001"),
                track(base, "WZ-20000101-0001", t.path("pin").asText()));

        for (HttpResponse<String> r : refusals) {
            assertError(r, 404, "not_found");
            assertThat(r.body()).isEqualTo(refusals.get(0).body());
        }
        assertThat(JSON.readTree(refusals.get(0).body()).path("error").path("message").asText())
                .isEqualTo("没有找到与该编号和联系方式（或查询码）对应的工单，请核对后再试");
    }

    @Test
    void aLookupWithoutCodeOrContactIsRefusedNamingTheFieldInChinese() throws Exception {
        Object[][] cases = {{"", "13700000001", "code", "请填写工单编号"}, {"WZ-1", "13700000001", "code", "格式不正确"},
            {"WZ-20000101-0001", " ", "contact", "请填写手机号、电子邮箱或查询码"}};
        for (Object[] c : cases) {
            HttpResponse<String> r = track(base, (String) c[0], (String) c[1]);
            assertError(r, 400, "invalid_field");
            JsonNode e = JSON.readTree(r.body()).path("error");
            assertThat(e.path("field").asText()).isEqualTo(c[2]);
            assertThat(e.path("message").asText()).contains((String) c[3]);
        }
    }

    @Test
    void theContactAndThePinOfALookupNeverReachALogLine() throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            ObjectNode b = body("社保断缴有什么影响");
            b.putObject("contact").put("email", "log.test@example.com").put("phone", "13600000003")
                    .put("consent", true);
            JsonNode t = create(b);
            String code = t.path("code").asText();
            String pin = t.path("pin").asText();
            for (String contact : new String[] {"13600000003", "log.test@example.com", pin, "13600000009"}) {
                track(base, code, contact);
            }

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (lines.list.stream().filter(e -> e.getFormattedMessage().contains("ticket lookup code=" + code))
                    .count() < 4 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(messages(lines))
                    .anySatisfy(m -> assertThat(m).contains("ticket lookup code=" + code + " found=true"))
                    .anySatisfy(m -> assertThat(m).contains("ticket lookup code=" + code + " found=false"))
                    .noneSatisfy(m -> assertThat(m).containsAnyOf("13600000003", "13600000009", "log.test", pin));
        } finally {
            root.detachAppender(lines);
        }
    }

    @Test
    void lookupsBeyondTheClientsLimitAreRefusedWith429InChineseAndRetryAfter() throws Exception {
        Database other = Database.open(DatabaseConfig.defaults(data.resolve("track-client")));
        WenzhengServer limited = start(app.tickets().orElseThrow().withTracking(new TicketsConfig.Tracking(8,
                new ServerConfig.RateLimit(1, 2), new ServerConfig.RateLimit(10_000, 10_000))), other);
        try {
            URI root = URI.create("http://127.0.0.1:" + limited.start().getPort());
            for (int i = 1; i <= 2; i++) {
                assertError(track(root, "WZ-20000101-000" + i, "13700000001"), 404, "not_found");
            }

            HttpResponse<String> r = track(root, "WZ-20000101-0003", "13700000001");

            assertError(r, 429, "rate_limited");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).matches("查询太频繁了，请 \\d+ 秒后再试");
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
        } finally {
            limited.stop();
        }
    }

    @Test
    void lookupsOfOneCodeBeyondItsLimitAreRefusedWith429WhileOtherCodesStillAnswer() throws Exception {
        Database other = Database.open(DatabaseConfig.defaults(data.resolve("track-code")));
        WenzhengServer limited = start(app.tickets().orElseThrow().withTracking(new TicketsConfig.Tracking(8,
                new ServerConfig.RateLimit(10_000, 10_000), new ServerConfig.RateLimit(1, 3))), other);
        try {
            URI root = URI.create("http://127.0.0.1:" + limited.start().getPort());
            ObjectNode b = body("住房公积金贷款额度");
            b.putObject("contact").put("phone", "13500000005").put("consent", true);
            HttpResponse<String> created = send(client(), post(root, "/api/v1/tickets", b.toString()));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode t = JSON.readTree(created.body());
            String code = t.path("code").asText();
            for (int i = 0; i < 3; i++) {
                assertError(track(root, code, "0000000" + i), 404, "not_found");
            }

            // The right 查询码 after the guesses: refused too, so guessing stops at the limit.
            HttpResponse<String> r = track(root, code, t.path("pin").asText());

            assertError(r, 429, "rate_limited");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
                    .matches("该编号的查询次数过多，请 \\d+ 秒后再试");
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            // Unknown codes are counted alike: a 429 says nothing about whether a code exists.
            for (int i = 0; i < 3; i++) {
                assertError(track(root, "WZ-20000101-0009", "0000000" + i), 404, "not_found");
            }
            assertError(track(root, "WZ-20000101-0009", "00000009"), 429, "rate_limited");
        } finally {
            limited.stop();
        }
    }

    // ------------------------------------------------------------------ staff

    @Test
    void staffEndpointsNeedALoginAnOfficersRoleAndTheCsrfToken() throws Exception {
        String code = create(body(UNANSWERABLE + "吗")).path("code").asText();
        String path = "/api/v1/staff/tickets/" + code + "/close";

        assertError(send(client(), get(base, "/api/v1/staff/tickets")), 401, "unauthenticated");
        assertError(login("op", "op-password-1").get("/api/v1/staff/tickets"), 403, "forbidden");
        Staff officer = login("wang", "officer-password-1");
        assertError(send(officer.client(), post(base, path, "{}")), 403, "csrf");

        HttpResponse<String> list = officer.get("/api/v1/staff/tickets?status=open&department=office");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(code);
        HttpResponse<String> badStatus = officer.get("/api/v1/staff/tickets?status=lost");
        assertError(badStatus, 400, "invalid_field");
        assertThat(JSON.readTree(badStatus.body()).path("error").path("message").asText())
                .isEqualTo("状态筛选无效：须为办理中、待补正、已答复或已关闭");
        HttpResponse<String> closed = officer.post(path, "{\"note\":\"重复提交\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(JSON.readTree(closed.body()).path("status").asText()).isEqualTo("closed");
        assertError(officer.post(path, "{}"), 409, "conflict");
        assertError(officer.get("/api/v1/staff/tickets/WZ-20000101-0001"), 404, "not_found");
    }

    @Test
    void anOfficerOfOneDepartmentSeesAndHandlesThatDepartmentsTicketsOnly() throws Exception {
        String office = create(body(UNANSWERABLE + "啊")).path("code").asText();
        String hrss = create(body("公司拖欠工资三个月了，劳动仲裁要准备什么材料")).path("code").asText();
        Staff li = login("li", "officer-password-2");

        HttpResponse<String> list = li.get("/api/v1/staff/tickets?status=open");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains(hrss).doesNotContain(office);
        assertError(li.get("/api/v1/staff/tickets?department=office"), 403, "forbidden");
        assertError(li.get("/api/v1/staff/tickets/" + office), 403, "forbidden");
        assertError(li.post("/api/v1/staff/tickets/" + office + "/answer", "{\"answer\":\"不归我管\"}"), 403,
                "forbidden");
        assertThat(li.get("/api/v1/staff/tickets/" + hrss).statusCode()).isEqualTo(200);

        // Handed over to another department, the ticket leaves the officer's desk.
        HttpResponse<String> moved = li.post("/api/v1/staff/tickets/" + hrss + "/transfer",
                "{\"department\":\"housing\",\"reason\":\"属住房问题\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertError(li.get("/api/v1/staff/tickets/" + hrss), 403, "forbidden");
        // An officer of no particular department still handles every one.
        assertThat(login("wang", "officer-password-1").get("/api/v1/staff/tickets/" + hrss).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theContactIsShownMaskedUnlessTheDepartmentSeesItAndEveryUnmaskedViewIsAudited() throws Exception {
        ObjectNode office = body(UNANSWERABLE + "呢");
        office.putObject("contact").put("email", "zhang.san@example.com").put("phone", "13812345678")
                .put("consent", true);
        ObjectNode hrss = body("劳动合同到期不续签有补偿吗");
        hrss.putObject("contact").put("email", "li.si@example.com").put("consent", true);
        String masked = create(office).path("code").asText();
        String clear = create(hrss).path("code").asText();
        Staff officer = login("wang", "officer-password-1");

        JsonNode m = JSON.readTree(officer.get("/api/v1/staff/tickets/" + masked).body());
        JsonNode c = JSON.readTree(officer.get("/api/v1/staff/tickets/" + clear).body());

        assertThat(m.path("contact").path("email").asText()).isEqualTo("z***@example.com");
        assertThat(m.path("contact").path("phone").asText()).isEqualTo("138****5678");
        assertThat(m.path("contact").path("masked").asBoolean()).isTrue();
        assertThat(m.path("events").get(0).path("kind").asText()).isEqualTo("created");
        assertThat(c.path("ticket").path("department").asText()).isEqualTo("hrss");
        assertThat(c.path("contact").path("email").asText()).isEqualTo("li.si@example.com");
        assertThat(new AccountStore(database, Clock.systemUTC()).recentAudit(50))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("contact_viewed " + clear))
                .noneSatisfy(e -> assertThat(e.action()).isEqualTo("contact_viewed " + masked));
    }

    @Test
    void anOfficersAnswerReachesTheOpenChatAndTheTicketPage() throws Exception {
        JsonSocket chat = JsonSocket.to(URI.create("ws://127.0.0.1:" + port + "/ws/chat"))
                .origin("http://127.0.0.1:" + port).open();
        chat.send(JSON.createObjectNode().put("type", "ask").put("question", UNANSWERABLE + "啊")
                .put("channel", "web"));
        String session = chat.next("session").path("session").asText();
        chat.next("answer");
        JsonNode t = create(body(UNANSWERABLE + "啊").put("session", session));
        Staff officer = login("wang", "officer-password-1");

        HttpResponse<String> answered = officer.post("/api/v1/staff/tickets/" + t.path("code").asText() + "/answer",
                "{\"answer\":\"路灯由市政设施管理处维修，已派单。\"}");

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).path("pushedTo").asInt()).isEqualTo(1);
        JsonNode pushed = chat.next("ticket_answer");
        assertThat(pushed.path("ticket").asText()).isEqualTo(t.path("code").asText());
        assertThat(pushed.path("text").asText()).isEqualTo("路灯由市政设施管理处维修，已派单。");
        assertThat(pushed.path("role").asText()).isEqualTo("officer");
        JsonNode v = JSON.readTree(send(client(), get(base, "/api/v1/tickets/" + t.path("code").asText() + "?key="
                + t.path("key").asText())).body());
        assertThat(v.path("status").asText()).isEqualTo("answered");
        assertThat(v.path("answer").asText()).isEqualTo("路灯由市政设施管理处维修，已派单。");
        chat.abort();
    }
}
