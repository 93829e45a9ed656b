package org.wenzheng.app.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.ToDoubleFunction;
import org.wenzheng.knowledge.KnowledgeBase;

/**
 * The load test of {@code wenzheng load}: HTTP throughput and latency of {@code /api/v1/ask}
 * against the in-process {@link KnowledgeBase#answer} throughput, measured side by side in one
 * run, and the heap cost of idle chat connections. See docs/benchmarks.md for the method.
 *
 * <p>HTTP: the server runs in a child JVM ({@link ServerProcess}) with the answer cache off, so
 * that every request is real work; wrk runs as its own process. After a warm-up of both, each
 * round measures the in-process throughput (the server idle meanwhile) and then the server under
 * wrk, so that a change in the machine's load hits both figures. Then a second server with the
 * answer cache on, for the figure of repeated questions. Chat: a server with the configured heap
 * limit, its heap after a full collection with no chat open and with all of them open and idle.
 */
public final class LoadTest {
    /** Target: HTTP throughput at least this share of the in-process figure. */
    static final double TARGET_RATIO = 0.6;
    /** Target: p99 latency at 64 connections, in ms. */
    static final double TARGET_P99_MS = 50;
    /** Target: the server's heap limit, in MB, with the chats open. */
    static final long TARGET_HEAP_MB = 512;
    /** Passes over the questions before timing the in-process engine (JIT warm-up). */
    static final int WARMUP_PASSES = 4;
    /** Passes over the questions in one timed in-process round. */
    static final int PASSES_PER_ROUND = 2;
    /** Chats opened and closed before the baseline heap reading, so the chat code is loaded and warm. */
    static final int CHAT_WARMUP_CONNECTIONS = 20;
    /** Longest wait for the server to finish the requests left when wrk stops. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** File descriptors the two sides need beyond the chats: index files, jars, logs, sockets. */
    static final int SPARE_FILE_DESCRIPTORS = 1000;

    /**
     * What to measure and how.
     *
     * @param home              the Wenzheng folder
     * @param work              the work folder (server configurations, logs, wrk output)
     * @param serverConfig      the server's configuration, answer cache off
     * @param serverConfigCache the same with the answer cache on
     * @param script            bench/ask.lua
     * @param bodies            the request bodies, one JSON object a line
     * @param questions         the same questions, for the in-process engine
     * @param workers           the server's worker threads: the in-process thread count
     * @param connections       wrk's connections
     * @param wrkThreads        wrk's threads
     * @param seconds           length of one wrk round
     * @param warmupSeconds     length of the wrk warm-up run of each server
     * @param rounds            rounds of each measurement
     * @param serverJvm         more options of every server JVM (a flight recording, …)
     * @param httpHeap          -Xmx of the HTTP servers: by default the in-process side's, so that both
     *                          sides of the throughput comparison have the same heap (and so the same GC)
     * @param chatHeap          -Xmx of the chat server, whose heap is measured against its target
     * @param http              whether to run the HTTP part
     * @param chat              whether to run the chat part
     * @param chatConnections   chats to hold open
     * @param chatHold          how long they stay open and idle before the heap is read
     * @param profile           whether each server records a flight recording ({@code NAME.jfr} in the work folder)
     * @param description       lines describing the corpus and questions, for the report
     */
    public record Settings(Path home, Path work, Path serverConfig, Path serverConfigCache, Path script, Path bodies,
            List<String> questions, int workers, int connections, int wrkThreads, int seconds, int warmupSeconds,
            int rounds, List<String> serverJvm, String httpHeap, String chatHeap, boolean http, boolean chat,
            int chatConnections, Duration chatHold,
            boolean profile, List<String> description) {
        public Settings {
            questions = List.copyOf(questions);
            serverJvm = List.copyOf(serverJvm);
            description = List.copyOf(description);
        }
    }

