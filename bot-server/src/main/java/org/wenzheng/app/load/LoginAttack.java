package org.wenzheng.app.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code wenzheng load --login-attack}: the latency of {@code POST /api/v1/ask} without and during
 * a login attack, side by side on one server in one run. A login's password hash costs a third of
 * a second to a second of CPU; the attack is what broke the server once (issue 10: 200 logins from
 * ten addresses within their limits gave 503s and 20 s waits on the questions of citizens).
 *
 * <p>The server runs in a child JVM ({@link ServerProcess}) with the answer cache off, the
 * operator's worker pool and hashing pool ({@code staff.hashThreads}, {@code staff.hashQueue}), and
 * one account to attack. The server does not read {@code X-Forwarded-For}, so the attack comes
 * from 127.0.0.1 with the login limit per username and address practically off in the child's
 * configuration: the per-address limits, which would stop it, are not what is measured. Questions
 * are asked by {@code connections} threads in a closed loop (each sends its next question when the
 * last is answered), timed by this JVM; the attack sends wrong-password logins at a fixed rate,
 * not waiting for answers, as a flood would. Each round measures the questions alone, then the
 * questions during the attack.
 */
public final class LoginAttack {
    /** The account attacked: it exists, so each attempt is checked against a real stored hash. */
    static final String TARGET = "load-login-target";
    /** Its password, in the child's configuration; the attack never sends it. */
    static final String TARGET_PASSWORD = "load-login-target-password";
    /** Longest wait for an answer; beyond, the request counts as an error. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Longest wait for the hashing pool to drain between phases. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What to measure and how.
     *
     * @param home            the Wenzheng folder
     * @param work            the work folder (the server's configuration and log)
     * @param serverConfig    the child's configuration ({@link ServerConfigFile#writeForLoginAttack})
     * @param bodies          the questions' request bodies, JSON, asked in rotation
     * @param connections     threads asking questions, each on its own connection
     * @param seconds         length of each phase
     * @param warmupSeconds   questions asked first, not counted (JIT warm-up)
     * @param rounds          rounds of the two phases
     * @param loginsPerSecond the attack's rate
     * @param serverJvm       options of the server's JVM
     * @param description     lines describing the corpus and configuration, for the report
     */
    public record Settings(Path home, Path work, Path serverConfig, List<String> bodies, int connections, int seconds,
            int warmupSeconds, int rounds, int loginsPerSecond, List<String> serverJvm, List<String> description) {
        public Settings {
            bodies = List.copyOf(bodies);
            serverJvm = List.copyOf(serverJvm);
            description = List.copyOf(description);
        }
    }

    private final Settings s;
    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private LoginAttack(Settings s, PrintWriter out) {
        this.s = s;
        this.out = out;
    }

    /** Runs the measurement and prints a table, then one line {@code LOGIN_ATTACK {json}} with every figure. */
    public static void run(Settings settings, PrintWriter out) throws IOException, InterruptedException {
        new LoginAttack(settings, out).run();
    }

    private void run() throws IOException, InterruptedException {
        Runtime rt = Runtime.getRuntime();
        out.println("Wenzheng load test: questions during a login attack");
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s%n", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        s.description().forEach(out::println);
        out.printf(Locale.ROOT, "questions: %d connections in a closed loop; attack: %d wrong-password logins a"
                + " second from 127.0.0.1; %d s phases, %d round(s)%n", s.connections(), s.loginsPerSecond(),
                s.seconds(), s.rounds());
        out.println("load average at start (1, 5, 15 min): " + LoadTest.loadAverage());
        out.flush();
        List<Phase> quiet = new ArrayList<>();
        List<Phase> attacked = new ArrayList<>();
        List<Map<Integer, Long>> logins = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start("server-login-attack", s.serverJvm(), s.home(),
                s.serverConfig(), s.work())) {
            URI ask = server.base().resolve("/api/v1/ask");
            URI login = server.base().resolve("/api/v1/login");
            if (s.warmupSeconds() > 0) {
                Phase warm = asks(ask, s.warmupSeconds());
                out.printf(Locale.ROOT, "  warm-up, %d s: %.0f questions/s%n", s.warmupSeconds(), warm.perSecond());
                out.flush();
            }
            for (int r = 1; r <= s.rounds(); r++) {
                Phase q = asks(ask, s.seconds());
                quiet.add(q);
                print("round " + r + ", no attack", q);
                Phase a;
                Map<Integer, Long> outcome;
                try (Attack attack = new Attack(http, login, s.loginsPerSecond())) {
                    a = asks(ask, s.seconds());
                    outcome = attack.stop();
                }
                attacked.add(a);
                logins.add(outcome);
                print("round " + r + ", during the attack", a);
                out.printf(Locale.ROOT, "    logins answered: %s (status: count; -1: no answer)%n", outcome);
                out.flush();
                awaitHashingIdle(server);
                if (!server.alive()) {
                    throw new IOException("the server died during the test; its log: " + server.log());
                }
            }
        }
        double quietP50 = LoadTest.median(quiet.stream().map(Phase::p50Ms).toList());
        double quietP99 = LoadTest.median(quiet.stream().map(Phase::p99Ms).toList());
        double attackP50 = LoadTest.median(attacked.stream().map(Phase::p50Ms).toList());
        double attackP99 = LoadTest.median(attacked.stream().map(Phase::p99Ms).toList());
        String of = s.rounds() == 1 ? "" : " (median of " + s.rounds() + ")";
        out.println();
        out.println("| /api/v1/ask | no attack | during the login attack |");
        out.println("|---|---|---|");
        out.printf(Locale.ROOT, "| p50%s | %.2f ms | %.2f ms |%n", of, quietP50, attackP50);
        out.printf(Locale.ROOT, "| p99%s | %.2f ms | %.2f ms |%n", of, quietP99, attackP99);
        out.printf(Locale.ROOT, "| questions a second%s | %.0f | %.0f |%n", of,
                LoadTest.median(quiet.stream().map(Phase::perSecond).toList()),
                LoadTest.median(attacked.stream().map(Phase::perSecond).toList()));
        out.printf(Locale.ROOT, "| answers other than 200 (all rounds) | %d | %d |%n",
                quiet.stream().mapToLong(Phase::failures).sum(), attacked.stream().mapToLong(Phase::failures).sum());
        out.println();
        out.println("load average at end (1, 5, 15 min): " + LoadTest.loadAverage());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cores", rt.availableProcessors());
        json.put("connections", s.connections());
        json.put("seconds", s.seconds());
        json.put("loginsPerSecond", s.loginsPerSecond());
        json.put("noAttack", quiet.stream().map(Phase::json).toList());
        json.put("attack", attacked.stream().map(Phase::json).toList());
        json.put("logins", logins);
        try {
            out.println("LOGIN_ATTACK " + new ObjectMapper().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the figures as JSON", e);
        }
        out.flush();
    }

