package org.wenzheng.server.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.tickets.calendar.TicketType;
import org.wenzheng.testing.MailClient;
import org.wenzheng.testing.MovableClock;

/**
 * 满意度评价 and 回访 on the real server (SQLite, the shipped configuration: departments, calendar,
 * deadlines, the mail bridge on its embedded mail server), its clock moved by the test: a citizen
 * rates an answer once by the key; a wrong key is the same 404 as an unknown code; 不满意 reopens the
 * ticket to the supervisor, whose mail carries the comment, and a second 不满意 closes it; the counts
 * by department; an answered 投诉 is on the follow-up list until its working days are over, and the
 * operator's outcome is recorded.
 */
class SatisfactionEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Monday 2026-12-07, 10:00 in Beijing: a working day. */
    private static final Instant MONDAY_10AM = Instant.parse("2026-12-07T02:00:00Z");

    @TempDir
    static Path data;

    private static AppConfig app;
    private static WenzhengServer server;
    private static URI base;
    private static int smtp;
    private static int imap;
    private static final MovableClock clock = new MovableClock(MONDAY_10AM);

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        smtp = freePort();
        imap = freePort();
        StaffConfig staff = new StaffConfig(Duration.ofDays(30), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "admin-password-1"),
                        new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database())).staff(staff).clock(clock)
                .tickets(app.tickets().orElseThrow().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)),
                        app.deadlines())
                .mail(app.mail().withPorts(smtp, imap), data.resolve("mail"))
                .letters(app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
                .satisfaction(app.satisfaction().withRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
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

    private record Reply(int status, JsonNode body) {
    }

    private static Reply send(HttpClient client, String method, String path, String json, String csrf)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json");
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        b = json == null ? b.GET() : b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
    }

    private record Staff(HttpClient client, String csrf) {
        JsonNode get(String path) throws Exception {
            Reply r = send(client, "GET", path, null, null);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
            return r.body();
        }

        Reply post(String path, String json) throws Exception {
            return send(client, "POST", path, json, csrf);
        }
    }

    private static Staff login(String user, String password) throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Reply r = send(c, "POST", "/api/v1/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString(), null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return new Staff(c, r.body().path("csrf").asText());
    }

    /**
     * A letter of this type to 市政府信箱 (a ticket of that type), signed, with the writer's e-mail
     * address kept: {code, key}.
     */
    private static JsonNode ticket(String question, String type, String email) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("mailbox", "mayor").put("type", type)
                .put("title", question.substring(0, Math.min(20, question.length()))).put("content", question)
                .put("name", "张三");
        body.putObject("contact").put("email", email).put("consent", true);
        Reply r = send(HttpClient.newHttpClient(), "POST", "/api/v1/letters", body.toString(), null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r.body();
    }

    private static void answer(Staff boss, String code, String text) throws Exception {
        Reply r = boss.post("/api/v1/staff/tickets/" + code + "/answer", JSON.createObjectNode().put("answer", text)
                .toString());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private static Reply rate(String code, String key, String rating, String comment) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("key", key).put("rating", rating);
        if (comment != null) {
            body.put("comment", comment);
        }
        return send(HttpClient.newHttpClient(), "POST", "/api/v1/tickets/" + code + "/rating", body.toString(), null);
    }

    private static String status(String code, String key) throws Exception {
        Reply r = send(HttpClient.newHttpClient(), "GET", "/api/v1/tickets/" + code + "?key=" + key, null, null);
        return r.body().path("status").asText();
    }

    @Test
    void anAnswerIsRatedOnceByTheKeyAndAWrongKeyIsRefused() throws Exception {
        Staff boss = login("boss", "admin-password-1");
        // The citizen's address is one of the embedded mail server's mailboxes, so that the test reads the mail.
        JsonNode t = ticket("小区门口的路灯坏了很久，什么时候修？评价甲", "consultation", "housing@wenzheng.local");
        String code = t.path("code").asText();
        String key = t.path("key").asText();

        Reply early = rate(code, key, "satisfied", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("error").path("message").asText()).isEqualTo("该工单正在办理中，答复后才能评价");

        answer(boss, code, "已安排维修，本周内修复。");
        Reply wrong = rate(code, key.substring(1) + "x", "satisfied", null);
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.body().path("error").path("message").asText()).isEqualTo("没有找到该编号和查询码对应的工单");

        Reply first = rate(code, key, "basic", "修得还算及时");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.body().path("ratingName").asText()).isEqualTo("基本满意");
        assertThat(first.body().path("status").asText()).isEqualTo("answered");
        assertThat(first.body().path("reopened").asBoolean()).isFalse();

        Reply second = rate(code, key, "unsatisfied", "改主意了");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().path("error").path("message").asText()).isEqualTo("您已经评价过这次答复，每次答复只能评价一次");
        assertThat(status(code, key)).isEqualTo("answered");

        Reply tooLong = rate(code, key, "satisfied", "长".repeat(501));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().path("error").path("field").asText()).isEqualTo("comment");

        // The answer mail to the citizen links to /track to rate it.
        MimeMessage mail = MailClient.awaitMail(smtp, imap, "housing@wenzheng.local", "housing",
                "您的留言已答复 [" + code + "]");
        assertThat(mail.getContent().toString()).contains("请对本次答复作出评价").contains("/track#" + code);
    }

    @Test
    void unsatisfiedReopensTheTicketToTheSupervisorOnceThenASecondUnsatisfiedClosesItAndItIsCounted()
            throws Exception {
        Staff boss = login("boss", "admin-password-1");
        JsonNode t = ticket("窗口工作人员态度很差，投诉重办乙", "complaint", "angry@example.org");
        String code = t.path("code").asText();
        String key = t.path("key").asText();
        answer(boss, code, "已批评教育相关工作人员。");

        clock.set(MONDAY_10AM.plus(Duration.ofDays(1)));
        try {
            Reply first = rate(code, key, "不满意", "没有解决问题，窗口还是推诿");
            assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
            assertThat(first.body().path("reopened").asBoolean()).isTrue();
            assertThat(first.body().path("status").asText()).isEqualTo("open");

            JsonNode detail = boss.get("/api/v1/staff/tickets/" + code);
            LocalDate tuesday = LocalDate.of(2026, 12, 8);
            assertThat(detail.path("ticket").path("deadline").asText())
                    .isEqualTo(app.deadlines().deadline(TicketType.COMPLAINT, tuesday).toString());
            List<String> kinds = new ArrayList<>();
            detail.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
            assertThat(kinds).contains("rated", "reopened");

            MimeMessage mail = MailClient.awaitMail(smtp, imap, "supervisor@wenzheng.local", "supervisor", code);
            assertThat(mail.getSubject()).contains("[不满意重办]").contains(code);
            assertThat(mail.getContent().toString()).contains("市民的意见：没有解决问题，窗口还是推诿")
                    .contains("工单已重新打开");

            assertThat(rate(code, key, "satisfied", null).status()).isEqualTo(409);

            answer(boss, code, "负责人已约谈窗口，并当面向您致歉。");
            Reply second = rate(code, key, "unsatisfied", "还是不满意");
            assertThat(second.status()).as(second.body().toString()).isEqualTo(200);
            assertThat(second.body().path("closed").asBoolean()).isTrue();
            assertThat(status(code, key)).isEqualTo("closed");
            assertThat(rate(code, key, "satisfied", null).status()).isEqualTo(409);

            JsonNode counts = boss.get("/api/v1/admin/satisfaction?from=2026-12-01&to=2027-01-01");
            JsonNode office = null;
            for (JsonNode d : counts.path("departments")) {
                if (d.path("department").asText().equals(detail.path("ticket").path("department").asText())) {
                    office = d;
                }
            }
            assertThat(office).isNotNull();
            assertThat(office.path("unsatisfied").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(office.path("reopened").asInt()).isGreaterThanOrEqualTo(1);
        } finally {
            clock.set(MONDAY_10AM);
        }
    }

    @Test
    void theCountsTellSatisfiedBasicUnsatisfiedAndUnratedAnswersApartByDepartment() throws Exception {
        Staff boss = login("boss", "admin-password-1");
        // Answered on a day of their own, so that only these tickets are counted.
        clock.set(Instant.parse("2026-12-15T02:00:00Z"));
        try {
            String[] ratings = {"satisfied", "satisfied", "basic", "unsatisfied", null};
            for (int i = 0; i < ratings.length; i++) {
                JsonNode t = ticket("关于公园开放时间的咨询计数丙" + i, "consultation", "count" + i + "@example.org");
                answer(boss, t.path("code").asText(), "公园每天六点开放。");
                if (ratings[i] != null) {
                    assertThat(rate(t.path("code").asText(), t.path("key").asText(), ratings[i], null).status())
                            .isEqualTo(200);
                }
            }
            JsonNode counts = boss.get("/api/v1/admin/satisfaction?from=2026-12-15&to=2026-12-16");
            JsonNode total = counts.path("total");
            assertThat(total.path("satisfied").asInt()).isEqualTo(2);
            assertThat(total.path("basic").asInt()).isEqualTo(1);
            assertThat(total.path("unsatisfied").asInt()).isEqualTo(1);
            assertThat(total.path("unrated").asInt()).isEqualTo(1);
            assertThat(total.path("reopened").asInt()).isEqualTo(1);
            assertThat(counts.path("departments")).hasSize(1);
            assertThat(counts.path("departments").get(0).path("departmentName").asText()).isNotBlank();
        } finally {
            clock.set(MONDAY_10AM);
        }
    }

    private static List<String> followUpCodes(Staff op) throws Exception {
        List<String> out = new ArrayList<>();
        op.get("/api/v1/staff/follow-ups").path("followUps").forEach(f -> out.add(f.path("code").asText()));
        return out;
    }

    @Test
    void anAnsweredComplaintIsOnTheFollowUpListForItsWorkingDaysAndTheOutcomeIsRecorded() throws Exception {
        Staff boss = login("boss", "admin-password-1");
        Staff op = login("op", "op-password-1");
        // Thursday 2026-12-17: five working days later is Thursday 2026-12-24.
        clock.set(Instant.parse("2026-12-17T02:00:00Z"));
        try {
            JsonNode complaint = ticket("小区垃圾清运不及时投诉回访丁", "complaint", "callback@example.org");
            JsonNode consultation = ticket("社区医院几点上班回访戊", "consultation", "nocall@example.org");
            String code = complaint.path("code").asText();
            answer(boss, code, "已督促清运公司每天清运两次。");
            answer(boss, consultation.path("code").asText(), "早八点。");

            assertThat(followUpCodes(op)).contains(code).doesNotContain(consultation.path("code").asText());

            Reply recorded = op.post("/api/v1/staff/follow-ups/" + code, JSON.createObjectNode().put("reached", true)
                    .put("satisfied", true).put("note", "市民表示已改善").toString());
            assertThat(recorded.status()).as(recorded.body().toString()).isEqualTo(200);
            JsonNode call = recorded.body().path("calls").get(0);
            assertThat(call.path("outcome").asText()).isEqualTo("已联系，满意");
            assertThat(call.path("note").asText()).isEqualTo("市民表示已改善");
            assertThat(call.path("recordedBy").asText()).isEqualTo("op");

            Reply missing = op.post("/api/v1/staff/follow-ups/" + code, "{\"note\":\"没选\"}");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.body().path("error").path("field").asText()).isEqualTo("reached");

            clock.set(Instant.parse("2026-12-24T10:00:00Z")); // Thursday 18:00 in Beijing: the last day
            assertThat(followUpCodes(op)).contains(code);
            clock.set(Instant.parse("2026-12-25T02:00:00Z")); // Friday: the sixth working day
            assertThat(followUpCodes(op)).doesNotContain(code);
            Reply late = op.post("/api/v1/staff/follow-ups/" + code, JSON.createObjectNode().put("reached", false)
                    .toString());
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.body().path("error").path("message").asText()).contains("不在今天的回访名单上");
        } finally {
            clock.set(MONDAY_10AM);
        }
    }
}