    private final Settings s;
    private final PrintWriter out;
    private final Map<String, Object> json = new LinkedHashMap<>();
    /** wrk's CPU time in each measured round, as a share of all the machine's cores over the round. */
    private final List<Double> wrkCpuShare = new ArrayList<>();

    private LoadTest(Settings s, PrintWriter out) {
        this.s = s;
        this.out = out;
    }

    /**
     * Runs the load test and prints a table, then one line {@code LOAD {json}} with every figure.
     *
     * @param knowledge the engine over the same index the server serves, for the in-process figure
     */
    public static void run(Settings settings, KnowledgeBase knowledge, PrintWriter out)
            throws IOException, InterruptedException {
        new LoadTest(settings, out).run(knowledge);
    }

    private void run(KnowledgeBase knowledge) throws IOException, InterruptedException {
        String wrk = s.http() ? Wrk.version() : "not used";
        Runtime rt = Runtime.getRuntime();
        String loadAtStart = loadAverage();
        out.println("Wenzheng load test");
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s (%s), %s%n", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), wrk);
        s.description().forEach(out::println);
        out.println("server JVMs: HTTP -Xmx" + s.httpHeap() + " (as the in-process side), chat -Xmx" + s.chatHeap()
                + (s.serverJvm().isEmpty() ? "" : "; options " + String.join(" ", s.serverJvm()))
                + "; work folder: " + s.work());
        out.println("load average at start (1, 5, 15 min): " + loadAtStart);
        out.flush();
        json.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("cores", rt.availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("wrk", wrk);
        json.put("serverJvm", s.serverJvm());
        json.put("httpServerHeap", s.httpHeap());
        json.put("chatServerHeap", s.chatHeap());
        json.put("questions", s.questions().size());
        json.put("loadAverageStart", loadAtStart);

        List<String[]> rows = new ArrayList<>();
        if (s.http()) {
            http(knowledge, rows);
        }
        if (s.chat()) {
            chat(rows);
        }
        String loadAtEnd = loadAverage();
        json.put("loadAverageEnd", loadAtEnd);
        out.println();
        out.println("| figure | value | target |");
        out.println("|---|---|---|");
        rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
        out.println();
        out.println("load average at end (1, 5, 15 min): " + loadAtEnd);
        try {
            out.println("LOAD " + new ObjectMapper().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the figures as JSON", e);
        }
        out.flush();
    }

    // ------------------------------------------------------------------ HTTP

    private void http(KnowledgeBase knowledge, List<String[]> rows) throws IOException, InterruptedException {
        out.println();
        out.printf(Locale.ROOT, "HTTP: POST /api/v1/ask, wrk -c%d -t%d, %d s rounds, %d questions in rotation; in"
                + " process: answer() on %d threads, %d passes over the questions a round.%n", s.connections(),
                s.wrkThreads(), s.seconds(), s.questions().size(), s.workers(), PASSES_PER_ROUND);
        List<Double> inProcess = new ArrayList<>();
        List<Double> inProcessCpu = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        List<WrkReport> uncached = new ArrayList<>();
        WrkReport unqueued;
        try (AnswerThroughput engine = new AnswerThroughput(knowledge, s.questions(), s.workers())) {
            out.printf(Locale.ROOT, "  in-process warm-up (%d passes): %.0f q/s%n", WARMUP_PASSES,
                    engine.run(WARMUP_PASSES).perSecond());
            out.flush();
            try (ServerProcess server = ServerProcess.start("server-http", jvm("server-http"), s.home(),
                    s.serverConfig(), s.work())) {
                warmUp(server, "cache off");
                for (int r = 1; r <= s.rounds(); r++) {
                    AnswerThroughput.Result e = engine.run(PASSES_PER_ROUND);
                    inProcess.add(e.perSecond());
                    inProcessCpu.add(e.cpuMsPerAnswer());
                    long asked0 = server.askRequests();
                    Duration cpu0 = server.cpu();
                    WrkReport w = wrk(server, "http-round-" + r);
                    long asked = Math.max(1, server.askRequests() - asked0);
                    double cpuMs = server.cpu().minus(cpu0).toNanos() / 1e6 / asked;
                    serverCpu.add(cpuMs);
                    uncached.add(w);
                    out.printf(Locale.ROOT, "  round %d/%d: in-process %.0f q/s (%.2f ms CPU an answer); HTTP %.0f"
                            + " req/s (%.2f ms server CPU a request; wrk used %.0f%% of the cores), p50 %.2f ms,"
                            + " p99 %.2f ms, errors %d%n", r, s.rounds(), e.perSecond(), e.cpuMsPerAnswer(),
                            w.requestsPerSecond(), cpuMs, 100 * wrkCpuShare.get(wrkCpuShare.size() - 1), w.p50Ms(),
                            w.p99Ms(), w.errors());
                    out.flush();
                }
                // As many connections as workers: no request waits for another, so this is the
                // latency of a request itself; at 64 connections most of it is waiting in line
                // (Little's law: mean latency = connections / throughput).
                Wrk.Run few = Wrk.runMeasured(Wrk.command(s.workers(), Math.min(s.wrkThreads(), s.workers()),
                        s.seconds(), s.script(), server.base().resolve("/api/v1/ask"), s.bodies()),
                        s.work().resolve("wrk-http-" + s.workers() + "-connections.txt"));
                server.awaitIdle(IDLE_TIMEOUT);
                unqueued = few.report();
                out.printf(Locale.ROOT, "  %d connections (one per worker): HTTP %.0f req/s, p50 %.2f ms, p99 %.2f ms,"
                        + " errors %d%n", s.workers(), unqueued.requestsPerSecond(), unqueued.p50Ms(),
                        unqueued.p99Ms(), unqueued.errors());
                out.flush();
                checkAlive(server);
            }
        }
        List<WrkReport> cached = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start("server-http-cache", jvm("server-http-cache"), s.home(),
                s.serverConfigCache(), s.work())) {
            warmUp(server, "cache on");
            for (int r = 1; r <= s.rounds(); r++) {
                WrkReport w = wrk(server, "http-cache-round-" + r);
                cached.add(w);
                out.printf(Locale.ROOT, "  cache on, round %d/%d: HTTP %.0f req/s, p50 %.2f ms, p99 %.2f ms,"
                        + " errors %d%n", r, s.rounds(), w.requestsPerSecond(), w.p50Ms(), w.p99Ms(), w.errors());
                out.flush();
            }
            checkAlive(server);
        }

        double engineQps = median(inProcess);
        double httpQps = median(uncached, WrkReport::requestsPerSecond);
        double p50 = median(uncached, WrkReport::p50Ms);
        double p99 = median(uncached, WrkReport::p99Ms);
        long errors = uncached.stream().mapToLong(WrkReport::errors).sum();
        double wrkShare = median(wrkCpuShare.subList(0, uncached.size()));
        double ratio = httpQps / engineQps;
        boolean ratioOk = ratio >= TARGET_RATIO;
        boolean p99Ok = p99 <= TARGET_P99_MS;
        String medianOf = "median of " + s.rounds();
        rows.add(row("in-process answer(), " + s.workers() + " threads (" + medianOf + ")",
                String.format(Locale.ROOT, "%.0f q/s", engineQps), ""));
        rows.add(row("HTTP /api/v1/ask, cache off, " + s.connections() + " connections (" + medianOf + ")",
                String.format(Locale.ROOT, "%.0f req/s", httpQps), ""));
        rows.add(row("ratio HTTP / in-process", String.format(Locale.ROOT, "%.2f", ratio),
                String.format(Locale.ROOT, ">= %.1f: %s", TARGET_RATIO, pass(ratioOk))));
        rows.add(row("HTTP p50, cache off", String.format(Locale.ROOT, "%.2f ms", p50), ""));
        rows.add(row("HTTP p99, cache off", String.format(Locale.ROOT, "%.2f ms", p99),
                String.format(Locale.ROOT, "<= %.0f ms: %s", TARGET_P99_MS, pass(p99Ok))));
        rows.add(row("CPU time an answer in process / a request in the server (" + medianOf + ")",
                String.format(Locale.ROOT, "%.2f ms / %.2f ms", median(inProcessCpu), median(serverCpu)), ""));
        rows.add(row("wrk's own CPU, share of all cores (" + medianOf + ")",
                String.format(Locale.ROOT, "%.0f %%", 100 * wrkShare), ""));
        rows.add(row("HTTP errors, cache off (non-2xx + socket errors, all rounds)", Long.toString(errors),
                "0: " + pass(errors == 0)));
        rows.add(row("HTTP at " + s.workers() + " connections (one per worker, no queueing), cache off",
                String.format(Locale.ROOT, "%.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d",
                        unqueued.requestsPerSecond(), unqueued.p50Ms(), unqueued.p99Ms(), unqueued.errors()), ""));
        double cachedQps = median(cached, WrkReport::requestsPerSecond);
        rows.add(row("HTTP /api/v1/ask, answer cache on (" + medianOf + "; repeated questions)",
                String.format(Locale.ROOT, "%.0f req/s, p50 %.2f ms, p99 %.2f ms, errors %d", cachedQps,
                        median(cached, WrkReport::p50Ms), median(cached, WrkReport::p99Ms),
                        cached.stream().mapToLong(WrkReport::errors).sum()), ""));
        json.put("http", ordered(
                "inProcessQps", round(engineQps, 1),
                "inProcessRoundsQps", inProcess.stream().map(v -> round(v, 1)).toList(),
                "inProcessCpuMsPerAnswer", inProcessCpu.stream().map(v -> round(v, 3)).toList(),
                "serverCpuMsPerRequest", serverCpu.stream().map(v -> round(v, 3)).toList(),
                "wrkCpuShareOfCores", wrkCpuShare.stream().map(v -> round(v, 3)).toList(),
                "cacheOff", reports(uncached),
                "cacheOn", reports(cached),
                "oneConnectionPerWorker", reports(List.of(unqueued)),
                "ratio", round(ratio, 3),
                "targets", ordered("ratio", ordered("limit", TARGET_RATIO, "pass", ratioOk),
                        "p99Ms", ordered("limit", TARGET_P99_MS, "pass", p99Ok))));
    }

    /** The server JVM's options, with a flight recording of its own when profiling. */
    private List<String> jvm(String server) {
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + (server.equals("server-chat") ? s.chatHeap() : s.httpHeap()));
        options.addAll(s.serverJvm());
        if (s.profile()) {
            options.add("-XX:StartFlightRecording=filename=" + s.work().resolve(server + ".jfr") + ",settings=profile");
        }
        return options;
    }

