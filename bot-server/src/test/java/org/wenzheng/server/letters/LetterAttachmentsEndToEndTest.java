package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
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
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
import org.wenzheng.testing.MailClient;

/**
 * A letter's attachments and its 补充 on the real server (SQLite, the shipped configuration with
 * small attachment limits; the mail bridge on its embedded mail server): files are checked by
 * size, count and first bytes, listed in the officer's mail, downloaded byte for byte by the
 * handling department only, and kept across a restart; a 补充 needs the key and an open letter.
 */
class LetterAttachmentsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FILE = 64 * 1024;
    private static final byte[] PNG_HEAD = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

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
        startServer();
    }

    private static void startServer() throws IOException {
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("wang", "王承办", Role.OFFICER, "officer-password-1", "office"),
                        new StaffConfig.SeedAccount("li", "李承办", Role.OFFICER, "officer-password-2", "hrss"),
                        new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "admin-password-1")));
        LettersConfig letters = app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000))
                .withAttachments(new LettersConfig.Attachments(app.letters().attachments().folder(), MAX_FILE, 3,
                        2 * MAX_FILE));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database())).staff(staff)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(app.mail().withPorts(smtp, imap), data.resolve("mail"))
                .letters(letters)
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

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A letter to 主任信箱 (handled by 综合办公室, id office) with these files. */
    private static ObjectNode letter(String title, Object... namesAndBytes) {
        ObjectNode o = JSON.createObjectNode().put("mailbox", "director").put("type", "consultation")
                .put("title", title).put("content", "请问政府信息公开申请需要提交哪些材料？材料见附件。");
        files(o.putArray("attachments"), namesAndBytes);
        return o;
    }

    private static void files(ArrayNode array, Object... namesAndBytes) {
        for (int i = 0; i < namesAndBytes.length; i += 2) {
            array.addObject().put("name", (String) namesAndBytes[i])
                    .put("data", Base64.getEncoder().encodeToString((byte[]) namesAndBytes[i + 1]));
        }
    }

    private static JsonNode created(ObjectNode letter) throws Exception {
        HttpResponse<String> r = post("/api/v1/letters", letter.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static JsonNode refused(String path, ObjectNode body, int status) throws Exception {
        HttpResponse<String> r = post(path, body.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body()).path("error");
    }

    private static byte[] png(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        System.arraycopy(PNG_HEAD, 0, b, 0, PNG_HEAD.length);
        return b;
    }

    private static byte[] pdf(String text) {
        return ("%PDF-1.4\n% " + text + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode view(JsonNode created) throws Exception {
        String path = "/api/v1/tickets/" + created.path("code").asText() + "?key="
                + URLEncoder.encode(created.path("key").asText(), StandardCharsets.UTF_8);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).GET()
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private record Staff(HttpClient client, String csrf) {
        HttpResponse<byte[]> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        JsonNode json(String path) throws Exception {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path + " " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        void post(String path, String json, int status) throws Exception {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
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

    private static String attachmentsPath(String code) {
        return "/api/v1/staff/letters/" + code + "/attachments";
    }

    private static int count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private static long storedFiles() throws IOException {
        Path folder = app.letters().attachments().folder();
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theHandlingOfficerDownloadsTheExactBytesAndTheMailListsTheFiles() throws Exception {
        byte[] photo = png(40_000, 7);
        byte[] scan = pdf("申请表");
        JsonNode created = created(letter("附件测试：申请材料", "现场照片.png", photo, "申请表.pdf", scan));
        String code = created.path("code").asText();

        MimeMessage mail = MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", code + "] 待办");
        assertThat(mail.getContent().toString()).contains("附件（2 个").contains("现场照片.png（39.1 KB）")
                .contains("申请表.pdf（" + scan.length + " 字节）");

        Staff wang = login("wang", "officer-password-1");
        JsonNode list = wang.json(attachmentsPath(code));
        assertThat(list.findValuesAsText("name")).containsExactly("现场照片.png", "申请表.pdf");
        assertThat(list.findValuesAsText("contentType")).containsExactly("image/png", "application/pdf");

        HttpResponse<byte[]> file = wang.get(list.get(0).path("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(photo);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
                .contains("filename*=UTF-8''" + URLEncoder.encode("现场照片.png", StandardCharsets.UTF_8));
        assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login("boss", "admin-password-1").get(list.get(1).path("url").asText()).body()).isEqualTo(scan);

        // The citizen sees the names, never a way to the file.
        JsonNode mine = view(created);
        assertThat(mine.path("attachments").findValuesAsText("name")).containsExactly("现场照片.png", "申请表.pdf");
        assertThat(mine.toString()).doesNotContain(list.get(0).path("id").asText());
    }

    @Test
    void anOfficerOfAnotherDepartmentNeitherListsNorDownloadsTheFiles() throws Exception {
        String code = created(letter("附件测试：他部门", "照片.png", png(2_000, 1))).path("code").asText();
        String url = login("wang", "officer-password-1").json(attachmentsPath(code)).get(0).path("url").asText();

        Staff li = login("li", "officer-password-2");
        HttpResponse<byte[]> file = li.get(url);
        assertThat(file.statusCode()).isEqualTo(403);
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).contains("综合办公室").doesNotContain("PNG");
        assertThat(li.get(attachmentsPath(code)).statusCode()).isEqualTo(403);
        // Nobody without a staff session gets anything.
        HttpResponse<byte[]> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(url))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413NamingItAndNothingIsStored() throws Exception {
        int letters = count("SELECT COUNT(*) FROM letters");
        long files = storedFiles();
        JsonNode error = refused("/api/v1/letters", letter("附件测试：过大", "小图.png", png(100, 2),
                "大图.png", png(MAX_FILE + 1, 3)), 413);
        assertThat(error.path("code").asText()).isEqualTo("attachment_too_large");
        assertThat(error.path("message").asText()).contains("大图.png").contains("64.0 KB");
        assertThat(count("SELECT COUNT(*) FROM letters")).isEqualTo(letters);
        assertThat(storedFiles()).isEqualTo(files);
    }

    @Test
    void tooManyFilesAreRefusedWith413() throws Exception {
        JsonNode error = refused("/api/v1/letters", letter("附件测试：太多", "1.png", png(100, 1), "2.png", png(100, 2),
                "3.png", png(100, 3), "4.png", png(100, 4)), 413);
        assertThat(error.path("code").asText()).isEqualTo("too_many_attachments");
        assertThat(error.path("message").asText()).contains("最多可附 3 个文件");
    }

    @Test
    void aFileNamedPdfWhoseBytesAreNoPdfIsRefusedWith415() throws Exception {
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode error = refused("/api/v1/letters", letter("附件测试：假PDF", "证明.pdf", html), 415);
        assertThat(error.path("code").asText()).isEqualTo("unsupported_attachment");
        assertThat(error.path("message").asText()).contains("证明.pdf").contains("JPEG、PNG 图片或 PDF");
        // A real PNG called .pdf would download as something it is not: refused too.
        assertThat(refused("/api/v1/letters", letter("附件测试：改名", "证明.pdf", png(100, 5)), 415)
                .path("message").asText()).contains("证明.pdf").contains("PNG 图片");
    }

    @Test
    void anAdditionWithTheKeyReachesTheOfficerAndTheTrackPageButNotWithoutIt() throws Exception {
        JsonNode created = created(letter("附件测试：补充"));
        String code = created.path("code").asText();
        String path = "/api/v1/letters/" + code + "/additions";
        ObjectNode wrong = JSON.createObjectNode().put("key", "not-the-key").put("text", "冒名补充");
        files(wrong.putArray("attachments"), "冒名.png", png(100, 9));
        long files = storedFiles();
        assertThat(refused(path, wrong, 404).path("message").asText()).contains("编号或密钥不正确");
        assertThat(refused(path, JSON.createObjectNode().put("text", "没有密钥"), 404).path("message").asText())
                .contains("编号或密钥不正确");
        assertThat(storedFiles()).isEqualTo(files);

        ObjectNode add = JSON.createObjectNode().put("key", created.path("key").asText())
                .put("text", "补充说明：窗口编号是 3 号。");
        byte[] receipt = pdf("回执");
        files(add.putArray("attachments"), "回执.pdf", receipt);
        HttpResponse<String> r = post(path, add.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

        MimeMessage mail = MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", "[补充] [" + code);
        assertThat(mail.getContent().toString()).contains("补充内容：补充说明：窗口编号是 3 号。")
                .contains("回执.pdf（" + receipt.length + " 字节）");
        JsonNode mine = view(created);
        assertThat(mine.path("additions").findValuesAsText("text")).containsExactly("补充说明：窗口编号是 3 号。");
        assertThat(mine.path("attachments").findValuesAsText("name")).containsExactly("回执.pdf");
        Staff wang = login("wang", "officer-password-1");
        assertThat(wang.json("/api/v1/staff/tickets/" + code).path("events").findValuesAsText("kind"))
                .contains("supplemented", "attachment_added");
        assertThat(wang.get(wang.json(attachmentsPath(code)).get(0).path("url").asText()).body()).isEqualTo(receipt);
        assertThat(count("SELECT COUNT(*) FROM ticket_events WHERE kind = 'supplemented' AND detail = '冒名补充'"))
                .isZero();
    }

    @Test
    void anAdditionAfterTheLetterIsClosedIsRefusedInChinese() throws Exception {
        JsonNode created = created(letter("附件测试：已关闭"));
        String code = created.path("code").asText();
        login("boss", "admin-password-1").post("/api/v1/staff/tickets/" + code + "/close",
                "{\"note\":\"来信人撤回\"}", 200);
        ObjectNode add = JSON.createObjectNode().put("key", created.path("key").asText()).put("text", "还想补充");
        files(add.putArray("attachments"), "晚到.png", png(100, 4));
        long files = storedFiles();
        JsonNode error = refused("/api/v1/letters/" + code + "/additions", add, 409);
        assertThat(error.path("message").asText()).isEqualTo("该来信已办结，不能再补充。如有新的情况，请重新写信");
        assertThat(storedFiles()).isEqualTo(files);
        assertThat(view(created).path("additions").isEmpty()).isTrue();
    }

    @Test
    void attachmentsSurviveARestart() throws Exception {
        byte[] photo = png(5_000, 11);
        String code = created(letter("附件测试：重启", "重启前.png", photo)).path("code").asText();
        server.stop();
        startServer();
        Staff wang = login("wang", "officer-password-1");
        JsonNode list = wang.json(attachmentsPath(code));
        assertThat(list.findValuesAsText("name")).containsExactly("重启前.png");
        assertThat(wang.get(list.get(0).path("url").asText()).body()).isEqualTo(photo);
        assertThat(Arrays.equals(Files.readAllBytes(app.letters().attachments().folder()
                .resolve(storedName(list.get(0).path("id").asText()))), photo)).isTrue();
    }

    private static String storedName(String id) throws Exception {
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT stored_name FROM letter_attachments WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                String name = r.getString(1);
                assertThat(name).matches("[0-9a-f]{32}");
                return name;
            }
        }
    }
}
