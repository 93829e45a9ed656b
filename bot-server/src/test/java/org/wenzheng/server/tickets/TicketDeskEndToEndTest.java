package org.wenzheng.server.tickets;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
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
import org.wenzheng.testing.HeldMails;

/**
 * The ticket desk's API on the real server (SQLite, the shipped departments and calendar, the mail
 * bridge on its embedded mail server): the list's filters and search, take and assign, the
 * actions offered for a ticket's type and state, and a held reply accepted from its ticket.
 */
class TicketDeskEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAFF = "/api/v1/staff/tickets";

    @TempDir
    static Path data;

    private static AppConfig app;
    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("wang", "王承办", Role.OFFICER, "officer-password-1", "office"),
                        new StaffConfig.SeedAccount("li", "李承办", Role.OFFICER, "officer-password-2", "hrss"),
                        new StaffConfig.SeedAccount("zhao", "赵承办", Role.OFFICER, "officer-password-3", "office"),
                        new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "admin-password-1"),
                        new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database())).staff(staff)
                .tickets(app.tickets().orElseThrow().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)),
                        app.deadlines())
                .mail(app.mail().withPorts(freePort(), freePort()), data.resolve("mail"))
                .letters(app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
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

    private record Staff(HttpClient client, String csrf) {
        JsonNode get(String path, int status) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
            return JSON.readTree(r.body());
        }

        JsonNode post(String path, String json, int status) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
            return JSON.readTree(r.body());
        }

        List<String> codes(String query) throws Exception {
            List<String> out = new ArrayList<>();
            get(STAFF + query, 200).path("tickets").forEach(t -> out.add(t.path("code").asText()));
            return out;
        }

        JsonNode ticket(String code) throws Exception {
            return get(STAFF + "/" + code, 200);
        }
    }

    private static Staff login(String user, String password) throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", user)
                        .put("password", password).toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new Staff(c, JSON.readTree(r.body()).path("csrf").asText());
    }

    private static String create(String question, String channel, String type) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("question", question)
                        .put("channel", channel).put("type", type).toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("code").asText();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> actions(JsonNode detail) {
        List<String> out = new ArrayList<>();
        detail.path("actions").forEach(a -> out.add(a.asText()));
        return out;
    }

    @Test
    void theListFiltersByChannelTypeOverdueAndSearchesTheCodeAndTheQuestion() throws Exception {
        String hotline = create("小区楼道的灯泡坏了一直没人换筛选甲", "hotline", "consultation");
        String disclosure = create("申请公开本区老旧小区改造的资金安排筛选乙", "web", "disclosure");
        String late = create("门口的下水道堵了很久了筛选丙", "web", "consultation");
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement("UPDATE tickets SET deadline = '2020-01-06' WHERE code = ?")) {
            s.setString(1, late);
            s.executeUpdate();
        }
        Staff boss = login("boss", "admin-password-1");

        assertThat(boss.codes("?channel=hotline")).contains(hotline).doesNotContain(disclosure, late);
        assertThat(boss.codes("?type=disclosure")).contains(disclosure).doesNotContain(hotline, late);
        assertThat(boss.codes("?overdue=true")).contains(late).doesNotContain(hotline, disclosure);
        assertThat(boss.codes("?overdue=false&q=" + q("筛选"))).contains(hotline, disclosure).doesNotContain(late);
        assertThat(boss.codes("?q=" + q("下水道堵了"))).containsExactly(late);
        assertThat(boss.codes("?q=" + hotline.toLowerCase())).containsExactly(hotline);
        assertThat(boss.codes("?department=hrss&q=" + q("筛选"))).isEmpty();

        JsonNode listed = boss.get(STAFF + "?q=" + late, 200);
        JsonNode row = listed.path("tickets").get(0);
        assertThat(row.path("departmentName").asText()).isEqualTo("综合办公室");
        assertThat(row.path("channelName").asText()).isEqualTo("网站");
        assertThat(row.path("overdue").asBoolean()).isTrue();
        assertThat(row.path("workingDaysLeft").asInt()).isNegative();
        assertThat(listed.path("departments").findValuesAsText("name")).contains("综合办公室", "住房和城乡建设局");
        JsonNode onTime = boss.get(STAFF + "?q=" + hotline, 200).path("tickets").get(0);
        assertThat(onTime.path("overdue").asBoolean()).isFalse();
        assertThat(onTime.path("workingDaysLeft").asInt()).isEqualTo(3);
    }

    private static String letter(String mailbox, String type, String title, String content) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/letters"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("mailbox", mailbox)
                        .put("type", type).put("title", title).put("content", content).put("name", "张三").toString(),
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("code").asText();
    }

    @Test
    void theListFiltersLettersByMailboxAndShowsTheirTitleTypeAndMailbox() throws Exception {
        String toDirector = letter("director", "complaint", "信箱筛选甲：窗口排队太久", "办事窗口只开一个，排队两个小时。");
        String toMayor = letter("mayor", "suggestion", "信箱筛选乙：增设公交线路", "建议在新区增设一条公交线路。");
        String chat = create("信箱筛选丙：公积金怎么提取", "web", "consultation");
        Staff boss = login("boss", "admin-password-1");

        assertThat(boss.codes("?channel=letter&q=" + q("信箱筛选"))).contains(toDirector, toMayor).doesNotContain(chat);
        assertThat(boss.codes("?mailbox=director&q=" + q("信箱筛选"))).containsExactly(toDirector);
        assertThat(boss.codes("?type=suggestion&q=" + q("信箱筛选"))).containsExactly(toMayor);

        JsonNode listed = boss.get(STAFF + "?mailbox=director&q=" + q("信箱筛选"), 200);
        JsonNode row = listed.path("tickets").get(0);
        assertThat(row.path("title").asText()).isEqualTo("信箱筛选甲：窗口排队太久");
        assertThat(row.path("typeName").asText()).isEqualTo("投诉");
        assertThat(row.path("mailboxName").asText()).isEqualTo("主任信箱");
        assertThat(row.path("channelName").asText()).isEqualTo("来信");
        assertThat(listed.path("mailboxes").findValuesAsText("name")).containsExactly("市政府信箱", "主任信箱");
    }

    @Test
    void aWrongFilterIsA400NamingTheFieldInChinese() throws Exception {
        Staff boss = login("boss", "admin-password-1");
        for (String[] c : new String[][] {{"channel=fax", "channel"}, {"type=praise", "type"},
                {"overdue=maybe", "overdue"}, {"department=nowhere", "department"}, {"status=lost", "status"},
                {"assignee=nobody", "assignee"}, {"mailbox=nowhere", "mailbox"}, {"q=" + "长".repeat(101), "q"}}) {
            JsonNode error = boss.get(STAFF + "?" + c[0], 400).path("error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_field");
            assertThat(error.path("field").asText()).isEqualTo(c[1]);
            assertThat(error.path("message").asText()).as(c[0]).containsPattern("[\\u4e00-\\u9fff]");
        }
    }

    @Test
    void takeAndAssignAreRecordedAndTheListFindsMineAndUnassigned() throws Exception {
        String code = create("小区里的健身器材坏了领取测试", "web", "consultation");
        Staff wang = login("wang", "officer-password-1");
        assertThat(wang.codes("?assignee=unassigned")).contains(code);

        JsonNode taken = wang.post(STAFF + "/" + code + "/take", "{}", 200);
        assertThat(taken.path("assignee").asText()).isEqualTo("wang");
        assertThat(taken.path("assigneeName").asText()).isEqualTo("王承办");
        assertThat(wang.codes("?assignee=mine")).contains(code);
        assertThat(wang.codes("?assignee=unassigned")).doesNotContain(code);
        assertThat(actions(wang.ticket(code))).doesNotContain("take").contains("assign");
        assertThat(wang.post(STAFF + "/" + code + "/take", "{}", 409).path("error").path("message").asText())
                .isEqualTo(code + " 已由您办理");

        // li handles hrss only: the office's ticket cannot go to him.
        JsonNode refused = wang.post(STAFF + "/" + code + "/assign", "{\"assignee\":\"li\"}", 400).path("error");
        assertThat(refused.path("message").asText()).isEqualTo("没有可以办理综合办公室工单的工作人员账号：li");
        JsonNode detail = wang.ticket(code);
        assertThat(detail.path("assignable").findValuesAsText("username")).contains("wang", "zhao", "boss")
                .doesNotContain("li", "op");

        wang.post(STAFF + "/" + code + "/assign", "{\"assignee\":\"zhao\"}", 200);
        Staff zhao = login("zhao", "officer-password-3");
        assertThat(zhao.codes("?assignee=mine")).contains(code);
        List<String> events = new ArrayList<>();
        zhao.ticket(code).path("events").forEach(e -> events.add(e.path("label").asText() + " " + e.path("by").asText()
                + "：" + e.path("text").asText()));
        assertThat(events).contains("已领取 wang：", "已指派 wang：指派给 zhao");
    }

    @Test
    void theActionsOfferedFollowTheTicketsTypeAndState() throws Exception {
        Staff boss = login("boss", "admin-password-1");
        String consultation = create("小区的垃圾分类点太远了操作测试", "web", "consultation");
        assertThat(actions(boss.ticket(consultation))).containsExactly("answer", "take", "assign", "transfer",
                "close");

        String disclosure = create("申请公开本街道的绿化养护合同操作测试", "web", "disclosure");
        assertThat(actions(boss.ticket(disclosure))).containsExactly("answer", "take", "assign", "transfer", "extend",
                "correction", "close");
        boss.post(STAFF + "/" + disclosure + "/extend", "{\"days\":5}", 200);
        assertThat(actions(boss.ticket(disclosure))).doesNotContain("extend").contains("correction");
        boss.post(STAFF + "/" + disclosure + "/correction", "{\"note\":\"请补充申请人身份证明\"}", 200);
        assertThat(actions(boss.ticket(disclosure))).containsExactly("answer", "take", "assign", "transfer",
                "correction-received", "close");
        boss.post(STAFF + "/" + disclosure + "/correction-received", "{}", 200);
        // A 补正 may be asked for once.
        assertThat(actions(boss.ticket(disclosure))).doesNotContain("correction", "extend", "correction-received");
        boss.post(STAFF + "/" + disclosure + "/close", "{}", 200);
        assertThat(actions(boss.ticket(disclosure))).isEmpty();
    }

    @Test
    void aHeldReplyIsShownOnItsTicketAndItsDepartmentsOfficerAcceptsIt() throws Exception {
        String code = create("小区的电梯经常停运找谁处理暂存测试", "web", "consultation");
        long held = HeldMails.hold(app.database().url(), code, "wang.personal@example.org", "Re: [" + code + "]",
                "电梯已由物业报修，维保单位明天到场。");
        Staff wang = login("wang", "officer-password-1");
        assertThat(wang.get(STAFF + "?q=" + code, 200).path("tickets").get(0).path("held").asInt()).isEqualTo(1);
        JsonNode reply = wang.ticket(code).path("held").get(0);
        assertThat(reply.path("id").asLong()).isEqualTo(held);
        assertThat(reply.path("sender").asText()).isEqualTo("wang.personal@example.org");
        assertThat(reply.path("answer").asText()).contains("电梯已由物业报修");

        // An officer of another department may not accept it, nor may anyone accept it for another ticket.
        Staff li = login("li", "officer-password-2");
        li.post(STAFF + "/" + code + "/held/" + held + "/accept", "{}", 403);
        String other = create("别的工单暂存测试", "web", "consultation");
        wang.post(STAFF + "/" + other + "/held/" + held + "/accept", "{}", 404);

        JsonNode accepted = wang.post(STAFF + "/" + code + "/held/" + held + "/accept", "{}", 200);
        assertThat(accepted.path("recorded").asBoolean()).isTrue();
        JsonNode after = wang.ticket(code);
        assertThat(after.path("ticket").path("status").asText()).isEqualTo("answered");
        assertThat(after.path("ticket").path("answer").asText()).contains("电梯已由物业报修");
        assertThat(after.path("ticket").path("answeredBy").asText()).isEqualTo("wang");
        assertThat(after.path("held")).isEmpty();
        wang.post(STAFF + "/" + code + "/held/" + held + "/accept", "{}", 404);
    }
}
