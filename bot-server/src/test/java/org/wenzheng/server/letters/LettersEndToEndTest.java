package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
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
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.wenzheng.server.tickets.calendar.TicketType;
import org.wenzheng.testing.MailClient;

/**
 * Letters on the real server (SQLite, the shipped configuration: its mailboxes, departments,
 * calendar and deadlines; the mail bridge on its embedded mail server): a letter reaches the
 * department its mailbox allows, by mail naming the mailbox, type and title, with its type's
 * deadline; its writer reads it back with the key; what the form refuses is a 400 naming the field
 * in Chinese, nothing is stored then.
 */
class LettersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static AppConfig app;
    private static WenzhengServer server;
    private static URI base;
    private static int smtp;
    private static int imap;

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        smtp = freePort();
        imap = freePort();
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database()))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(app.mail().withPorts(smtp, imap), data.resolve("mail"))
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

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static ObjectNode letter(String mailbox, String type, String title, String content) {
        ObjectNode o = JSON.createObjectNode().put("mailbox", mailbox).put("title", title).put("content", content);
        return type == null ? o : o.put("type", type);
    }

    private static JsonNode send(ObjectNode letter) throws Exception {
        HttpResponse<String> r = post("/api/v1/letters", letter.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static int rows(String table) throws Exception {
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void aComplaintToTheDirectorsMailboxGoesToItsDepartmentWithThirteenWorkingDaysAndAMailSayingSo()
            throws Exception {
        // 劳动合同 would route a chat question to 人力资源和社会保障局; 主任信箱 lists only 综合办公室.
        ObjectNode body = letter("director", "complaint", "投诉窗口办事拖延",
                "我在政务大厅咨询劳动合同备案，窗口工作人员让我来回跑了三次，希望改进。")
                .put("name", "张三").put("publish", true);
        body.putObject("contact").put("phone", "13812345678").put("consent", true);
        JsonNode created = send(body);

        String code = created.path("code").asText();
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        assertThat(created.path("mailboxName").asText()).isEqualTo("主任信箱");
        assertThat(created.path("typeName").asText()).isEqualTo("投诉");
        assertThat(created.path("department").asText()).isEqualTo("综合办公室");
        LocalDate received = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(created.path("deadline").asText())
                .isEqualTo(app.deadlines().deadline(TicketType.COMPLAINT, received).toString());
        assertThat(app.deadlines().limits(TicketType.COMPLAINT).answerDays()).isEqualTo(13);

        JsonNode mine = get("/api/v1/tickets/" + code + "?key=" + URLEncoder.encode(created.path("key").asText(),
                StandardCharsets.UTF_8));
        assertThat(mine.path("title").asText()).isEqualTo("投诉窗口办事拖延");
        assertThat(mine.path("mailboxName").asText()).isEqualTo("主任信箱");
        assertThat(mine.path("typeName").asText()).isEqualTo("投诉");
        assertThat(mine.path("status").asText()).isEqualTo("open");

        MimeMessage mail = MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", code);
        assertThat(mail.getSubject()).contains(code).contains("投诉窗口办事拖延");
        String text = mail.getContent().toString();
        assertThat(text).contains("信箱：主任信箱").contains("类型：投诉").contains("标题：投诉窗口办事拖延")
                .contains("来信内容：我在政务大厅咨询劳动合同备案").contains("市民致主任信箱的投诉类来信");
        // 综合办公室 does not see contacts: the phone number reaches it masked.
        assertThat(text).doesNotContain("13812345678");

        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement("SELECT l.via, l.writer_name, l.publish_consent,"
                        + " t.ticket_type, t.mailbox, t.channel FROM letters l JOIN tickets t ON t.code = l.ticket_code"
                        + " WHERE l.ticket_code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("form");
                assertThat(r.getString(2)).isEqualTo("张三");
                assertThat(r.getBoolean(3)).isTrue();
                assertThat(r.getString(4)).isEqualTo("complaint");
                assertThat(r.getString(5)).isEqualTo("director");
                assertThat(r.getString(6)).isEqualTo("letter");
            }
        }
    }

    @Test
    void aLetterToTheMayorsMailboxIsRoutedByTheRulesAmongAllDepartments() throws Exception {
        JsonNode created = send(letter("mayor", "建议", "建议延长社保窗口服务时间", "社保窗口下午四点就停止取号，上班族很难赶上。"));
        assertThat(created.path("department").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(created.path("typeName").asText()).isEqualTo("建议");
        assertThat(created.path("deadline").asText()).isEqualTo(app.deadlines()
                .deadline(TicketType.SUGGESTION, LocalDate.now(ZoneId.of("Asia/Shanghai"))).toString());
        MimeMessage mail = MailClient.awaitMail(smtp, imap, "hrss@wenzheng.local", "hrss",
                created.path("code").asText());
        assertThat(mail.getContent().toString()).contains("信箱：市政府信箱").contains("类型：建议");
    }

    @Test
    void theFormOffersTheMailboxesAndTheTypesWithTheConfiguredDays() throws Exception {
        JsonNode form = get("/api/v1/letters/form");
        assertThat(form.path("mailboxes").findValuesAsText("name")).containsExactly("市政府信箱", "主任信箱");
        assertThat(form.path("types").findValuesAsText("name")).containsExactly("咨询", "建议", "投诉", "求助", "举报");
        assertThat(form.path("types").findValues("answerDays")).extracting(JsonNode::asInt)
                .containsExactly(3, 10, 13, 10, 13);
        JsonNode tipoff = form.path("types").get(4);
        assertThat(tipoff.path("publishable").asBoolean()).isFalse();
        assertThat(form.path("types").get(2).path("nameRequired").asBoolean()).isTrue();
        assertThat(form.path("limits").path("content").asInt()).isEqualTo(app.letters().maxContentChars());
    }

    @Test
    void whatTheFormRefusesIsA400NamingTheFieldInChineseAndStoresNothing() throws Exception {
        int tickets = rows("tickets");
        int letters = rows("letters");
        String tooLong = "长".repeat(app.letters().maxContentChars() + 1);
        Object[][] cases = {
            {JSON.createObjectNode().put("title", "标题").put("content", "内容"), "mailbox"},
            {letter("nowhere", null, "标题", "内容"), "mailbox"},
            {letter("mayor", "praise", "标题", "内容"), "type"},
            {letter("mayor", "disclosure", "标题", "内容"), "type"},
            {letter("mayor", null, " ", "内容"), "title"},
            {letter("mayor", null, "标题", tooLong), "content"},
            {letter("mayor", "complaint", "投诉", "没有留姓名"), "name"},
            {letter("mayor", "tipoff", "举报", "内容").put("publish", true), "publish"},
            {letter("mayor", null, "标题", "内容").put("publish", "yes"), "publish"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = post("/api/v1/letters", c[0].toString());
            assertThat(r.statusCode()).as(c[0] + " " + r.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_field");
            assertThat(error.path("field").asText()).as(r.body()).isEqualTo(c[1]);
            assertThat(error.path("message").asText()).as(r.body()).containsPattern("[\\u4e00-\\u9fff]");
        }
        assertThat(rows("tickets")).isEqualTo(tickets);
        assertThat(rows("letters")).isEqualTo(letters);
    }

    @Test
    void aTicketCarryingALettersFieldsIsRefusedRatherThanHavingThemDropped() throws Exception {
        HttpResponse<String> r = post("/api/v1/tickets", JSON.createObjectNode().put("question", "写给主任的信")
                .put("mailbox", "director").toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("field").asText()).isEqualTo("mailbox");
        assertThat(error.path("message").asText()).contains("/letters");
    }
}
