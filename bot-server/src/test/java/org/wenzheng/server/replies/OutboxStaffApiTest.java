package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.connectors.mail.MailSettings;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.TicketsConfig;

/**
 * A mail server that refuses the department's address (550) on the real server: the escalation is
 * kept as failed, listed by the administrators' outbox API with its error, counted on /metrics,
 * and retried on an administrator's request (with the CSRF token; not by an officer).
 */
class OutboxStaffApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private WenzhengServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aPermanentRefusalIsListedCountedAndRetriedByAnAdministrator() throws Exception {
        try (MailFixtures.RefusingSmtp refusing = new MailFixtures.RefusingSmtp(
                "550 5.1.1 <officer@wenzheng.local>: Recipient address rejected: User unknown in local recipient table")) {
            int port = start(refusing.port());
            String base = "http://127.0.0.1:" + port;
            HttpClient citizen = client();
            HttpResponse<String> created = citizen.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tickets"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"question\":\"我家楼下的路灯坏了找谁修\",\"channel\":\"web\"}", StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String code = JSON.readTree(created.body()).path("code").asText();
            HttpClient admin = client();
            String csrf = login(admin, base, "root", "admin-password-1");

            JsonNode failed = null;
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (failed == null && System.nanoTime() < end) {
                JsonNode list = JSON.readTree(get(admin, base + "/api/v1/staff/outbox?status=failed").body());
                for (JsonNode row : list.path("items")) {
                    if (row.path("ticket").asText().equals(code)) {
                        failed = row;
                    }
                }
                Thread.sleep(100);
            }

            assertThat(failed).as("the failed escalation listed").isNotNull();
            assertThat(failed.path("kind").asText()).isEqualTo("escalation");
            assertThat(failed.path("connector").asText()).isEqualTo("mail");
            assertThat(failed.path("attempts").asInt()).isEqualTo(1);
            assertThat(failed.path("lastError").asText()).contains("550").contains("User unknown");
            assertThat(failed.has("payload")).as("the question stays out of the list").isFalse();
            String metrics = get(client(), base + "/metrics").body();
            assertThat(metrics).contains("wenzheng_outbox_failed 1\n")
                    .contains("wenzheng_outbox_permanent_failures_total 1\n")
                    .contains("wenzheng_outbox_delivered_total 0\n");
            assertThat(get(admin, base + "/api/v1/staff/outbox?status=lost").statusCode()).isEqualTo(400);
            assertThat(get(client(), base + "/api/v1/staff/outbox").statusCode()).isEqualTo(401);

            String id = failed.path("id").asText();
            HttpClient officer = client();
            String officerCsrf = login(officer, base, "wang", "officer-password-1");
            assertThat(post(officer, base + "/api/v1/staff/outbox/" + id + "/retry", officerCsrf).statusCode())
                    .as("an officer").isEqualTo(403);
            assertThat(post(admin, base + "/api/v1/staff/outbox/" + id + "/retry", null).statusCode())
                    .as("without the CSRF token").isEqualTo(403);
            HttpResponse<String> retried = post(admin, base + "/api/v1/staff/outbox/" + id + "/retry", csrf);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            assertThat(JSON.readTree(retried.body()).path("status").asText()).isIn("pending", "failed");

            // Still refused: failed again, counted again, never lost.
            long again = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!get(client(), base + "/metrics").body().contains("wenzheng_outbox_permanent_failures_total 2\n")
                    && System.nanoTime() < again) {
                Thread.sleep(100);
            }
            assertThat(get(client(), base + "/metrics").body()).contains("wenzheng_outbox_permanent_failures_total 2\n");
            assertThat(post(admin, base + "/api/v1/staff/outbox/no-such-row/retry", csrf).statusCode()).isEqualTo(404);
        }
    }

    private int start(int smtpPort) throws Exception {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        RepliesConfig embedded = app.mail().withPorts(smtpPort, MailFixtures.freePort());
        // A real (here: refusing) SMTP server, and an IMAP server that is down: the reader retries quietly.
        RepliesConfig mail = new RepliesConfig(false, new MailSettings(embedded.mail().smtp(),
                embedded.mail().imap()), embedded.idle(), embedded.fetchBatch(), Duration.ofMillis(200),
                embedded.relayBatch(), embedded.relayBackoff(), embedded.inboxBackoff(), List.of(), List.of(),
                embedded.intake());
        TicketsConfig tickets = app.tickets().orElseThrow().withCreateRateLimit(new ServerConfig.RateLimit(1000, 1000));
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("root", "管理员", Role.ADMIN, "admin-password-1"),
                        new StaffConfig.SeedAccount("wang", "王承办", Role.OFFICER, "officer-password-1")));
        server = Assembly.builder(app.server().withPort(0), KnowledgeBases.open(app.knowledgeConfig()),
                Database.open(app.database())).staff(staff).tickets(tickets, app.deadlines())
                .mail(mail, data.resolve("mail")).build().server();
        return server.start().getPort();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String login(HttpClient c, String base, String user, String password) throws Exception {
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("username", user).put("password", password).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("csrf").asText();
    }

    private static HttpResponse<String> get(HttpClient c, String url) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(HttpClient c, String url, String csrf) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
