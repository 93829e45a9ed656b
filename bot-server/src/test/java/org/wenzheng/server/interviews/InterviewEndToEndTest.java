package org.wenzheng.server.interviews;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.privacy.PiiFixtures;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.replies.RepliesConfig;
import org.wenzheng.testing.MailClient;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.staff.Role;

/**
 * Online interviews on the real server over a real port, spoken to with Java's HTTP client (a
 * client with a {@link CookieManager} plays a staff member's browser): the public endpoints
 * without login, their limits, the roles and CSRF checks of the moderator, guest and admin
 * actions, and a whole event from question to transcript, its unanswered question escalated as a
 * ticket by the real tickets service, whose answer (from the staff API, or an officer's reply from
 * a mail client over the embedded mail server) then appears in the transcript. The shipped
 * configuration, sample knowledge base, stop phrases, departments and mail bridge, with staff
 * accounts of the test's own.
 */
class InterviewEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Three questions at once from one page, then one a minute: the session test crosses it. */
    private static final ServerConfig.RateLimit SESSION_LIMIT = new ServerConfig.RateLimit(1, 3);
    /** Not answered by the sample knowledge base: it goes to the moderator's queue. */
    private static final String UNANSWERABLE = "小区门口的路灯坏了三个月，谁来修？";

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;
    private static InterviewConfig config;
    private static int maxBodyBytes;
    private static int smtp;
    private static int imap;

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1"),
                        new StaffConfig.SeedAccount("host", "主持人甲", Role.MODERATOR, "host-password-1"),
                        new StaffConfig.SeedAccount("host2", "主持人乙", Role.MODERATOR, "host-password-2"),
                        new StaffConfig.SeedAccount("liu", "刘明", Role.OFFICER, "liu-password-1"),
                        new StaffConfig.SeedAccount("zhao", "赵刚", Role.OFFICER, "zhao-password-1"),
                        new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        config = app.interviews().withRateLimits(new ServerConfig.RateLimit(100_000, 10_000), SESSION_LIMIT);
        ServerConfig serverConfig = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        maxBodyBytes = serverConfig.maxBodyBytes();
        smtp = freePort();
        imap = freePort();
        RepliesConfig mail = app.mail().withPorts(smtp, imap);
        assertThat(mail.embedded()).as("the sample configuration embeds the mail server").isTrue();
        // In the order the serve command installs them: the interviews after the tickets they escalate to.
        server = Assembly.builder(serverConfig, KnowledgeBases.open(knowledge), Database.open(app.database()))
                .staff(staff)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(mail, data.resolve("mail"))
                .interviews(config, app.knowledge().stopPhrasesFile())
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // ------------------------------------------------------------------ HTTP

    /** A browser: keeps cookies, does not follow redirects. */
    static HttpClient browser() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET();
    }

    static HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** A staff member's browser, logged in; its CSRF token. */
    record Staff(HttpClient client, String csrf) {
        HttpResponse<String> get(String path) throws Exception {
            return send(client, InterviewEndToEndTest.get(path));
        }

        HttpResponse<String> post(String path, Object body) throws Exception {
            return send(client, InterviewEndToEndTest.post(path, JSON.writeValueAsString(body))
                    .header("X-CSRF-Token", csrf));
        }

        JsonNode ok(HttpResponse<String> r) throws IOException {
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
            return JSON.readTree(r.body());
        }
    }

    static Staff logIn(String username, String password) throws Exception {
        HttpClient c = browser();
        HttpResponse<String> r = send(c, post("/api/v1/login", JSON.createObjectNode().put("username", username)
                .put("password", password).toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Staff(c, JSON.readTree(r.body()).path("csrf").asText());
    }

    static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo(code);
    }

    /** A refusal with the message a person reads (in Chinese) and the JSON field it names. */
    static void assertError(HttpResponse<String> r, int status, String code, String field, String message)
            throws IOException {
        assertError(r, status, code);
        assertThat(JSON.readTree(r.body()).path("error").path("field").asText()).as(r.body()).isEqualTo(field);
        assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).isEqualTo(message);
    }

    /** The account id of a username, as the admin API lists it. */
    static long accountId(Staff admin, String listName, String username) throws Exception {
        JsonNode list = admin.ok(admin.get("/api/v1/admin/interviews")).path(listName);
        return StreamSupport.stream(list.spliterator(), false).filter(a -> a.path("username").asText().equals(username))
                .findFirst().orElseThrow().path("id").asLong();
    }

    /** Creates an event through the admin API with this moderator and guest; its id. */
    static long createEvent(String moderator, String guest, String title) throws Exception {
        Staff admin = logIn("boss", "boss-password-1");
        ObjectNode body = JSON.createObjectNode().put("title", title).put("description", "欢迎网友提问")
                .put("startsAt", Instant.now().toString()).put("endsAt", Instant.now().plusSeconds(7200).toString())
                .put("moderator", accountId(admin, "moderators", moderator));
        ArrayNode guests = body.putArray("guests");
        guests.addObject().put("account", accountId(admin, "officers", guest)).put("title", "市人社局副局长");
        HttpResponse<String> created = admin.post("/api/v1/admin/interviews", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asLong();
    }

    static HttpResponse<String> ask(long id, String question, String session) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("question", question).put("session", session);
        return send(browser(), post("/api/v1/interviews/" + id + "/questions", body.toString()));
    }

    static String newSession() {
        return UUID.randomUUID().toString();
    }

    static JsonNode entry(Staff moderator, long id, String question) throws Exception {
        JsonNode queue = moderator.ok(moderator.get("/api/v1/interviews/" + id + "/queue"));
        return StreamSupport.stream(queue.path("entries").spliterator(), false)
                .filter(e -> e.path("question").asText().equals(question)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------------ public endpoints

    @Test
    void theEventItsPageAndItsFeedArePublic() throws Exception {
        long id = createEvent("host", "liu", "社保政策在线访谈");

        HttpResponse<String> page = send(browser(), get("/interview/" + id));
        HttpResponse<String> info = send(browser(), get("/api/v1/interviews/" + id));
        HttpResponse<String> feed = send(browser(), get("/api/v1/interviews/" + id + "/feed?after=0"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", "<script src=\"/interview.js\" defer></script>")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        JsonNode event = JSON.readTree(info.body());
        assertThat(event.path("title").asText()).isEqualTo("社保政策在线访谈");
        assertThat(event.path("status").asText()).isEqualTo("scheduled");
        assertThat(event.path("guests").get(0).path("name").asText()).isEqualTo("刘明");
        assertThat(event.path("guests").get(0).path("title").asText()).isEqualTo("市人社局副局长");
        assertThat(info.body()).as("no account names in public").doesNotContain("liu").doesNotContain("host");
        assertThat(JSON.readTree(feed.body()).path("items")).isEmpty();
        for (String file : new String[] {"/interview.js", "/interview.css", "/interview-staff.js"}) {
            assertThat(send(browser(), get(file)).statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void anUnknownEventIs404OnThePageAndEveryEndpoint() throws Exception {
        for (String path : new String[] {"/interview/999999", "/interview/abc", "/api/v1/interviews/999999",
            "/api/v1/interviews/999999/feed", "/api/v1/interviews/0/feed", "/api/v1/interviews/x/feed"}) {
            assertThat(send(browser(), get(path)).statusCode()).as(path).isEqualTo(404);
        }
        assertError(ask(999999, "问题", newSession()), 404, "not_found");
        Staff host = logIn("host", "host-password-1");
        assertError(host.get("/api/v1/interviews/999999/queue"), 404, "not_found");
    }

    @Test
    void questionsOutsideTheirLimitsAreRefusedWith400And413() throws Exception {
        long id = createEvent("host", "liu", "限制");
        String path = "/api/v1/interviews/" + id + "/questions";

        assertError(send(browser(), post(path, "{}")), 400, "invalid_field");
        assertError(send(browser(), post(path, "{\"question\":\"   \"}")), 400, "invalid_field");
        assertError(send(browser(), post(path, "{\"question\":7}")), 400, "invalid_field");
        assertError(send(browser(), post(path, "not json")), 400, "bad_json");
        String longest = "问".repeat(config.maxQuestionChars());
        assertError(send(browser(), post(path, JSON.createObjectNode().put("question", longest + "问").toString())),
                400, "invalid_field");
        assertError(send(browser(), post(path, JSON.createObjectNode().put("question", "社保卡怎么办")
                .put("name", "名".repeat(config.maxNameChars() + 1)).toString())), 400, "invalid_field");
        assertError(send(browser(), post(path, JSON.createObjectNode().put("question", "社保卡怎么办")
                .put("session", "<bad>").toString())), 400, "invalid_field", "session",
                "会话编号无效：须为 8 到 64 个英文字母、数字、“_”或“-”，请刷新页面后重试");
        HttpResponse<String> tooLarge = send(browser(), post(path, JSON.createObjectNode()
                .put("question", "x".repeat(maxBodyBytes)).toString()));
        assertThat(tooLarge.statusCode()).isEqualTo(413);

        assertThat(ask(id, longest, newSession()).statusCode()).as("the longest allowed").isEqualTo(202);
    }

    @Test
    void onePageSendingTooManyQuestionsGets429WithRetryAfter() throws Exception {
        long id = createEvent("host", "liu", "频率");
        String session = newSession();
        for (int k = 0; k < SESSION_LIMIT.burst(); k++) {
            assertThat(ask(id, UNANSWERABLE + k, session).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> limited = ask(id, UNANSWERABLE + "再问", session);

        assertError(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(ask(id, UNANSWERABLE + "另一页", newSession()).statusCode()).as("another page").isEqualTo(202);
    }

    @Test
    void theFeedAnswers304WhileNothingChangedAndTheNewItemAfterwards() throws Exception {
        long id = createEvent("host", "liu", "缓存");
        String feed = "/api/v1/interviews/" + id + "/feed?after=0";
        HttpResponse<String> first = send(browser(), get(feed));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=1");

        HttpResponse<String> same = send(browser(), get(feed).header("If-None-Match", etag));
        assertThat(same.statusCode()).isEqualTo(304);

        HttpResponse<String> asked = ask(id, "如何申请政府信息公开？", newSession());
        assertThat(JSON.readTree(asked.body()).path("outcome").asText()).isEqualTo("bot_answered");

        HttpResponse<String> changed = send(browser(), get(feed).header("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(changed.body()).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("answer").path("source").asText()).isEqualTo("bot");
        assertThat(items.get(0).path("answer").path("citations")).isNotEmpty();
        assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(Optional.of(etag));
        assertThat(JSON.readTree(send(browser(), get("/api/v1/interviews/" + id + "/feed?after=1")).body())
                .path("items")).isEmpty();
        assertError(send(browser(), get("/api/v1/interviews/" + id + "/feed?after=-1")), 400, "invalid_field");
    }

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCacheAndJoinsTheFirst() throws Exception {
        long id = createEvent("host", "liu", "重复");
        JsonNode first = JSON.readTree(ask(id, "如何申请政府信息公开？", newSession()).body());
        long hitsBefore = cacheHits();

        JsonNode second = JSON.readTree(ask(id, "如何申请政府信息公开？", newSession()).body());

        assertThat(cacheHits()).isEqualTo(hitsBefore + 1);
        assertThat(first.path("outcome").asText()).isEqualTo("bot_answered");
        assertThat(second.path("outcome").asText()).isEqualTo("merged");
        assertThat(second.path("item").path("id").asLong()).isEqualTo(first.path("questionId").asLong());
        assertThat(second.path("item").path("askCount").asInt()).isEqualTo(2);
    }

    private static long cacheHits() throws Exception {
        String metrics = send(browser(), get("/metrics")).body();
        return metrics.lines().filter(l -> l.startsWith("wenzheng_answer_cache_requests_total{result=\"hit\"}"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    // ------------------------------------------------------------------ roles and CSRF

    @Test
    void moderationNeedsALoginTheEventsModeratorOrAnAdminAndTheCsrfToken() throws Exception {
        long id = createEvent("host", "liu", "权限");
        ask(id, UNANSWERABLE, newSession());
        Staff host = logIn("host", "host-password-1");
        long question = entry(host, id, UNANSWERABLE).path("id").asLong();
        long liu = host.ok(host.get("/api/v1/interviews/" + id + "/queue")).path("interview").path("guests").get(0)
                .path("id").asLong();
        String assign = "/api/v1/interviews/" + id + "/questions/" + question + "/assign";
        ObjectNode toLiu = JSON.createObjectNode().put("guest", liu);

        assertError(send(browser(), get("/api/v1/interviews/" + id + "/queue")), 401, "unauthenticated");
        assertThat(send(browser(), get("/interview/" + id + "/moderate")).statusCode()).isEqualTo(302);
        assertError(logIn("liu", "liu-password-1").get("/api/v1/interviews/" + id + "/queue"), 403, "forbidden");
        assertError(logIn("host2", "host-password-2").get("/api/v1/interviews/" + id + "/queue"), 403, "forbidden");
        assertThat(logIn("host2", "host-password-2").get("/interview/" + id + "/moderate").statusCode())
                .as("another event's moderator").isEqualTo(403);
        assertError(send(host.client(), post(assign, toLiu.toString())), 403, "csrf");
        assertError(host.post(assign, JSON.createObjectNode().put("guest", 424242)), 400, "invalid_field", "guest",
                "只能分配给本场访谈的嘉宾");

        host.ok(host.post(assign, toLiu));

        assertThat(entry(host, id, UNANSWERABLE).path("status").asText()).isEqualTo("assigned");
        Staff admin = logIn("boss", "boss-password-1");
        assertThat(admin.get("/api/v1/interviews/" + id + "/queue").statusCode()).as("admins run any").isEqualTo(200);
        assertThat(host.get("/interview/" + id + "/moderate").statusCode()).isEqualTo(200);
        assertThat(host.get("/interview/" + id + "/moderate").body()).contains("content=\"" + host.csrf() + "\"");
    }

    @Test
    void theAdminApiIsForAdminsWithTheirCsrfToken() throws Exception {
        Staff host = logIn("host", "host-password-1");
        Staff admin = logIn("boss", "boss-password-1");
        ObjectNode body = JSON.createObjectNode().put("title", "x").put("startsAt", "2026-12-01T10:00:00+08:00")
                .put("endsAt", "2026-12-01T12:00:00+08:00");

        assertError(send(browser(), get("/api/v1/admin/interviews")), 401, "unauthenticated");
        assertError(host.get("/api/v1/admin/interviews"), 403, "forbidden");
        assertError(host.post("/api/v1/admin/interviews", body), 403, "forbidden");
        assertError(send(admin.client(), post("/api/v1/admin/interviews", body.toString())), 403, "csrf");
        assertError(admin.post("/api/v1/admin/interviews", body.deepCopy().put("endsAt", "2026-12-01T09:00:00+08:00")),
                400, "invalid_field");
        assertError(admin.post("/api/v1/admin/interviews", body.deepCopy().put("startsAt", "明天上午")), 400,
                "invalid_field", "startsAt", "开始时间格式不正确，应形如 2026-11-26T10:00:00+08:00");
        assertError(admin.post("/api/v1/admin/interviews", body.deepCopy().without("endsAt")), 400,
                "invalid_field", "endsAt", "请填写结束时间");
        assertError(admin.post("/api/v1/admin/interviews", body.deepCopy().put("moderator",
                accountId(admin, "officers", "liu"))), 400, "invalid_field", "moderator", "请选择一位主持人账号");
        ObjectNode notAnOfficer = body.deepCopy();
        notAnOfficer.putArray("guests").addObject().put("account", accountId(admin, "moderators", "host"))
                .put("title", "局长");
        assertError(admin.post("/api/v1/admin/interviews", notAnOfficer), 400, "invalid_field", "guests[0].account",
                "第 1 位嘉宾须为承办人员账号");
        assertThat(send(browser(), get("/admin/interviews")).statusCode()).isEqualTo(302);
        assertThat(host.get("/admin/interviews").statusCode()).isEqualTo(403);

        JsonNode created = admin.ok(admin.post("/api/v1/admin/interviews", body));

        assertThat(created.path("status").asText()).isEqualTo("scheduled");
        assertThat(created.path("startsAt").asText()).isEqualTo("2026-12-01T02:00:00Z");
        assertThat(admin.get("/admin/interviews").statusCode()).isEqualTo(200);
        assertError(admin.post("/api/v1/admin/interviews/" + created.path("id").asLong() + "/escalate", "{}"), 409,
                "conflict");
    }

    @Test
    void aGuestOfAnotherEventCannotSeeOrAnswerItsQuestions() throws Exception {
        long id = createEvent("host", "liu", "嘉宾");
        createEvent("host", "zhao", "另一场");
        ask(id, UNANSWERABLE, newSession());
        Staff host = logIn("host", "host-password-1");
        JsonNode q = entry(host, id, UNANSWERABLE);
        long liu = host.ok(host.get("/api/v1/interviews/" + id + "/queue")).path("interview").path("guests").get(0)
                .path("id").asLong();
        String answer = "/api/v1/interviews/" + id + "/questions/" + q.path("id").asLong() + "/answer";
        ObjectNode text = JSON.createObjectNode().put("answer", "答复");
        Staff liuBrowser = logIn("liu", "liu-password-1");
        assertError(liuBrowser.post(answer, text), 404, "not_found");
        host.ok(host.post("/api/v1/interviews/" + id + "/questions/" + q.path("id").asLong() + "/assign",
                JSON.createObjectNode().put("guest", liu)));
        Staff zhao = logIn("zhao", "zhao-password-1");

        assertError(zhao.post(answer, text), 403, "forbidden");
        assertError(zhao.get("/api/v1/interviews/" + id + "/assigned"), 403, "forbidden");
        assertThat(zhao.get("/interview/" + id + "/guest").statusCode()).isEqualTo(403);
        assertError(host.post(answer, text), 403, "forbidden");
        assertError(send(liuBrowser.client(), post(answer, text.toString())), 403, "csrf");
        assertError(liuBrowser.post(answer, JSON.createObjectNode().put("answer",
                "答".repeat(config.maxAnswerChars() + 1))), 400, "invalid_field");

        liuBrowser.ok(liuBrowser.post(answer, text));

        assertError(liuBrowser.post(answer, text), 409, "conflict");
        assertThat(liuBrowser.get("/interview/" + id + "/guest").statusCode()).isEqualTo(200);
    }

    @Test
    void moderatorsAndGuestsFindTheirOwnEventsAndOperatorsNone() throws Exception {
        long moderated = createEvent("host2", "zhao", "我主持的");
        long other = createEvent("host", "liu", "别人的");

        JsonNode host2 = logIn("host2", "host-password-2").ok(logIn("host2", "host-password-2")
                .get("/api/v1/staff/interviews")).path("interviews");
        JsonNode zhao = logIn("zhao", "zhao-password-1").ok(logIn("zhao", "zhao-password-1")
                .get("/api/v1/staff/interviews")).path("interviews");

        assertThat(StreamSupport.stream(host2.spliterator(), false).map(m -> m.path("interview").path("id").asLong()))
                .contains(moderated).doesNotContain(other);
        assertThat(StreamSupport.stream(zhao.spliterator(), false).filter(m -> m.path("guest").asBoolean())
                .map(m -> m.path("interview").path("id").asLong())).contains(moderated).doesNotContain(other);
        assertError(logIn("op", "op-password-1").get("/api/v1/staff/interviews"), 403, "forbidden");
        assertThat(logIn("zhao", "zhao-password-1").get("/interviews").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ a whole event

    @Test
    void aWholeEventFromQuestionToModeratorToGuestToTranscriptWithTheUnansweredQuestionEscalatedAsATicket() throws Exception {
        long id = createEvent("host", "liu", "全程");
        Staff admin = logIn("boss", "boss-password-1");
        Staff host = logIn("host", "host-password-1");
        Staff liu = logIn("liu", "liu-password-1");
        admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/start", "{}"));
        String answered = "养老保险关系跨省转移要带哪些材料？";
        String left = "灵活就业人员的医保断缴了三个月怎么补？我的手机13812345678";

        JsonNode first = JSON.readTree(ask(id, answered, newSession()).body());
        JsonNode again = JSON.readTree(ask(id, "请问养老保险关系跨省转移要带哪些材料", newSession()).body());
        ask(id, left, newSession());
        assertThat(first.path("outcome").asText()).isEqualTo("queued");
        assertThat(again.path("outcome").asText()).isEqualTo("merged");

        JsonNode entry = entry(host, id, answered);
        assertThat(entry.path("askCount").asInt()).isEqualTo(2);
        long guest = host.ok(host.get("/api/v1/interviews/" + id + "/queue")).path("interview").path("guests").get(0)
                .path("id").asLong();
        host.ok(host.post("/api/v1/interviews/" + id + "/questions/" + entry.path("id").asLong() + "/assign",
                JSON.createObjectNode().put("guest", guest)));
        JsonNode mine = liu.ok(liu.get("/api/v1/interviews/" + id + "/assigned")).path("questions");
        assertThat(mine).hasSize(1);
        liu.ok(liu.post("/api/v1/interviews/" + id + "/questions/" + mine.get(0).path("id").asLong() + "/answer",
                JSON.createObjectNode().put("answer", "带上参保缴费凭证即可。")));

        JsonNode live = JSON.readTree(send(browser(), get("/api/v1/interviews/" + id + "/feed?after=0")).body());
        assertThat(live.path("status").asText()).isEqualTo("live");
        JsonNode item = live.path("items").get(0);
        assertThat(item.path("question").asText()).isEqualTo(answered);
        assertThat(item.path("askCount").asInt()).isEqualTo(2);
        assertThat(item.path("answer").path("text").asText()).isEqualTo("带上参保缴费凭证即可。");
        assertThat(item.path("answer").path("guestName").asText()).isEqualTo("刘明");
        assertThat(item.path("answer").path("guestTitle").asText()).isEqualTo("市人社局副局长");

        JsonNode ended = admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/end", "{}"));

        assertThat(ended.path("escalated").asInt()).isEqualTo(1);
        assertThat(ended.path("waiting").asInt()).isZero();
        JsonNode transcript = JSON.readTree(send(browser(), get("/api/v1/interviews/" + id + "/feed")).body());
        assertThat(transcript.path("status").asText()).isEqualTo("ended");
        assertThat(transcript.path("items")).hasSize(1);
        assertError(ask(id, "结束后还能问吗", newSession()), 409, "interview_ended");
        JsonNode escalated = entry(host, id, "灵活就业人员的医保断缴了三个月怎么补？我的手机138****5678");
        assertThat(escalated.path("status").asText()).as("shown masked to the moderator").isEqualTo("escalated");
        String code = escalated.path("ticketCode").asText();
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        JsonNode ticket = admin.ok(admin.get("/api/v1/staff/tickets/" + code)).path("ticket");
        assertThat(ticket.path("channel").asText()).isEqualTo("interview");
        assertThat(ticket.path("status").asText()).isEqualTo("open");
        // The desk shows the question as the escalation mail does: masked for a department that does not see contacts.
        assertThat(ticket.path("question").asText()).as("the officer gets the question as asked, masked")
                .startsWith("灵活就业人员的医保断缴了三个月怎么补？我的手机138****5678").contains("在线访谈“全程”中未及回答，1 人提问")
                .as("the officer is told the answer will be public").contains("答复将以本部门名义公开在该访谈的文字实录中");
        JsonNode again2 = admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/escalate", "{}"));
        assertThat(again2.path("escalated").asInt()).as("nothing is escalated twice").isZero();
        assertError(admin.post("/api/v1/admin/interviews/" + id + "/end", "{}"), 409, "conflict");
        assertThat(send(browser(), get("/interview/" + id)).statusCode()).as("the transcript stays").isEqualTo(200);
    }

    @Test
    void noVariantOfPersonalDataNorTheAskersNameReachesThePublicFeedUnmasked() throws Exception {
        Staff admin = logIn("boss", "boss-password-1");
        Staff host = logIn("host", "host-password-1");
        Staff zhao = logIn("zhao", "zhao-password-1");
        // One event per text: the texts look alike (phone after phone) and would be merged as one question.
        for (List<PiiFixtures.Variant> chunk : PiiFixtures.chunks(config.maxQuestionChars())) {
            long id = createEvent("host", "zhao", "个人信息");
            admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/start", "{}"));
            ObjectNode body = JSON.createObjectNode().put("question", PiiFixtures.input(chunk)).put("name", "欧阳娜娜")
                    .put("session", newSession());
            JsonNode submitted = JSON.readTree(send(browser(), post("/api/v1/interviews/" + id + "/questions",
                    body.toString())).body());
            if (submitted.path("outcome").asText().equals("queued")) {
                long guest = host.ok(host.get("/api/v1/interviews/" + id + "/queue")).path("interview")
                        .path("guests").get(0).path("id").asLong();
                long q = submitted.path("questionId").asLong();
                host.ok(host.post("/api/v1/interviews/" + id + "/questions/" + q + "/assign",
                        JSON.createObjectNode().put("guest", guest)));
                zhao.ok(zhao.post("/api/v1/interviews/" + id + "/questions/" + q + "/answer",
                        JSON.createObjectNode().put("answer", "请到政务服务中心咨询。")));
            } else {
                assertThat(submitted.path("outcome").asText()).as(submitted.toString()).isEqualTo("bot_answered");
            }

            JsonNode feed = transcript(id);
            assertThat(feed.path("items")).hasSize(1);
            JsonNode item = feed.path("items").get(0);
            assertThat(item.path("question").asText()).isEqualTo(PiiFixtures.masked(chunk));
            assertThat(item.path("askerName").asText()).isEqualTo("欧***");
            for (PiiFixtures.Variant v : chunk) {
                assertThat(item.toString()).as(v.toString()).doesNotContain(v.input());
            }
            assertThat(item.toString()).doesNotContain("欧阳娜娜");
        }
    }

    // ------------------------------------------------------------------ answers after the event (会后答复)

    /** Ends an event (started) with one question nobody answered; the ticket it became. */
    private static String endWithoutAnswering(long id, String question) throws Exception {
        Staff admin = logIn("boss", "boss-password-1");
        assertThat(JSON.readTree(ask(id, question, newSession()).body()).path("outcome").asText())
                .as("the bot cannot answer it").isEqualTo("queued");
        JsonNode ended = admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/end", "{}"));
        assertThat(ended.path("escalated").asInt()).isEqualTo(1);
        String masked = org.wenzheng.server.privacy.PersonalDataMasker.mask(question);
        JsonNode entry = entry(logIn("host", "host-password-1"), id, masked);
        assertThat(entry.path("status").asText()).isEqualTo("escalated");
        return entry.path("ticketCode").asText();
    }

    static JsonNode transcript(long id) throws Exception {
        HttpResponse<String> r = send(browser(), get("/api/v1/interviews/" + id + "/feed"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The feed items answered after the event (source officer). */
    static List<JsonNode> answeredLater(JsonNode feed) {
        return StreamSupport.stream(feed.path("items").spliterator(), false)
                .filter(i -> i.path("answer").path("source").asText().equals("officer")).toList();
    }

    @Test
    void aTicketAnsweredInTheStaffApiAppearsOnceInTheTranscriptAsAnAnswerAfterTheEventUnderItsDepartment()
            throws Exception {
        long id = createEvent("host", "liu", "会后答复");
        Staff admin = logIn("boss", "boss-password-1");
        admin.ok(admin.post("/api/v1/admin/interviews/" + id + "/start", "{}"));
        assertThat(JSON.readTree(ask(id, "如何申请政府信息公开？", newSession()).body()).path("outcome").asText())
                .isEqualTo("bot_answered");
        String question = "退休人员的社保待遇资格认证每年都要做吗？我的手机13812345678";
        String code = endWithoutAnswering(id, question);
        String ticketAnswer = "每年认证一次，可在手机上刷脸完成。如有疑问请联系经办人，电话13900001111。";
        String department = admin.ok(admin.get("/api/v1/staff/tickets/" + code)).path("ticket")
                .path("departmentName").asText();
        assertThat(department).isEqualTo("人力资源和社会保障局");
        assertThat(transcript(id).path("items")).hasSize(1);

        JsonNode first = admin.ok(admin.post("/api/v1/staff/tickets/" + code + "/answer",
                JSON.createObjectNode().put("answer", ticketAnswer)));
        JsonNode second = admin.ok(admin.post("/api/v1/staff/tickets/" + code + "/answer",
                JSON.createObjectNode().put("answer", "第二次答复，不应公开")));

        assertThat(first.path("recorded").asBoolean()).isTrue();
        assertThat(second.path("recorded").asBoolean()).isFalse();
        JsonNode feed = transcript(id);
        assertThat(feed.path("status").asText()).isEqualTo("ended");
        assertThat(feed.path("lastSeq").asInt()).isEqualTo(2);
        assertThat(feed.path("items")).hasSize(2);
        JsonNode item = feed.path("items").get(1);
        assertThat(answeredLater(feed)).as("exactly once, although answered twice").containsExactly(item);
        assertThat(item.path("seq").asInt()).isEqualTo(2);
        assertThat(item.path("question").asText()).isEqualTo("退休人员的社保待遇资格认证每年都要做吗？我的手机138****5678");
        JsonNode answer = item.path("answer");
        assertThat(answer.path("department").asText()).isEqualTo(department);
        assertThat(answer.path("text").asText()).as("masked as citizens' text is")
                .isEqualTo("每年认证一次，可在手机上刷脸完成。如有疑问请联系经办人，电话139****1111。");
        assertThat(answer.path("guestName").isNull()).isTrue();
        assertThat(Instant.parse(answer.path("answeredAt").asText())).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(feed.toString()).as("never the officer's account").doesNotContain("boss").doesNotContain("管理员");
        JsonNode polled = JSON.readTree(send(browser(), get("/api/v1/interviews/" + id + "/feed?after=1")).body());
        assertThat(polled.path("items")).as("a page open since the end gets it at its next poll").hasSize(1);
        JsonNode staffView = entry(logIn("host", "host-password-1"), id,
                org.wenzheng.server.privacy.PersonalDataMasker.mask(question));
        assertThat(staffView.path("status").asText()).isEqualTo("answered_later");
        assertThat(staffView.path("answer").path("source").asText()).isEqualTo("officer");
        assertThat(staffView.path("answer").path("department").asText()).isEqualTo(department);
        assertThat(staffView.path("ticketCode").asText()).isEqualTo(code);
    }

    @Test
    void anOfficersMailReplyToTheTicketAppearsInTheTranscriptAndASecondReplyDoesNot() throws Exception {
        long id = createEvent("host", "liu", "邮件答复");
        String code = endWithoutAnswering(id, "失业人员的社保可以由家人代缴吗？");
        MimeMessage escalation = awaitMail("hrss@wenzheng.local", "hrss", code);

        reply(escalation, "可以，家人可凭委托书到社保经办机构代缴。\n\n人社局承办人\n\n"
                + "在 2026年11月26日，问政 写道：\n> 失业人员的社保可以由家人代缴吗？");
        JsonNode item = awaitAnsweredLater(id);

        assertThat(item.path("question").asText()).isEqualTo("失业人员的社保可以由家人代缴吗？");
        assertThat(item.path("answer").path("department").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(item.path("answer").path("text").asText()).startsWith("可以，家人可凭委托书到社保经办机构代缴。")
                .doesNotContain("写道");
        assertThat(transcript(id).toString()).as("never the officer's address").doesNotContain("hrss@");

        reply(escalation, "再答一次：不应公开");
        Staff admin = logIn("boss", "boss-password-1");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (StreamSupport.stream(admin.ok(admin.get("/api/v1/staff/tickets/" + code)).path("events")
                .spliterator(), false).noneMatch(e -> e.path("kind").asText().equals("answer_again"))) {
            assertThat(System.nanoTime()).as("the second reply is recorded as answer_again").isLessThan(end);
            Thread.sleep(100);
        }
        assertThat(answeredLater(transcript(id))).containsExactly(item);
    }

    @Test
    void aQuotedInterviewTitleIsNotDoubleQuotedInTheTicketMailsSubject() throws Exception {
        long id = createEvent("host", "liu", "“社保补贴”政策解读");
        String code = endWithoutAnswering(id, "社保断缴能补吗？");

        String subject = awaitMail("hrss@wenzheng.local", "hrss", code).getSubject();

        assertThat(subject).isEqualTo("[" + code + "] 待办：社保断缴能补吗？ （在线访谈“‘社保补贴’政策解读”中未及回…")
                .doesNotContain("““");
    }

    @Test
    void theAnswerToATicketOfAnotherChannelPublishesNothingWhileTheEventsOwnTicketStillDoes() throws Exception {
        long id = createEvent("host", "liu", "其他渠道");
        String code = endWithoutAnswering(id, "工伤认定需要准备哪些材料？");
        HttpResponse<String> created = send(browser(), post("/api/v1/tickets", JSON.createObjectNode()
                .put("question", "我的工资被拖欠了三个月怎么办？").put("channel", "web").toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String web = JSON.readTree(created.body()).path("code").asText();
        Staff admin = logIn("boss", "boss-password-1");

        JsonNode answered = admin.ok(admin.post("/api/v1/staff/tickets/" + web + "/answer",
                JSON.createObjectNode().put("answer", "请向劳动保障监察机构投诉。")));

        assertThat(answered.path("answeredCodes")).extracting(JsonNode::asText).containsExactly(web);
        JsonNode feed = transcript(id);
        assertThat(feed.path("items")).isEmpty();
        assertThat(feed.path("lastSeq").asInt()).isZero();
        assertThat(entry(logIn("host", "host-password-1"), id, "工伤认定需要准备哪些材料？").path("status").asText())
                .isEqualTo("escalated");
        assertThat(admin.ok(admin.get("/api/v1/staff/tickets/" + code)).path("ticket").path("status").asText())
                .isEqualTo("open");

        admin.ok(admin.post("/api/v1/staff/tickets/" + code + "/answer",
                JSON.createObjectNode().put("answer", "身份证明、劳动关系证明和医疗诊断证明。")));

        assertThat(answeredLater(transcript(id))).singleElement().satisfies(i -> {
            assertThat(i.path("seq").asInt()).isEqualTo(1);
            assertThat(i.path("answer").path("text").asText()).isEqualTo("身份证明、劳动关系证明和医疗诊断证明。");
        });
    }

    /** Polls the transcript, as a reader reloading it, until an answer after the event is there. */
    private static JsonNode awaitAnsweredLater(long id) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            List<JsonNode> later = answeredLater(transcript(id));
            if (!later.isEmpty()) {
                return later.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no answer after the event in the transcript of " + id);
    }

    /** What a mail client does on "Reply" (Re: subject, In-Reply-To, References), sent by SMTP. */
    private static void reply(MimeMessage escalation, String text) throws Exception {
        MimeMessage reply = (MimeMessage) escalation.reply(false);
        reply.setFrom(new InternetAddress("hrss@wenzheng.local"));
        reply.setText(text, "UTF-8");
        Transport.send(reply);
    }

    /** Polls a mailbox over IMAP, as a mail client does, until a mail naming the code is there. */
    private static MimeMessage awaitMail(String user, String password, String code) throws Exception {
        return MailClient.awaitMail(smtp, imap, user, password, code);
    }
}