    private void warmUp(ServerProcess server, String label) throws IOException, InterruptedException {
        if (s.warmupSeconds() > 0) {
            List<String> cmd = Wrk.command(s.connections(), s.wrkThreads(), s.warmupSeconds(), s.script(),
                    server.base().resolve("/api/v1/ask"), s.bodies());
            WrkReport w = Wrk.run(cmd, s.work().resolve("wrk-warmup-" + label.replace(' ', '-') + ".txt"));
            server.awaitIdle(IDLE_TIMEOUT);
            out.printf(Locale.ROOT, "  server (%s) warm-up, %d s: %.0f req/s%n", label, s.warmupSeconds(),
                    w.requestsPerSecond());
            out.flush();
        }
    }

    private WrkReport wrk(ServerProcess server, String name) throws IOException, InterruptedException {
        Wrk.Run run = Wrk.runMeasured(Wrk.command(s.connections(), s.wrkThreads(), s.seconds(), s.script(),
                server.base().resolve("/api/v1/ask"), s.bodies()), s.work().resolve("wrk-" + name + ".txt"));
        server.awaitIdle(IDLE_TIMEOUT);
        double coreSeconds = run.report().seconds() * Runtime.getRuntime().availableProcessors();
        wrkCpuShare.add(run.cpu().toNanos() / 1e9 / coreSeconds);
        return run.report();
    }

