package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.tickets.TicketService;

/**
 * 信件公开 on the real server (the shipped configuration: 市政府信箱 and 主任信箱 publish), over
 * sockets, on SQLite (this class) and PostgreSQL ({@link PostgresLetterPublicationEndToEndTest}): an
 * answered letter whose writer agreed is offered to the administrator masked beside the original; it
 * is public only once published, with the reviewed text alone; a withdrawn one and an unpublished one
 * never appear; a letter without consent and a 举报 are never offered; each change is a ticket event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LetterPublicationEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_API = "/api/v1/admin/letters/publication";

    @TempDir
    static Path data;

    private WenzhengServer server;
    private URI base;
    private Staff admin;

    /** The database the server runs on. */
    DatabaseConfig database(AppConfig app) throws Exception {
        return app.database();
    }

    void dropDatabase() throws Exception {
    }

    @BeforeAll
    void start() throws Exception {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(database(app)))
                .staff(app.staff().withLoginRateLimit(new ServerConfig.RateLimit(1_000, 100)))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .letters(app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
        admin = Staff.logIn(base, "admin", "demo-admin-2026");
    }

    @AfterAll
    void stop() throws Exception {
        server.stop();
        dropDatabase();
    }

    record Staff(URI base, HttpClient client, String csrf) {
        static Staff logIn(URI base, String username, String password) throws Exception {
            HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("username", username).put("password", password).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new Staff(base, c, JSON.readTree(r.body()).path("csrf").asText());
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String path, JsonNode body, boolean withCsrf) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString(),
                    StandardCharsets.UTF_8));
            if (withCsrf) {
                b.header("X-CSRF-Token", csrf);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        JsonNode ok(HttpResponse<String> r) throws Exception {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }

    private String letter(String type, String title, String content, String name, boolean publish) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("mailbox", "mayor").put("type", type).put("title", title)
                .put("content", content).put("publish", publish);
        if (name != null) {
            body.put("name", name);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/api/v1/letters")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("code").asText();
    }

    private String answered(String type, String title, String content, String name, boolean publish, String answer)
            throws Exception {
        String code = letter(type, title, content, name, publish);
        admin.ok(admin.post("/api/v1/staff/tickets/" + code + "/answer", JSON.createObjectNode().put("answer",
                answer), true));
        return code;
    }

    private JsonNode publicList(String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/api/v1/letters/public" + query)).GET().build(), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode reviewed(JsonNode list, String code) {
        for (JsonNode l : list.path("letters")) {
            if (l.path("code").asText().equals(code)) {
                return l;
            }
        }
        return null;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aLetterIsPublicOnlyWhilePublishedWithItsReviewedTextTheEditsAndWithdrawalRecorded() throws Exception {
        String published = answered("consultation", "路灯坏了找谁修", "我叫赵大明，住在文三路138号3栋2单元501室，"
                + "电话13812345678，小区门口的路灯坏了一个月。", "赵大明", true, "路灯报修请拨打城管热线，赵大明先生反映的路灯已安排维修。");
        String unpublished = answered("suggestion", "建议增设公共厕所", "人民公园游客多，建议增设公共厕所。", null, true,
                "已转园林部门研究。");
        String withdrawn = answered("consultation", "公积金提取到账时间", "公积金提取多久到账？我的卡号6222021234567890123。",
                null, true, "一般三个工作日到账。");

        JsonNode list = admin.ok(admin.get(ADMIN_API));
        JsonNode offered = reviewed(list, published);
        assertThat(offered).as(list.toString()).isNotNull();
        assertThat(offered.path("status").asText()).isEqualTo("unpublished");
        assertThat(offered.path("original").path("content").asText()).contains("赵大明", "13812345678");
        String maskedContent = offered.path("masked").path("content").asText();
        assertThat(maskedContent).doesNotContain("赵大明", "13812345678", "138号", "501室").contains("××", "路灯坏了一个月");
        assertThat(offered.path("masked").path("answer").asText()).doesNotContain("赵大明");
        assertThat(reviewed(list, unpublished)).isNotNull();
        assertThat(publicList("").toString()).doesNotContain(published, unpublished, withdrawn);

        // Published with the answer edited by hand; the withdrawn one published, then withdrawn.
        String editedAnswer = "路灯报修请拨打城管热线，您反映的路灯已安排维修。";
        JsonNode now = admin.ok(admin.post(ADMIN_API + "/" + published + "/publish", JSON.createObjectNode()
                .put("title", offered.path("masked").path("title").asText()).put("content", maskedContent)
                .put("answer", editedAnswer), true));
        assertThat(now.path("status").asText()).isEqualTo("published");
        assertThat(now.path("changedBy").asText()).isEqualTo("admin");
        JsonNode w = reviewed(list, withdrawn);
        admin.ok(admin.post(ADMIN_API + "/" + withdrawn + "/publish", JSON.createObjectNode()
                .put("title", w.path("masked").path("title").asText())
                .put("content", w.path("masked").path("content").asText())
                .put("answer", w.path("masked").path("answer").asText()), true));
        assertThat(publicList("").toString()).contains(withdrawn);
        assertThat(admin.ok(admin.post(ADMIN_API + "/" + withdrawn + "/withdraw", JSON.createObjectNode(), true))
                .path("status").asText()).isEqualTo("withdrawn");

        JsonNode all = publicList("");
        assertThat(all.toString()).contains(published).doesNotContain(unpublished, withdrawn, "赵大明", "13812345678",
                "6222021234567890123");
        JsonNode shown = reviewed(all, published);
        assertThat(shown.path("content").asText()).isEqualTo(maskedContent);
        assertThat(shown.path("answer").asText()).isEqualTo(editedAnswer);
        assertThat(shown.path("department").asText()).isNotBlank().doesNotMatch("[a-z_-]+");
        String today = LocalDate.now(TicketService.ZONE).toString();
        assertThat(shown.path("answeredOn").asText()).isEqualTo(today);
        assertThat(shown.path("mailboxName").asText()).isEqualTo("市政府信箱");
        assertThat(shown.has("writerName")).isFalse();

        // Searchable and filtered by mailbox, type and month.
        assertThat(publicList("?q=" + q("路灯")).toString()).contains(published);
        assertThat(publicList("?q=" + q("公积金")).path("total").asInt()).isZero();
        assertThat(publicList("?q=" + q("赵大明")).path("total").asInt()).isZero();
        assertThat(publicList("?type=consultation&mailbox=mayor").toString()).contains(published);
        assertThat(publicList("?type=suggestion").toString()).doesNotContain(published);
        assertThat(publicList("?month=" + YearMonth.now(TicketService.ZONE)).toString()).contains(published);
        assertThat(publicList("?month=" + YearMonth.now(TicketService.ZONE).minusMonths(1)).path("total").asInt())
                .isZero();

        String events = admin.ok(admin.get("/api/v1/staff/tickets/" + published)).toString();
        assertThat(events).contains("信件已公开", "已修改公开稿").contains("答复").contains("admin");
        String withdrawnEvents = admin.ok(admin.get("/api/v1/staff/tickets/" + withdrawn)).toString();
        assertThat(withdrawnEvents).contains("已撤回公开");
    }

    @Test
    void aLetterWithoutConsentOrATipoffIsNeverOfferedNorPublishable() throws Exception {
        String noConsent = answered("consultation", "不同意公开的来信", "我不同意公开这封信。", null, false, "已答复。");
        String tipoff = answered("tipoff", "举报违规排污", "工厂夜间排污。", null, false, "已转环保部门查处。");
        JsonNode list = admin.ok(admin.get(ADMIN_API));
        assertThat(reviewed(list, noConsent)).isNull();
        assertThat(reviewed(list, tipoff)).isNull();
        ObjectNode text = JSON.createObjectNode().put("title", "标题").put("content", "内容").put("answer", "答复");
        for (String code : new String[] {noConsent, tipoff}) {
            HttpResponse<String> r = admin.post(ADMIN_API + "/" + code + "/publish", text, true);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
            assertThat(r.body()).contains("没有可以公开的来信");
        }
        assertThat(publicList("").toString()).doesNotContain(noConsent, tipoff);
    }

    @Test
    void onlyAnAdministratorWithTheCsrfTokenMayPublish() throws Exception {
        String code = answered("consultation", "办证地点", "居住证在哪里办？", null, true, "在政务服务中心办理。");
        ObjectNode text = JSON.createObjectNode().put("title", "办证地点").put("content", "居住证在哪里办？")
                .put("answer", "在政务服务中心办理。");
        assertThat(admin.post(ADMIN_API + "/" + code + "/publish", text, false).statusCode()).isEqualTo(403);
        Staff officer = Staff.logIn(base, "officer", "demo-officer-2026");
        assertThat(officer.get(ADMIN_API).statusCode()).isEqualTo(403);
        assertThat(officer.post(ADMIN_API + "/" + code + "/publish", text, true).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                ADMIN_API)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(publicList("").toString()).doesNotContain(code);
    }

    @Test
    void aBadFilterIsABadRequestNamingIt() throws Exception {
        for (String query : new String[] {"?month=2026-13", "?type=tipoff", "?mailbox=nowhere", "?page=0"}) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                    "/api/v1/letters/public" + query)).GET().build(), HttpResponse.BodyHandlers.ofString(
                    StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(query + " " + r.body()).isEqualTo(400);
        }
    }
}