    private void print(String label, Phase p) {
        out.printf(Locale.ROOT, "  %s: %.0f questions/s, p50 %.2f ms, p99 %.2f ms, max %.0f ms, %d not 200 %s%n",
                label, p.perSecond(), p.p50Ms(), p.p99Ms(), p.maxMs(), p.failures(), p.statuses());
        out.flush();
    }

    /** The queued hashes of a phase's attack must not spill into the next quiet phase. */
    private static void awaitHashingIdle(ServerProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String m = server.metrics();
            if (ServerProcess.gauge(m, "wenzheng_password_hash_queue_length").orElse(0) == 0
                    && ServerProcess.gauge(m, "wenzheng_password_hashes_busy").orElse(0) == 0
                    && ServerProcess.gauge(m, "wenzheng_worker_queue_length").orElse(0) == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the server was still hashing " + DRAIN_TIMEOUT.toSeconds() + " s after the attack");
    }

    /** Questions asked for {@code seconds} by the configured connections, each in a closed loop. */
    private Phase asks(URI ask, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger next = new AtomicInteger();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < s.connections(); c++) {
            long[][] mine = {new long[1024]};
            int[] n = {0};
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    String body = s.bodies().get(Math.floorMod(next.getAndIncrement(), s.bodies().size()));
                    long t0 = System.nanoTime();
                    int status = send(ask, body);
                    long took = System.nanoTime() - t0;
                    statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                    if (n[0] == mine[0].length) {
                        mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                    }
                    mine[0][n[0]++] = took;
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], n[0]));
                }
            }, "load-ask-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        return new Phase(all, elapsed, byStatus);
    }

    /** Sends one question; its status, -1 when no answer came. */
    private int send(URI ask, String body) {
        try {
            return http.send(HttpRequest.newBuilder(ask).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One phase's questions: their latencies (sorted), how long it ran, and their statuses. */
    record Phase(long[] sortedNanos, double seconds, Map<Integer, Long> statuses) {
        double perSecond() {
            return sortedNanos.length / seconds;
        }

        double p50Ms() {
            return percentileMs(0.50);
        }

        double p99Ms() {
            return percentileMs(0.99);
        }

        double maxMs() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        long failures() {
            return statuses.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
        }

        /** The nearest-rank percentile. */
        double percentileMs(double q) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sortedNanos.length);
            return sortedNanos[Math.max(0, rank - 1)] / 1e6;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("questions", sortedNanos.length);
            m.put("perSecond", Math.round(perSecond() * 10) / 10.0);
            m.put("p50Ms", Math.round(p50Ms() * 1000) / 1000.0);
            m.put("p99Ms", Math.round(p99Ms() * 1000) / 1000.0);
            m.put("maxMs", Math.round(maxMs() * 1000) / 1000.0);
            m.put("statuses", statuses);
            return m;
        }
    }

    /**
     * Wrong-password logins at a fixed rate, each sent without waiting for the ones before: a
     * flood does not slow down because the server does.
     */
    static final class Attack implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-login-attack");
            t.setDaemon(true);
            return t;
        });
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final AtomicLong outstanding = new AtomicLong();

        Attack(HttpClient http, URI login, int perSecond) {
            String body = "{\"username\":\"" + TARGET + "\",\"password\":\"not-the-password\"}";
            timer.scheduleAtFixedRate(() -> {
                outstanding.incrementAndGet();
                http.sendAsync(HttpRequest.newBuilder(login).timeout(REQUEST_TIMEOUT)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            statuses.computeIfAbsent(e == null ? r.statusCode() : -1, k -> new LongAdder())
                                    .increment();
                            outstanding.decrementAndGet();
                        });
            }, 0, TimeUnit.SECONDS.toNanos(1) / perSecond, TimeUnit.NANOSECONDS);
        }

        /** Stops sending, waits for the answers still to come, and says how the logins were answered. */
        Map<Integer, Long> stop() throws InterruptedException {
            timer.shutdownNow();
            long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Map<Integer, Long> byStatus = new TreeMap<>();
            statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
            return byStatus;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
