package org.wenzheng.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * Every channel in the report, from activity made through the server's own APIs on a real port
 * (the shipped configuration: its PBX integration and extension, mailboxes, departments): chat and
 * API questions, one handed to staff; five calls reported by the PBX, logged and escalated from the
 * console; an online interview with seven questions answered by guests, the bot and after the
 * event; letters to two mailboxes of three types. The report read back has exactly those counts.
 * Each subclass supplies the database: SQLite, and PostgreSQL when configured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EveryChannelReportEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PBX_TOKEN = "demo-pbx-token-2026-not-secret";

    @TempDir
    static Path data;

    private WenzhengServer server;
    private URI base;

    /** The database the server runs on, fresh and empty ({@code data} is the test's folder). */
    abstract DatabaseConfig database(AppConfig app);

    /** Drops what {@link #database} made, after the server stopped. */
    abstract void dropDatabase() throws Exception;

    @BeforeAll
    void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1"),
                        // The shipped hotline configuration puts extension 8001 through to "operator".
                        new StaffConfig.SeedAccount("operator", "接线员", Role.OPERATOR, "op-password-1"),
                        new StaffConfig.SeedAccount("host", "主持人", Role.MODERATOR, "host-password-1"),
                        new StaffConfig.SeedAccount("liu", "刘明", Role.OFFICER, "liu-password-1")));
        ServerConfig.RateLimit unlimited = new ServerConfig.RateLimit(100_000, 10_000);
        server = Assembly.builder(app.server().withPort(0).withRateLimit(unlimited), KnowledgeBases.open(knowledge),
                        Database.open(database(app)))
                .staff(staff)
                .reports(ReportsConfig.DEFAULTS, app.calendar())
                .tickets(app.tickets().orElseThrow().withCreateRateLimit(unlimited), app.deadlines())
                .letters(app.letters().withCreateRateLimit(unlimited))
                .hotline(app.hotline(), name -> Optional.empty())
                .interviews(app.interviews().withRateLimits(unlimited, unlimited), app.knowledge().stopPhrasesFile())
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        dropDatabase();
    }

    // ------------------------------------------------------------------ HTTP

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private JsonNode ok(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isBetween(200, 202);
        return JSON.readTree(r.body());
    }

    /** A citizen's request: no cookie, no token. */
    private JsonNode citizen(String path, Object body) throws Exception {
        return ok(send(browser(), request(path, JSON.writeValueAsString(body))));
    }

    private final class Staff {
        private final HttpClient client = browser();
        private final String csrf;

        Staff(String username, String password) throws Exception {
            JsonNode r = ok(send(client, request("/api/v1/login", JSON.createObjectNode().put("username", username)
                    .put("password", password).toString())));
            csrf = r.path("csrf").asText();
        }

        JsonNode get(String path) throws Exception {
            return ok(send(client, HttpRequest.newBuilder(base.resolve(path)).GET()));
        }

        HttpResponse<String> raw(String path) throws Exception {
            return send(client, HttpRequest.newBuilder(base.resolve(path)).GET());
        }

        HttpResponse<byte[]> bytes(String path) throws Exception {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            return r;
        }

        JsonNode post(String path, Object body) throws Exception {
            return ok(send(client, request(path, JSON.writeValueAsString(body))
                    .header("X-CSRF-Token", csrf)));
        }
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    // ------------------------------------------------------------------ activity

    /** Chat and API questions: how many the bot answered of each, and one web question handed to staff. */
    private long[] chatQuestions() throws Exception {
        long[] answered = new long[2];
        String session = null;
        for (String q : List.of("最低生活保障怎么申请", "养老保险关系跨省转移要带哪些材料", "小区门口的路灯坏了三个月，谁来修？")) {
            ObjectNode body = object().put("question", q).put("channel", "web");
            if (session != null) {
                body.put("session", session);
            }
            JsonNode a = citizen("/api/v1/ask", body);
            session = a.path("session").asText();
            answered[0] += a.path("answered").asBoolean() ? 1 : 0;
        }
        for (String q : List.of("如何申请政府信息公开？", "失业保险金领取条件是什么")) {
            answered[1] += citizen("/api/v1/ask", object().put("question", q).put("channel", "api"))
                    .path("answered").asBoolean() ? 1 : 0;
        }
        citizen("/api/v1/tickets", object().put("question", "小区门口的路灯坏了三个月，谁来修？").put("channel", "web")
                .put("session", session));
        return answered;
    }

    /**
     * Five calls reported by the PBX to extension 8001: two answered on the call, two escalated (the
     * first of them then answered by its department: the call-back done), one with the number
     * withheld and nothing logged.
     */
    private void hotlineCalls(Staff admin) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 5; i++) {
            ObjectNode report = object().put("event", "started").put("callId", run + "-" + i).put("extension", "8001");
            if (i < 5) {
                report.put("caller", "1381234000" + i);
            }
            HttpResponse<String> r = send(browser(), request("/api/v1/calls", report.toString())
                    .header("Authorization", "Bearer " + PBX_TOKEN));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        Staff operator = new Staff("operator", "op-password-1");
        List<Long> ids = new ArrayList<>();
        operator.get("/api/v1/staff/calls").path("calls").forEach(c -> ids.add(c.path("id").asLong()));
        ids.sort(null);
        assertThat(ids).hasSize(5);
        operator.post("/api/v1/staff/calls/" + ids.get(0), object().put("question", "低保怎么申请")
                .put("answerGiven", "到街道办申请。"));
        operator.post("/api/v1/staff/calls/" + ids.get(1), object().put("question", "社保卡丢了怎么办")
                .put("answerGiven", "到社保经办机构补办。"));
        List<String> tickets = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            operator.post("/api/v1/staff/calls/" + ids.get(i), object().put("question", "小区路灯坏了" + i + "盏，谁来修？"));
            tickets.add(operator.post("/api/v1/staff/calls/" + ids.get(i) + "/escalate", object().put("consent", true))
                    .path("code").asText());
        }
        admin.post("/api/v1/staff/tickets/" + tickets.get(0) + "/answer", object().put("answer", "已安排维修。"));
    }

    /**
     * Seven questions to one event: a question and its near-duplicate and another answered by the
     * guest, one answered by the bot, one rejected, two left at the end, escalated, one of them then
     * answered after the event.
     */
    private void interview(Staff admin) throws Exception {
        long moderator = account(admin, "moderators", "host");
        long officer = account(admin, "officers", "liu");
        ObjectNode event = object().put("title", "社保政策在线访谈").put("description", "欢迎网友提问")
                .put("startsAt", Instant.now().toString()).put("endsAt", Instant.now().plusSeconds(7200).toString())
                .put("moderator", moderator);
        event.putArray("guests").addObject().put("account", officer).put("title", "市人社局副局长");
        long id = admin.post("/api/v1/admin/interviews", event).path("id").asLong();
        admin.post("/api/v1/admin/interviews/" + id + "/start", object());
        String first = "养老保险关系跨省转移要带哪些材料？";
        String second = "小区门口的路灯坏了三个月，谁来修？";
        String rejected = "你们这个访谈太无聊了，换个嘉宾吧";
        String answeredLater = "退休人员的社保待遇资格认证每年都要做吗？";
        String leftOpen = "灵活就业人员的医保断缴了三个月怎么补？";
        assertThat(ask(id, first)).isEqualTo("queued");
        assertThat(ask(id, "请问养老保险关系跨省转移要带哪些材料")).isEqualTo("merged");
        assertThat(ask(id, second)).isEqualTo("queued");
        assertThat(ask(id, "如何申请政府信息公开？")).isEqualTo("bot_answered");
        assertThat(ask(id, rejected)).isEqualTo("queued");
        assertThat(ask(id, answeredLater)).isEqualTo("queued");
        assertThat(ask(id, leftOpen)).isEqualTo("queued");

        Staff host = new Staff("host", "host-password-1");
        Staff liu = new Staff("liu", "liu-password-1");
        long guest = host.get("/api/v1/interviews/" + id + "/queue").path("interview").path("guests").get(0)
                .path("id").asLong();
        for (String q : List.of(first, second)) {
            long qid = entry(host, id, q).path("id").asLong();
            host.post("/api/v1/interviews/" + id + "/questions/" + qid + "/assign", object().put("guest", guest));
            liu.post("/api/v1/interviews/" + id + "/questions/" + qid + "/answer", object().put("answer", "答复：" + q));
        }
        host.post("/api/v1/interviews/" + id + "/questions/" + entry(host, id, rejected).path("id").asLong()
                + "/reject", object());
        assertThat(admin.post("/api/v1/admin/interviews/" + id + "/end", object()).path("escalated").asInt())
                .isEqualTo(2);
        String code = entry(host, id, answeredLater).path("ticketCode").asText();
        admin.post("/api/v1/staff/tickets/" + code + "/answer", object().put("answer", "每年认证一次。"));
    }

    private String ask(long id, String question) throws Exception {
        return citizen("/api/v1/interviews/" + id + "/questions", object().put("question", question)
                .put("session", UUID.randomUUID().toString())).path("outcome").asText();
    }

    private static JsonNode entry(Staff moderator, long id, String question) throws Exception {
        return StreamSupport.stream(moderator.get("/api/v1/interviews/" + id + "/queue").path("entries").spliterator(),
                false).filter(e -> e.path("question").asText().equals(question)).findFirst().orElseThrow();
    }

    private static long account(Staff admin, String list, String username) throws Exception {
        return StreamSupport.stream(admin.get("/api/v1/admin/interviews").path(list).spliterator(), false)
                .filter(a -> a.path("username").asText().equals(username)).findFirst().orElseThrow().path("id").asLong();
    }

    /** Three letters: a consultation and a suggestion to 市政府信箱 (the suggestion answered), a complaint to 主任信箱. */
    private void letters(Staff admin) throws Exception {
        citizen("/api/v1/letters", object().put("mailbox", "mayor").put("type", "consultation").put("title", "公积金提取")
                .put("content", "住房公积金提取需要哪些材料？"));
        String code = citizen("/api/v1/letters", object().put("mailbox", "mayor").put("type", "suggestion")
                .put("title", "增设公交线路").put("content", "建议在新区增设一条通往市中心的公交线路。")).path("code").asText();
        citizen("/api/v1/letters", object().put("mailbox", "director").put("type", "complaint").put("title", "窗口办事拖延")
                .put("content", "政务大厅窗口让我来回跑了三次，希望改进。").put("name", "张三"));
        admin.post("/api/v1/staff/tickets/" + code + "/answer", object().put("answer", "感谢建议，已转交交通部门研究。"));
    }

    // ------------------------------------------------------------------ the report

    private static JsonNode byField(JsonNode list, String field, String value) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path(field).asText().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError(value + " not in " + list));
    }

    private static long count(JsonNode list, String type) {
        return byField(list, "type", type).path("count").asLong();
    }

    @Test
    void activityInEveryChannelIsCountedExactlyInTheReportAndItsCsv() throws Exception {
        Staff admin = new Staff("boss", "boss-password-1");
        long[] botAnswered = chatQuestions();
        hotlineCalls(admin);
        interview(admin);
        letters(admin);

        // A period around today, so that Beijing's midnight during the test splits nothing.
        LocalDate today = LocalDate.now(DeadlineRules.ZONE);
        String period = "from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        JsonNode r = admin.get(ReportsFeature.PATH + "?" + period);

        JsonNode channels = r.path("questions").path("byChannel");
        JsonNode web = byField(channels, "channel", "web");
        assertThat(web.path("questions").asLong()).isEqualTo(3);
        assertThat(web.path("answeredByBot").asLong()).isEqualTo(botAnswered[0]);
        assertThat(web.path("handedToStaff").asLong()).isEqualTo(1);
        JsonNode api = byField(channels, "channel", "api");
        assertThat(api.path("questions").asLong()).isEqualTo(2);
        assertThat(api.path("answeredByBot").asLong()).isEqualTo(botAnswered[1]);
        assertThat(api.path("handedToStaff").asLong()).isZero();
        assertThat(byField(channels, "channel", "hotline").path("handedToStaff").asLong()).isEqualTo(2);
        assertThat(byField(channels, "channel", "interview").path("handedToStaff").asLong()).isEqualTo(2);

        JsonNode hotline = r.path("hotline");
        assertThat(hotline.path("calls").asLong()).isEqualTo(5);
        assertThat(hotline.path("answeredOnCall").asLong()).isEqualTo(2);
        assertThat(hotline.path("escalated").asLong()).isEqualTo(2);
        assertThat(hotline.path("notLogged").asLong()).isEqualTo(1);
        assertThat(hotline.path("callBacksDone").asLong()).isEqualTo(1);
        assertThat(hotline.path("callBacksPending").asLong()).isEqualTo(1);
        assertThat(hotline.path("withoutNumber").asLong()).isEqualTo(1);
        assertThat(StreamSupport.stream(hotline.path("byDepartment").spliterator(), false)
                .mapToLong(d -> d.path("count").asLong()).sum()).isEqualTo(2);

        JsonNode interviews = r.path("interviews");
        assertThat(interviews.path("askers").asLong()).isEqualTo(7);
        assertThat(interviews.path("questions").asLong()).isEqualTo(6);
        assertThat(interviews.path("answeredByGuests").asLong()).isEqualTo(2);
        assertThat(interviews.path("answeredByBot").asLong()).isEqualTo(1);
        assertThat(interviews.path("answeredAfterEvent").asLong()).isEqualTo(1);
        assertThat(interviews.path("awaitingAnswer").asLong()).isEqualTo(1);
        assertThat(interviews.path("rejected").asLong()).isEqualTo(1);
        assertThat(interviews.path("medianWorkingDaysToLaterAnswer").asDouble()).isZero();
        assertThat(interviews.path("byInterview")).hasSize(1);
        assertThat(interviews.path("byInterview").get(0).path("title").asText()).isEqualTo("社保政策在线访谈");
        assertThat(interviews.path("byInterview").get(0).path("askers").asLong()).isEqualTo(7);

        JsonNode letters = r.path("letters");
        assertThat(letters.path("received").asLong()).isEqualTo(3);
        assertThat(letters.path("answered").asLong()).isEqualTo(1);
        assertThat(count(letters.path("byType"), "consultation")).isEqualTo(1);
        assertThat(count(letters.path("byType"), "suggestion")).isEqualTo(1);
        assertThat(count(letters.path("byType"), "complaint")).isEqualTo(1);
        assertThat(count(letters.path("byType"), "tipoff")).isZero();
        JsonNode mayor = byField(letters.path("byMailbox"), "mailbox", "mayor");
        assertThat(mayor.path("mailboxName").asText()).isEqualTo("市政府信箱");
        assertThat(mayor.path("received").asLong()).isEqualTo(2);
        assertThat(mayor.path("answered").asLong()).isEqualTo(1);
        assertThat(count(mayor.path("byType"), "complaint")).isZero();
        JsonNode director = byField(letters.path("byMailbox"), "mailbox", "director");
        assertThat(director.path("received").asLong()).isEqualTo(1);
        assertThat(count(director.path("byType"), "complaint")).isEqualTo(1);

        // 1 web, 2 hotline, 2 interview, 3 letters; answered: a call-back, an interview question, a letter.
        JsonNode tickets = r.path("tickets");
        assertThat(tickets.path("created").asLong()).isEqualTo(8);
        assertThat(tickets.path("answered").asLong()).isEqualTo(3);
        assertThat(tickets.path("open").asLong()).isEqualTo(5);
        assertThat(r.path("notAvailable").toString()).contains("工单重新办理", "按公开目录类别统计的主动公开信息");

        String csv = admin.raw(ReportsFeature.PATH + "?" + period + "&format=csv").body();
        assertThat(csv).contains("\r\n热线 来电数,合计,5\r\n", "\r\n热线 通话中答复数,合计,2\r\n",
                "\r\n在线访谈 提问人次,合计,7\r\n", "\r\n在线访谈 嘉宾现场答复数,合计,2\r\n",
                "\r\n来信 收信数,市政府信箱,2\r\n", "\r\n来信 收信数（投诉）,主任信箱,1\r\n",
                "\r\n转人工办理数（工单）,网站,1\r\n");

        HttpResponse<byte[]> xlsx = admin.bytes(ReportsFeature.PATH + "?" + period + "&format=xlsx");
        assertThat(xlsx.headers().firstValue("Content-Type")).hasValue(ReportXlsx.CONTENT_TYPE);
        try (var book = Workbooks.open(xlsx.body())) {
            var overview = book.getSheet(ReportXlsx.OVERVIEW);
            assertThat(Workbooks.below(overview, "来电")).isEqualTo(5);
            assertThat(Workbooks.below(overview, "通话中答复")).isEqualTo(2);
            assertThat(Workbooks.below(overview, "已回访（工单已答复）")).isEqualTo(1);
            assertThat(Workbooks.below(overview, "提问人次")).isEqualTo(7);
            assertThat(Workbooks.below(overview, "会后答复")).isEqualTo(1);
            assertThat(Workbooks.below(overview, "转人工办理（工单）")).isEqualTo(5);
            assertThat(Workbooks.rowWith(overview, 0, "市政府信箱").getCell(1).getNumericCellValue()).isEqualTo(2);
            assertThat(Workbooks.rowWith(overview, 0, "社保政策在线访谈（" + today + "）").getCell(3)
                    .getNumericCellValue()).as("answered by guests").isEqualTo(2);
        }

        // The same day as a one-day period, by day=.
        JsonNode day = admin.get(ReportsFeature.PATH + "?day=" + today);
        assertThat(day.path("period").path("from").asText()).isEqualTo(today.toString());
        assertThat(day.path("period").path("to").asText()).isEqualTo(today.plusDays(1).toString());
    }
}
