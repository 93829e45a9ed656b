package org.wenzheng.server.interviews;

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
import java.time.Instant;
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

/**
 * A server without a ticket desk (a configuration without departments): the questions left
 * unanswered at the end of an interview are kept as "to escalate", and the escalate action says
 * why it cannot make tickets yet instead of losing them.
 */
class InterviewWithoutTicketsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("boss", "管理员", Role.ADMIN, "boss-password-1")));
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, KnowledgeBases.open(knowledge), Database.open(app.database())).staff(staff)
                .interviews(app.interviews(), app.knowledge().stopPhrasesFile()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> send(HttpClient c, HttpRequest.Builder r) throws Exception {
        return c.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder post(String path, String json, String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return csrf == null ? b : b.header("X-CSRF-Token", csrf);
    }

    @Test
    void unansweredQuestionsWaitToBeEscalatedAndTheActionSaysWhy() throws Exception {
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String csrf = JSON.readTree(send(admin, post("/api/v1/login",
                "{\"username\":\"boss\",\"password\":\"boss-password-1\"}", null)).body()).path("csrf").asText();
        String event = JSON.createObjectNode().put("title", "无工单").put("startsAt", Instant.now().toString())
                .put("endsAt", Instant.now().plusSeconds(3600).toString()).toString();
        long id = JSON.readTree(send(admin, post("/api/v1/admin/interviews", event, csrf)).body()).path("id").asLong();
        send(HttpClient.newHttpClient(), post("/api/v1/interviews/" + id + "/questions",
                "{\"question\":\"小区门口的路灯坏了三个月，谁来修？\"}", null));

        JsonNode ended = JSON.readTree(send(admin, post("/api/v1/admin/interviews/" + id + "/end", "{}", csrf)).body());
        HttpResponse<String> escalate = send(admin, post("/api/v1/admin/interviews/" + id + "/escalate", "{}", csrf));
        JsonNode queue = JSON.readTree(send(admin, HttpRequest.newBuilder(
                base.resolve("/api/v1/interviews/" + id + "/queue")).GET()).body());

        assertThat(ended.path("ticketsAvailable").asBoolean()).isFalse();
        assertThat(ended.path("escalated").asInt()).isZero();
        assertThat(ended.path("waiting").asInt()).isEqualTo(1);
        assertThat(escalate.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(escalate.body()).path("error").path("code").asText()).isEqualTo("tickets_unavailable");
        assertThat(queue.path("entries").get(0).path("status").asText()).isEqualTo("to_escalate");
    }
}
