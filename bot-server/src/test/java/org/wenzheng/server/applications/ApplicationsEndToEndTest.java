package org.wenzheng.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
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
 * Applications for disclosure on the real server (SQLite, the shipped configuration: departments,
 * calendar, deadlines; the mail bridge on its embedded mail server), over a real socket: a natural
 * person's application is a disclosure ticket with 20 working days from today, the handling
 * department's officer gets it by mail with the ID number masked, the applicant gets the 受理回执 by
 * mail and as a page; what the form refuses is a 400 naming the field, and nothing is stored then.
 * Every log line of the run is kept and searched for the raw ID number.
 */
class ApplicationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** GB 11643's own example number: a real-looking 身份证 whose check character is right. */
    static final String ID_NUMBER = "11010519491231002X";
    private static final String APPLICANT = "zhang.san@example.com";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    @TempDir
    static Path data;

    private static AppConfig app;
    private static WenzhengServer server;
    private static URI base;
    private static int smtp;
    private static int imap;
    private static ListAppender<ILoggingEvent> logLines;
    private static Database database;

    @BeforeAll
    static void start() throws IOException {
        logLines = new ListAppender<>();
        logLines.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logLines);
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        smtp = freePort();
        imap = freePort();
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), database = Database.open(app.database()))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(app.mail().withPorts(smtp, imap), data.resolve("mail"))
                .applications(app.applications().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
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
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logLines);
    }

    private static HttpResponse<String> post(String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A natural person's complete application, by e-mail. */
    static ObjectNode naturalPerson() {
        return JSON.createObjectNode().put("applicantType", "自然人").put("name", "张三").put("idType", "身份证")
                .put("idNumber", ID_NUMBER).put("phone", "13812345678").put("email", APPLICANT)
                .put("address", "示例市人民路 1 号 100000")
                .put("request", "2025年本市政府信息公开工作年度报告中依申请公开办理情况的统计表")
                .put("docReference", "示例市政府信息公开工作年度报告（2025年）")
                .put("form", "电子邮件").put("delivery", "电子邮件").put("consent", true);
    }

    /** A legal person's complete application, collected in person. */
    static ObjectNode legalPerson() {
        return JSON.createObjectNode().put("applicantType", "法人或其他组织").put("organisationType", "法律服务机构")
                .put("organisation", "示例律师事务所").put("creditCode", "31110000MD01234564").put("name", "李四")
                .put("phone", "010-88886666").put("request", "示例市2025年政府集中采购目录")
                .put("form", "纸质").put("delivery", "自行领取").put("consent", true);
    }

    private static JsonNode created(ObjectNode body) throws Exception {
        HttpResponse<String> r = post(body.toString());
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
    void aNaturalPersonsApplicationIsADisclosureTicketDueInTwentyWorkingDaysAndMailedWithTheIdNumberMasked()
            throws Exception {
        JsonNode created = created(naturalPerson());

        String code = created.path("code").asText();
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        assertThat(created.path("key").asText()).isNotBlank();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(created.path("receivedOn").asText()).isEqualTo(today.toString());
        assertThat(app.deadlines().limits(TicketType.DISCLOSURE).answerDays()).isEqualTo(20);
        assertThat(created.path("deadline").asText())
                .isEqualTo(app.deadlines().deadline(TicketType.DISCLOSURE, today).toString());
        assertThat(created.path("department").asText()).isEqualTo("综合办公室");

        MimeMessage officer = MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", code);
        String text = officer.getContent().toString();
        assertThat(text).contains("类型：依申请公开").contains("所需政府信息：2025年本市政府信息公开工作年度报告")
                .contains("身份证明：身份证 **************002X").contains("信息的提供形式：电子邮件")
                .doesNotContain(ID_NUMBER).doesNotContain(ID_NUMBER.substring(0, 14));

        MimeMessage receipt = MailClient.awaitMail(smtp, imap, APPLICANT, APPLICANT, code);
        assertThat(receipt.getSubject()).contains("受理回执").contains(code);
        assertThat(receipt.getContent().toString()).contains("答复期限：" + created.path("deadline").asText())
                .contains(today.toString() + " 收到").contains("**************002X").doesNotContain(ID_NUMBER);

        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement("SELECT a.via, a.applicant_type, a.id_number_masked,"
                        + " a.id_number_sealed, a.received_on, t.ticket_type, t.channel FROM applications a"
                        + " JOIN tickets t ON t.code = a.ticket_code WHERE a.ticket_code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("online");
                assertThat(r.getString(2)).isEqualTo("natural");
                assertThat(r.getString(3)).isEqualTo("**************002X");
                assertThat(r.getString(4)).startsWith("v1:").doesNotContain(ID_NUMBER);
                assertThat(r.getString(5)).isEqualTo(today.toString());
                assertThat(r.getString(6)).isEqualTo("disclosure");
                assertThat(r.getString(7)).isEqualTo("application");
            }
        }
        // The handling department can read the number back: the key file made on first start opens it.
        assertThat(Files.isRegularFile(app.applications().keyFile())).isTrue();
        assertThat(new ApplicationStore(database, IdVault.open(app.applications().keyFile())).idNumber(code))
                .contains(ID_NUMBER);
    }

    @Test
    void aDepartmentThatSeesContactsStillGetsTheIdNumberMaskedByMail() throws Exception {
        // 社保 routes to 人力资源和社会保障局, configured with seeContact: true (it calls citizens back).
        JsonNode created = created(naturalPerson().put("request", "2025年社保基金收支情况的统计表")
                .put("form", "纸质").put("delivery", "自行领取").<ObjectNode>without("email"));
        assertThat(created.path("department").asText()).isEqualTo("人力资源和社会保障局");
        assertThat(app.tickets().orElseThrow().department("hrss").orElseThrow().seeContact()).isTrue();

        MimeMessage officer = MailClient.awaitMail(smtp, imap, "hrss@wenzheng.local", "hrss",
                created.path("code").asText());

        assertThat(officer.getContent().toString()).contains("申请人：张三").contains("13812345678")
                .contains("身份证明：身份证 **************002X").doesNotContain(ID_NUMBER);
    }

    @Test
    void theReceiptPageOpensWithTheCodeAndKeyAndShowsTheDeadlineAndTheMaskedNumber() throws Exception {
        JsonNode created = created(naturalPerson());
        String receipt = created.path("receipt").asText();
        assertThat(receipt).startsWith("/apply/receipt?code=" + created.path("code").asText() + "&key=");

        HttpResponse<String> page = get(receipt);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("text/html"));
        LocalDate deadline = LocalDate.parse(created.path("deadline").asText());
        assertThat(page.body()).contains("政府信息公开申请受理回执").contains(created.path("code").asText())
                .contains("<strong id=\"receipt-deadline\">" + DAY.format(deadline) + "</strong>")
                .contains("20 个工作日").contains("**************002X").contains("综合办公室")
                .doesNotContain(ID_NUMBER);

        HttpResponse<String> wrongKey = get("/apply/receipt?code=" + created.path("code").asText() + "&key=nope");
        assertThat(wrongKey.statusCode()).isEqualTo(404);
        assertThat(wrongKey.body()).doesNotContain("张三");
    }

    @Test
    void aLegalPersonsApplicationIsStoredWithItsOrganisationTypeAndNeedsNoIdNumber() throws Exception {
        JsonNode created = created(legalPerson());
        String code = created.path("code").asText();
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement("SELECT applicant_type, organisation_type, credit_code,"
                        + " id_number_sealed FROM applications WHERE ticket_code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("legal");
                assertThat(r.getString(2)).isEqualTo("legal_service");
                assertThat(r.getString(3)).isEqualTo("31110000MD01234564");
                assertThat(r.getString(4)).isNull();
            }
        }
        String page = get(created.path("receipt").asText()).body();
        assertThat(page).contains("示例律师事务所").contains("法律服务机构").contains("联系人");
    }

    @Test
    void whatTheFormRefusesIsA400NamingTheFieldInChineseAndStoresNothing() throws Exception {
        int tickets = rows("tickets");
        int applications = rows("applications");
        Object[][] cases = {
            {naturalPerson().put("idNumber", "110105194912310021"), "idNumber", "校验位"},
            {legalPerson().without("creditCode"), "creditCode", "统一社会信用代码"},
            {legalPerson().put("creditCode", "31110000MD01234565"), "creditCode", "校验位"},
            {legalPerson().without("organisationType"), "organisationType", "组织类型"},
            {naturalPerson().without("idNumber"), "idNumber", "身份证号码"},
            {naturalPerson().put("applicantType", "个体户"), "applicantType", "自然人、法人或其他组织"},
            {naturalPerson().put("creditCode", "91350100M000100Y43"), "creditCode", "自然人"},
            {naturalPerson().without("email"), "email", "电子邮箱"},
            {naturalPerson().put("delivery", "邮寄").without("address"), "address", "通讯地址"},
            {naturalPerson().without("request"), "request", "所需政府信息"},
            {naturalPerson().put("form", "传真"), "form", "纸质、电子邮件、光盘、其他"},
            {naturalPerson().put("consent", false), "consent", "同意"},
            {naturalPerson().put("purpose", "科研"), "purpose", "purpose"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = post(c[0].toString());
            assertThat(r.statusCode()).as(c[0] + " " + r.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("invalid_field");
            assertThat(error.path("field").asText()).as(r.body()).isEqualTo(c[1]);
            assertThat(error.path("message").asText()).as(r.body()).contains((String) c[2])
                    .containsPattern("[\\u4e00-\\u9fff]");
        }
        assertThat(rows("tickets")).isEqualTo(tickets);
        assertThat(rows("applications")).isEqualTo(applications);
    }

    @Test
    void noLogLineOfTheRunCarriesTheRawIdNumber() throws Exception {
        String code = created(naturalPerson()).path("code").asText();
        // Wait until the officer's mail has gone out: the relay's lines are then written too.
        MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", code);
        MailClient.awaitMail(smtp, imap, APPLICANT, APPLICANT, code);
        assertThat(post(naturalPerson().put("idNumber", ID_NUMBER.substring(0, 17) + "1").toString()).statusCode())
                .isEqualTo(400);

        assertThat(logLines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("application received code=" + code))
                .noneSatisfy(m -> assertThat(m).contains(ID_NUMBER))
                .noneSatisfy(m -> assertThat(m).contains(ID_NUMBER.substring(0, 17)));
        assertThat(logLines.list).noneSatisfy(e -> assertThat(String.valueOf(e.getThrowableProxy() == null ? ""
                : e.getThrowableProxy().getMessage())).contains(ID_NUMBER.substring(0, 17)));
    }

    @Test
    void aTicketCarryingAnApplicationsFieldsIsRefusedRatherThanHavingThemDropped() throws Exception {
        int tickets = rows("tickets");
        for (String field : new String[] {"applicant", "idNumber", "delivery"}) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.resolve("/api/v1/tickets")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("question", "申请公开预算")
                            .put("type", "disclosure").put(field, "x").toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("field").asText()).isEqualTo(field);
            assertThat(error.path("message").asText()).contains("/apply");
        }
        assertThat(rows("tickets")).isEqualTo(tickets);
    }
}
