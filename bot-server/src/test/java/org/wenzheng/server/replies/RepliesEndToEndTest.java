package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.connectors.webhook.WebhookSettings;
import org.wenzheng.connectors.webhook.WebhookSignature;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.testing.JsonSocket;

/**
 * The "done when", on the real server over real ports with the sample configuration: the
 * embedded GreenMail on free ports, a question the bot cannot answer becomes a ticket, the
 * escalation is in the officer's IMAP mailbox within 5 s, the officer's reply sent by SMTP from a
 * mail client is the ticket's answer within 10 s and is pushed to the citizen's open chat. Also the
 * held-mail API, and the webhook connector both ways (a local HTTP server as the other system).
 */
class RepliesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNANSWERABLE = "我家楼下的路灯坏了好几天了找谁修";
    private static final String SECRET = "a-shared-secret-of-the-12345-platform";

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static Database database;
    private static HttpServer platform;
    private static final BlockingQueue<Received> platformInbox = new LinkedBlockingQueue<>();
    private static int port;
    private static int smtp;
    private static int imap;

    private record Received(String body, String signature, String delivery) {
    }

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        database = Database.open(app.database());
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/tickets", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            platformInbox.add(new Received(new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Wenzheng-Delivery")));
            byte[] answer = "{\"id\":\"P-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        platform.start();

        List<Department> departments = new ArrayList<>(app.tickets().orElseThrow().departments());
        departments.add(new Department("platform", "12345平台转办", List.of("platform@wenzheng.local"),
                List.of("platform@wenzheng.local"), "supervisor@wenzheng.local", false, "platform",
                new Department.Routing(List.of("热线平台"), List.of(), List.of())));
        TicketsConfig tickets = TicketsConfig.defaults(departments, app.tickets().orElseThrow().defaultDepartment())
                .withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000));
        smtp = MailFixtures.freePort();
        imap = MailFixtures.freePort();
        RepliesConfig mail = app.mail().withPorts(smtp, imap).withWebhooks(List.of(new WebhookSettings("platform",
                URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + "/tickets"), SECRET,
                Duration.ofSeconds(5), Duration.ofSeconds(5), 1024, 1000)))
                // A relay poll far beyond the 5 s the escalation may take: it must leave because a new
                // ticket wakes the relay, not because the relay happened to look.
                .withRelay(Duration.ofSeconds(60), app.mail().relayBackoff());
        assertThat(mail.embedded()).as("the sample configuration embeds the mail server").isTrue();
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("root", "管理员", Role.ADMIN, "admin-password-1"),
                        new StaffConfig.SeedAccount("wang", "王承办", Role.OFFICER, "officer-password-1")));
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(app.knowledgeConfig()), database)
                .staff(staff).tickets(tickets, app.deadlines()).mail(mail, data.resolve("mail")).build().server();
        port = server.start().getPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (platform != null) {
            platform.stop(0);
        }
    }

    // ------------------------------------------------------------------ the loop

    @Test
    void anOfficersReplyFromAMailClientBecomesTheAnswerInTheCitizensChat() throws Exception {
        JsonSocket chat = JsonSocket.to(URI.create("ws://127.0.0.1:" + port + "/ws/chat"))
                .origin("http://127.0.0.1:" + port).open();
        chat.send(JSON.createObjectNode().put("type", "ask").put("question", UNANSWERABLE).put("channel", "web"));
        String session = chat.next("session").path("session").asText();
        JsonNode bot = chat.next("answer");
        assertThat(bot.path("answered").asBoolean()).as("the bot cannot answer it").isFalse();

        long created = System.nanoTime();
        JsonNode ticket = createTicket(JSON.createObjectNode().put("question", UNANSWERABLE).put("channel", "web")
                .put("session", session));
        String code = ticket.path("code").asText();

        MimeMessage escalation = awaitMail("officer@wenzheng.local", "officer", code, Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(5));
        assertThat((String) escalation.getContent()).contains(UNANSWERABLE);

        // What a mail client does on "Reply": Re: subject, In-Reply-To and References, the quote below.
        MimeMessage reply = (MimeMessage) escalation.reply(false);
        reply.setFrom(new InternetAddress("officer@wenzheng.local"));
        reply.setText("路灯由市政设施管理处负责维修，已转派，三日内修复。\n\n王承办\n\n"
                + "在 2026年11月26日 星期四 10:15，问政 写道：\n> " + UNANSWERABLE, "UTF-8");
        long replied = System.nanoTime();
        Transport.send(reply);

        JsonNode pushed = chat.next("ticket_answer");
        assertThat(pushed.path("ticket").asText()).isEqualTo(code);
        assertThat(pushed.path("text").asText()).startsWith("路灯由市政设施管理处负责维修，已转派，三日内修复。")
                .doesNotContain("写道");
        JsonNode view = view(code, ticket.path("key").asText());
        assertThat(Duration.ofNanos(System.nanoTime() - replied)).isLessThan(Duration.ofSeconds(10));
        assertThat(view.path("status").asText()).isEqualTo("answered");
        assertThat(view.path("answer").asText()).isEqualTo(pushed.path("text").asText());
        chat.abort();
    }

    @Test
    void aQuarantinedReplyIsListedAndAnAdministratorReleasesItAsTheAnswer() throws Exception {
        JsonNode ticket = createTicket(JSON.createObjectNode().put("question", "小区里的健身器材坏了归谁管")
                .put("channel", "web"));
        String code = ticket.path("code").asText();
        MimeMessage escalation = awaitMail("officer@wenzheng.local", "officer", code, Duration.ofSeconds(5));
        // A colleague answers from a private address: not an officer of the department.
        MimeMessage reply = (MimeMessage) escalation.reply(false);
        reply.setFrom(new InternetAddress("colleague@example.org"));
        reply.setText("健身器材由街道办事处负责维护。", "UTF-8");
        Transport.send(reply);
        Staff admin = Staff.login("root", "admin-password-1");

        JsonNode held = awaitHeld(admin, code);
        long id = held.path("id").asLong();
        assertThat(held.path("reason").asText()).isEqualTo("quarantine");
        assertThat(held.path("sender").asText()).isEqualTo("colleague@example.org");
        assertThat(view(code, ticket.path("key").asText()).path("status").asText()).isEqualTo("open");
        JsonNode text = JSON.readTree(admin.get("/api/v1/staff/held/" + id).body());
        assertThat(text.path("answer").asText()).isEqualTo("健身器材由街道办事处负责维护。");

        assertThat(admin.post("/api/v1/staff/held/" + id + "/release", "{\"ticket\":\"" + code + "\"}", false)
                .statusCode()).as("without the CSRF token").isEqualTo(403);
        Staff officer = Staff.login("wang", "officer-password-1");
        assertThat(officer.post("/api/v1/staff/held/" + id + "/release", "{\"ticket\":\"" + code + "\"}", true)
                .statusCode()).as("an officer").isEqualTo(403);
        HttpResponse<String> released = admin.post("/api/v1/staff/held/" + id + "/release",
                "{\"ticket\":\"" + code + "\"}", true);

        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(JSON.readTree(released.body()).path("recorded").asBoolean()).isTrue();
        assertThat(view(code, ticket.path("key").asText()).path("answer").asText())
                .isEqualTo("健身器材由街道办事处负责维护。");
        assertThat(admin.post("/api/v1/staff/held/" + id + "/discard", "{}", true).statusCode())
                .as("already released").isEqualTo(404);
    }

    // ------------------------------------------------------------------ webhook

    @Test
    void theWebhookConnectorDeliversTheEscalationSignedToTheOtherSystem() throws Exception {
        String code = createTicket(JSON.createObjectNode().put("question", "热线平台转来的问题：井盖丢失")
                .put("channel", "hotline")).path("code").asText();

        Received got = awaitPlatform(code);

        assertThat(WebhookSignature.verify(got.body().getBytes(StandardCharsets.UTF_8), got.signature(), SECRET))
                .isTrue();
        JsonNode notice = JSON.readTree(got.body());
        assertThat(notice.path("kind").asText()).isEqualTo("escalation");
        assertThat(notice.path("department").path("id").asText()).isEqualTo("platform");
        assertThat(got.delivery()).isEqualTo(notice.path("id").asText());
    }

    @Test
    void aSignedCallbackAnswersTheTicketOnceAndABadOneIsRefused() throws Exception {
        JsonNode ticket = createTicket(JSON.createObjectNode().put("question", "热线平台转来的问题：公交站牌损坏")
                .put("channel", "hotline"));
        String code = ticket.path("code").asText();
        awaitPlatform(code);
        String body = JSON.createObjectNode().put("id", "P-77").put("ticket", code)
                .put("answer", "已通知公交公司更换站牌。").put("answeredBy", "12345平台").toString();
        String path = "/api/v1/connectors/webhook/platform/answers";

        HttpResponse<String> wrong = callback(path, body, WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8),
                "not-the-shared-secret-at-all"));
        HttpResponse<String> unsigned = callback(path, body, null);
        HttpResponse<String> first = callback(path, body, sign(body));
        HttpResponse<String> replay = callback(path, body, sign(body));

        assertError(wrong, 401, "bad_signature");
        assertError(unsigned, 401, "bad_signature");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("answered");
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replay.body()).path("status").asText()).isEqualTo("duplicate");
        assertThat(view(code, ticket.path("key").asText()).path("answer").asText()).isEqualTo("已通知公交公司更换站牌。");
        assertThat(count("SELECT COUNT(*) FROM ticket_events WHERE kind = 'answered' AND ticket_code = '" + code
                + "'")).isEqualTo(1);
    }

    @Test
    void theSameCallbackSentSeveralTimesAtOnceAnswersOnce() throws Exception {
        JsonNode ticket = createTicket(JSON.createObjectNode().put("question", "热线平台转来的问题：路面塌陷")
                .put("channel", "hotline"));
        String code = ticket.path("code").asText();
        String body = JSON.createObjectNode().put("id", "P-88").put("ticket", code).put("answer", "已设置围挡并安排抢修。")
                .toString();
        String path = "/api/v1/connectors/webhook/platform/answers";

        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return callback(path, body, sign(body));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<String> statuses = new ArrayList<>();
        for (var f : sent) {
            HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            statuses.add(JSON.readTree(r.body()).path("status").asText());
        }

        assertThat(statuses).containsOnlyOnce("answered").containsOnly("answered", "duplicate");
        assertThat(count("SELECT COUNT(*) FROM ticket_events WHERE kind = 'answered' AND ticket_code = '" + code
                + "'")).isEqualTo(1);
    }

    @Test
    void callbacksAreCheckedFieldBySizeAndByTheDepartmentsTheSystemServes() throws Exception {
        String path = "/api/v1/connectors/webhook/platform/answers";
        String noTicket = "{\"id\":\"P-90\",\"answer\":\"x\"}";
        String officeCode = createTicket(JSON.createObjectNode().put("question", "办公室的问题：信箱怎么用")
                .put("channel", "web")).path("code").asText();
        String notOurs = JSON.createObjectNode().put("id", "P-91").put("ticket", officeCode).put("answer", "越权答复")
                .toString();
        String huge = JSON.createObjectNode().put("id", "P-92").put("ticket", officeCode).put("answer", "长".repeat(600))
                .toString();

        HttpResponse<String> missing = callback(path, noTicket, sign(noTicket));
        HttpResponse<String> tooLarge = callback(path, huge, sign(huge));
        HttpResponse<String> held = callback(path, notOurs, sign(notOurs));
        HttpResponse<String> unknown = callback("/api/v1/connectors/webhook/nobody/answers", noTicket, sign(noTicket));

        assertError(missing, 400, "invalid_field");
        assertThat(JSON.readTree(missing.body()).path("error").path("message").asText()).contains("ticket");
        assertError(tooLarge, 413, "body_too_large");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(202);
        assertThat(JSON.readTree(held.body()).path("status").asText()).isEqualTo("held");
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE code = '" + officeCode + "' AND answer IS NULL"))
                .isEqualTo(1);
        assertError(unknown, 404, "not_found");
    }

    // ------------------------------------------------------------------ helpers

    private static String sign(String body) {
        return WebhookSignature.sign(body.getBytes(StandardCharsets.UTF_8), SECRET);
    }

    private static HttpResponse<String> callback(String path, String body, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            r.header(WebhookSignature.HEADER, signature);
        }
        return client().send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Received awaitPlatform(String code) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            Received r = platformInbox.poll(200, TimeUnit.MILLISECONDS);
            if (r != null && r.body().contains(code)) {
                return r;
            }
        }
        throw new AssertionError("no notice of " + code + " reached the other system");
    }

    private static int count(String sql) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo(code);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static JsonNode createTicket(ObjectNode body) throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/tickets")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static JsonNode view(String code, String key) throws Exception {
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/tickets/" + code + "?key=" + key)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Polls a mailbox over IMAP, as a mail client does, until a mail naming the code is there. */
    private static MimeMessage awaitMail(String user, String password, String code, Duration timeout)
            throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtp));
        Session session = Session.getInstance(p);
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imap, user, password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                for (Message m : inbox.getMessages()) {
                    if (m.getSubject() != null && m.getSubject().contains(code)) {
                        m.setFlag(Flags.Flag.SEEN, true);
                        MimeMessage copy = new MimeMessage((MimeMessage) m);
                        inbox.close(false);
                        return new MimeMessage(session, new java.io.ByteArrayInputStream(bytes(copy)));
                    }
                }
                inbox.close(false);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail about " + code + " in " + user + "'s mailbox within " + timeout);
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static JsonNode awaitHeld(Staff admin, String code) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            HttpResponse<String> r = admin.get("/api/v1/staff/held?status=pending");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            for (JsonNode h : JSON.readTree(r.body()).path("items")) {
                if (code.equals(h.path("ticketCode").asText())) {
                    return h;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no held mail for " + code);
    }

    /** A logged-in staff member and the CSRF token of the session. */
    private record Staff(HttpClient client, String csrf) {
        static Staff login(String user, String password) throws Exception {
            HttpClient c = RepliesEndToEndTest.client();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/login")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", user)
                            .put("password", password).toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new Staff(c, JSON.readTree(r.body()).path("csrf").asText());
        }

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        HttpResponse<String> post(String path, String json, boolean withCsrf) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            if (withCsrf) {
                b.header("X-CSRF-Token", csrf);
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
