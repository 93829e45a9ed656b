package org.wenzheng.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * The report over a real port: an administrator logs in and fetches the figures of today, which
 * include a question just asked through the API; other roles and anonymous callers are refused.
 */
class ReportsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A month and a bit: small enough to cross in a test. */
    private static final int MAX_DAYS = 40;

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
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(600, 100), List.of(
                new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1"),
                new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(knowledge), Database.open(app.database()))
                .staff(staff).reports(new ReportsConfig(MAX_DAYS), app.calendar()).build().server();
        InetSocketAddress a = server.start();
        base = URI.create("http://127.0.0.1:" + a.getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> post(HttpClient client, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> get(HttpClient client, String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpClient loggedIn(String user, String password) throws Exception {
        HttpClient b = browser();
        HttpResponse<String> r = post(b, "/api/v1/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return b;
    }

    private static String today() {
        return LocalDate.now(DeadlineRules.ZONE).toString();
    }

    private static String tomorrow() {
        return LocalDate.now(DeadlineRules.ZONE).plusDays(1).toString();
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String code, String messagePart)
            throws IOException {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as(body).isEqualTo(status);
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).contains(messagePart);
    }

    @Test
    void anAdministratorSeesTodaysQuestionAsJsonAndCsv() throws Exception {
        HttpResponse<String> asked = post(browser(), "/api/v1/ask",
                "{\"question\":\"最低生活保障怎么申请\",\"channel\":\"hotline\"}");
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
        boolean answered = JSON.readTree(asked.body()).path("answered").asBoolean();
        HttpClient admin = loggedIn("boss", "boss-password-1");

        HttpResponse<byte[]> json = get(admin, ReportsFeature.PATH + "?from=" + today() + "&to=" + tomorrow());

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode report = JSON.readTree(json.body());
        assertThat(report.path("period").path("from").asText()).isEqualTo(today());
        assertThat(report.path("period").path("timeZone").asText()).isEqualTo("Asia/Shanghai");
        JsonNode hotline = report.path("questions").path("byChannel").get(1);
        assertThat(hotline.path("channel").asText()).isEqualTo("hotline");
        // The only question asked in this test class, stored with the bot's reply.
        assertThat(hotline.path("questions").asLong()).isEqualTo(1);
        assertThat(hotline.path("answeredByBot").asLong()).isEqualTo(answered ? 1 : 0);
        assertThat(report.path("questions").path("total").asLong()).isEqualTo(1);
        assertThat(report.path("tickets").has("medianWorkingDaysToAnswer")).isTrue();
        assertThat(report.path("disclosure").path("balanced").asBoolean()).isTrue();

        HttpResponse<byte[]> csv = get(admin, ReportsFeature.PATH + "?from=" + today() + "&to=" + tomorrow()
                + "&format=csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"wenzheng-report-"
                + today() + "-" + today() + ".csv\"");
        byte[] body = csv.body();
        assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("项目,分组,数值\r\n统计期间,合计," + today() + " 至 " + today() + "\r\n");
        assertThat(text).contains("\r\n咨询问题数,热线电话," + hotline.path("questions").asLong() + "\r\n",
                "\r\n依申请公开 一＋二＝三（七）＋四,合计,成立\r\n");
    }

    @Test
    void withoutALoginTheReportIs401AndForAnOperator403() throws Exception {
        String query = ReportsFeature.PATH + "?from=" + today() + "&to=" + tomorrow();

        assertError(get(browser(), query), 401, "unauthenticated", "");
        assertError(get(loggedIn("op", "op-password-1"), query), 403, "forbidden", "");
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        HttpClient admin = loggedIn("boss", "boss-password-1");
        String p = ReportsFeature.PATH;

        assertError(get(admin, p + "?from=2026-13-01&to=2026-12-01"), 400, "invalid_field",
                "起始日期须为日期，如 2026-11-01，收到“2026-13-01”");
        assertError(get(admin, p + "?from=2026-11-01&to=December"), 400, "invalid_field",
                "截止日期须为日期，如 2026-11-01，收到“December”");
        assertError(get(admin, p + "?to=2026-12-01"), 400, "invalid_field", "请填写起始日期");
        assertError(get(admin, p + "?from=2026-11-01"), 400, "invalid_field", "请填写截止日期");
        assertError(get(admin, p + "?from=2026-11-01&to=2026-11-01"), 400, "invalid_field", "截止日期须晚于起始日期");
        assertError(get(admin, p + "?from=2026-11-01&to=2026-12-01&format=pdf"), 400, "invalid_field",
                "格式须为 json、csv 或 xlsx，收到“pdf”");
    }

    @Test
    void aDayAMonthOrAYearIsAPeriodAndABadOneIs400InChinese() throws Exception {
        HttpClient admin = loggedIn("boss", "boss-password-1");
        String p = ReportsFeature.PATH;

        JsonNode month = JSON.readTree(get(admin, p + "?month=2026-02").body()).path("period");
        assertThat(month.path("from").asText()).isEqualTo("2026-02-01");
        assertThat(month.path("lastDay").asText()).isEqualTo("2026-02-28");
        JsonNode day = JSON.readTree(get(admin, p + "?day=2026-11-05").body()).path("period");
        assertThat(day.path("from").asText()).isEqualTo("2026-11-05");
        assertThat(day.path("to").asText()).isEqualTo("2026-11-06");
        assertError(get(admin, p + "?day=2026-11-31"), 400, "invalid_field", "统计日期须为日期，如 2026-11-05，收到“2026-11-31”");
        assertError(get(admin, p + "?month=2026-13"), 400, "invalid_field", "统计月份须为年月，如 2026-11，收到“2026-13”");
        assertError(get(admin, p + "?year=26"), 400, "invalid_field", "统计年度须为四位年份，如 2026，收到“26”");
        assertError(get(admin, p + "?month=2026-11&from=2026-11-01&to=2026-12-01"), 400, "invalid_field",
                "统计期间只能选一种");
        // A whole year is within the longest period by default, but not within this test's 40 days.
        assertError(get(admin, p + "?year=2026"), 400, "invalid_field", "共 365 天，最长 40 天");
    }

    @Test
    void aPeriodLongerThanTheConfiguredMaximumIs400() throws Exception {
        HttpClient admin = loggedIn("boss", "boss-password-1");
        LocalDate from = LocalDate.parse("2026-10-01");

        assertThat(get(admin, ReportsFeature.PATH + "?from=" + from + "&to=" + from.plusDays(MAX_DAYS)).statusCode())
                .isEqualTo(200);
        assertError(get(admin, ReportsFeature.PATH + "?from=" + from + "&to=" + from.plusDays(MAX_DAYS + 1)), 400,
                "invalid_field", "共 41 天，最长 40 天（reports.maxPeriodDays）");
    }
}
