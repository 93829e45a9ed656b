package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * Regression test of a login flood taking the CPU and the workers from citizens: 200 logins from
 * ten addresses within their limits gave 132 × 503 and 19.8 s waits on {@code /api/v1/ask},
 * because each login's PBKDF2 hash (0.3 to 0.9 s of CPU) ran on the workers that answer
 * questions. Here the real server, over a real port, with its real hasher (600,000 iterations),
 * one hashing thread and {@value #HASH_QUEUE} waiting: the hashes themselves are the load.
 */
class LoginFloodTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HASH_QUEUE = 6;
    /** One hashing and all the queue: the pool is full. */
    private static final int FLOOD = 1 + HASH_QUEUE;
    private static final int ASKS = 5;
    /** Far longer than any wait in these tests; a broken server ends the test instead of hanging it. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static URI base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        // The login limit (per username and address) out of the way: every login here is loopback's.
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(10_000, 10_000),
                List.of(new StaffConfig.SeedAccount("op", "接线员", Role.OPERATOR, "op-password-1")))
                .withHashing(1, HASH_QUEUE);
        // Two workers, as on the 2-core machine of the report; a queue that holds every request here.
        server = Assembly.builder(app.server().withPort(0).withWorkers(2, 16)
                .withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)), KnowledgeBases.open(knowledge), Database.open(app.database())).chat(ChatConfig.DEFAULTS).staff(staff).build().server();
        InetSocketAddress a = server.start();
        base = URI.create("http://127.0.0.1:" + a.getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void hashingIsIdleAgain() throws Exception {
        await("the hashing pool is idle", () -> gauge("wenzheng_password_hash_queue_length") == 0
                && gauge("wenzheng_password_hashes_busy") == 0);
    }

    @Test
    void asksAreAnsweredWhileLoginsWaitForTheHashingPool() throws Exception {
        assertThat(ask().statusCode()).as("an ask before the flood, so that the ones measured are warm").isEqualTo(200);
        List<CompletableFuture<HttpResponse<String>>> logins = flood(FLOOD);
        await("every login reached the server", () -> gauge("wenzheng_http_requests_in_flight") >= FLOOD);

        for (int i = 0; i < ASKS; i++) {
            HttpResponse<String> ask = ask();
            assertThat(ask.statusCode()).as("ask %d: %s", i, ask.body()).isEqualTo(200);
        }
        // The hashes run one at a time, a third of a second each at least; the asks, milliseconds
        // each, did not wait for them: at most the hash running when they came (and, on a slow
        // machine, the next) was done. When logins shared the workers, the asks waited in line
        // behind every login before them and all but the last one or two were done.
        assertThat(logins.stream().filter(f -> !f.isDone()).count())
                .as("logins still waiting for their hash when the last ask was answered")
                .isGreaterThanOrEqualTo(FLOOD - 2);

        for (CompletableFuture<HttpResponse<String>> login : logins) {
            HttpResponse<String> r = login.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.headers().firstValue("Set-Cookie")).isPresent();
        }
    }

    @Test
    void loginsBeyondTheHashingQueueAreRefusedAtOnceWith429() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> admitted = flood(FLOOD);
        // On a busy machine the first hash can end before the last login of the flood arrives, and
        // the queue would never be full: each login answered meanwhile is replaced by a new one, so
        // FLOOD are in flight (never more: none of these is refused) until the queue is full.
        await("the hashing queue is full", () -> {
            long answered = admitted.stream().filter(CompletableFuture::isDone).count();
            for (long i = admitted.size() - answered; i < FLOOD; i++) {
                admitted.addAll(flood(1));
            }
            return gauge("wenzheng_password_hash_queue_length") == HASH_QUEUE;
        });

        // Two at once: however the running hash ends meanwhile, it frees one place, not two.
        List<CompletableFuture<HttpResponse<String>>> extra = flood(2);
        List<HttpResponse<String>> refused = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : extra) {
            HttpResponse<String> r = f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (r.statusCode() == 429) {
                refused.add(r);
            } else {
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
        }
        assertThat(refused).as("logins over the queue limit").isNotEmpty();
        assertThat(admitted.stream().filter(f -> !f.isDone()).count())
                .as("admitted logins still waiting when the refusal came").isPositive();
        for (HttpResponse<String> r : refused) {
            assertThat(JSON.readTree(r.body()).path("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(JSON.readTree(r.body()).path("error").path("message").asText()).contains("秒后再试");
            assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
        for (CompletableFuture<HttpResponse<String>> login : admitted) {
            assertThat(login.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode())
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> ask() throws IOException, InterruptedException {
        return CLIENT.send(post("/api/v1/ask", "{\"question\":\"谁可以申请政府信息公开？\",\"channel\":\"api\"}"), utf8());
    }

    /** Logins sent at once, each on its own connection. */
    private static List<CompletableFuture<HttpResponse<String>>> flood(int n) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(CLIENT.sendAsync(post("/api/v1/login", "{\"username\":\"op\",\"password\":\"op-password-1\"}"),
                    utf8()));
        }
        return sent;
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    private static HttpResponse.BodyHandler<String> utf8() {
        return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
    }

    /** A gauge of the server's /metrics exposition; -1 when it has none of this name. */
    private static long gauge(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)$").matcher(server.metrics().exposition());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for a state of the server (not for a time): polls until it holds, fails after {@link #PATIENCE}. */
    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s in vain: " + what);
            }
            Thread.sleep(5);
        }
    }
}