    private static Map<String, Object> reports(List<WrkReport> rounds) {
        return ordered(
                "qps", round(median(rounds, WrkReport::requestsPerSecond), 1),
                "p50Ms", round(median(rounds, WrkReport::p50Ms), 3),
                "p99Ms", round(median(rounds, WrkReport::p99Ms), 3),
                "errors", rounds.stream().mapToLong(WrkReport::errors).sum(),
                "rounds", rounds.stream().map(w -> ordered("qps", round(w.requestsPerSecond(), 1),
                        "requests", w.requests(), "p50Ms", w.p50Ms(), "p75Ms", w.p75Ms(), "p90Ms", w.p90Ms(),
                        "p99Ms", w.p99Ms(), "socketErrors", w.socketErrors(),
                        "non2xx", w.scriptNon2xx().orElse(w.non2xx3xx()), "byStatus", w.byStatus())).toList());
    }

    // ------------------------------------------------------------------ chat

    private void chat(List<String[]> rows) throws IOException, InterruptedException {
        out.println();
        out.printf(Locale.ROOT, "Chat: %d idle /ws/chat connections, each asked '%s' once; held %d s; server %s.%n",
                s.chatConnections(), ChatDriver.Options.DEFAULT_QUESTION, s.chatHold().toSeconds(),
                String.join(" ", jvm("server-chat")));
        checkFileDescriptors(s.chatConnections());
        try (ServerProcess server = ServerProcess.start("server-chat", jvm("server-chat"), s.home(), s.serverConfig(),
                s.work())) {
            URI ws = URI.create("ws://" + server.base().getAuthority() + "/ws/chat");
            try (ChatDriver.Chats warm = ChatDriver.open(ChatDriver.Options.of(ws, CHAT_WARMUP_CONNECTIONS))) {
                if (warm.answered() != CHAT_WARMUP_CONNECTIONS) {
                    throw new IOException("warm-up chats failed: " + warm.problems(3));
                }
            }
            awaitSessions(server, 0);
            long heapBefore = server.heapUsedAfterFullGc();
            out.printf(Locale.ROOT, "  heap after a full GC, no chat open: %.1f MB%n", mb(heapBefore));
            out.flush();
            long t0 = System.nanoTime();
            try (ChatDriver.Chats chats = ChatDriver.open(ChatDriver.Options.of(ws, s.chatConnections()))) {
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "  %d of %d chats opened and answered in %.1f s%n", chats.answered(),
                        chats.attempted(), openSeconds);
                out.flush();
                Thread.sleep(s.chatHold().toMillis());
                int clientOpen = chats.open();
                String metrics = server.metrics();
                long serverOpen = ServerProcess.gauge(metrics, "wenzheng_websocket_sessions").orElse(-1);
                long heapWith = server.heapUsedAfterFullGc();
                long committed = ServerProcess.gauge(server.metrics(), "wenzheng_jvm_heap_committed_bytes").orElse(-1);
                long max = ServerProcess.gauge(metrics, "wenzheng_jvm_heap_max_bytes").orElse(-1);
                checkAlive(server);
                Map<String, Integer> problems = chats.problems(5);
                double perConnection = (double) (heapWith - heapBefore) / s.chatConnections();
                boolean allOpen = clientOpen == s.chatConnections() && serverOpen == s.chatConnections();
                boolean heapOk = max > 0 && max <= TARGET_HEAP_MB << 20 && heapWith <= max;
                out.printf(Locale.ROOT, "  after %d s idle: %d open (client), %d (server's gauge); heap after a"
                        + " full GC %.1f MB, committed %.1f MB, max %.0f MB%n", s.chatHold().toSeconds(), clientOpen,
                        serverOpen, mb(heapWith), mb(committed), mb(max));
                problems.forEach((why, n) -> out.println("    " + n + " x " + why));
                rows.add(row("server heap after full GC, no chat open", String.format(Locale.ROOT, "%.1f MB",
                        mb(heapBefore)), ""));
                rows.add(row("server heap after full GC, " + s.chatConnections() + " idle chats open",
                        String.format(Locale.ROOT, "%.1f MB (max heap %.0f MB)", mb(heapWith), mb(max)),
                        String.format(Locale.ROOT, "within %d MB: %s", TARGET_HEAP_MB, pass(heapOk))));
                rows.add(row("heap per idle chat", String.format(Locale.ROOT, "%.1f KB", perConnection / 1024), ""));
                rows.add(row("chats still open after " + s.chatHold().toSeconds() + " s idle (client / server)",
                        clientOpen + " / " + serverOpen + " of " + s.chatConnections(), "all: " + pass(allOpen)));
                json.put("chat", ordered("connections", s.chatConnections(), "answered", chats.answered(),
                        "openSeconds", round(openSeconds, 1), "holdSeconds", s.chatHold().toSeconds(),
                        "openAfterHoldClient", clientOpen, "openAfterHoldServer", serverOpen,
                        "heapBeforeMB", round(mb(heapBefore), 1), "heapWithMB", round(mb(heapWith), 1),
                        "heapCommittedMB", round(mb(committed), 1), "heapMaxMB", round(mb(max), 0),
                        "bytesPerConnection", Math.round(perConnection), "problems", problems,
                        "targets", ordered("heapMB", ordered("limit", TARGET_HEAP_MB, "pass", heapOk),
                                "allOpen", ordered("pass", allOpen))));
            }
        }
    }

    /** Waits until the server's chat gauge shows {@code n} (closing chats takes a moment). */
    private static void awaitSessions(ServerProcess server, long n) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ServerProcess.gauge(server.metrics(), "wenzheng_websocket_sessions").orElse(-1) == n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the server still counts open chats after 10 s; expected " + n);
    }

    /**
     * Both this JVM (the chats' client ends) and the server (their server ends) need a descriptor
     * per chat; the server inherits this process's limit.
     */
    static void checkFileDescriptors(int chats) throws IOException {
        OptionalLong limit = openFilesLimit(Path.of("/proc/self/limits"));
        if (limit.isPresent() && limit.getAsLong() < chats + SPARE_FILE_DESCRIPTORS) {
            throw new IOException("the open-files limit (ulimit -n) is " + limit.getAsLong() + ", too low for "
                    + chats + " chats; raise it first, e.g. 'ulimit -n " + (chats + SPARE_FILE_DESCRIPTORS * 2)
                    + "', or open fewer with --chat-connections");
        }
    }

    /** The soft "Max open files" of a {@code /proc/PID/limits} file, when readable (Linux). */
    static OptionalLong openFilesLimit(Path limits) {
        try {
            for (String line : Files.readAllLines(limits, StandardCharsets.UTF_8)) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return "unlimited".equals(parts[0]) ? OptionalLong.empty()
                            : OptionalLong.of(Long.parseLong(parts[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or an unexpected format: nothing to check against.
        }
        return OptionalLong.empty();
    }

    // ------------------------------------------------------------------ helpers

    private static void checkAlive(ServerProcess server) throws IOException {
        if (!server.alive()) {
            throw new IOException("the server died during the test; its log: " + server.log());
        }
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static <T> double median(List<T> values, ToDoubleFunction<T> f) {
        return median(values.stream().map(v -> f.applyAsDouble(v)).toList());
    }

    private static String[] row(String... cells) {
        return cells;
    }

    private static String pass(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
