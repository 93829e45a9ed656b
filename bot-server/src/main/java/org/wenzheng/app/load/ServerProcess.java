package org.wenzheng.app.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wenzheng serve} in a child JVM, for the load test: the server gets its own heap (its
 * {@code -Xmx} is what the memory target is about, without the load generator's connections or
 * the in-process engine in it), its own JIT and GC, and runs exactly as an operator starts it.
 * Its standard output and its log go to files in the work folder.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^\\s/]+)/");
    /** How long a start may take: opening an existing index and the database takes seconds. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /**
     * The command line's entry point, named rather than imported so that the load test does not
     * depend on the commands that start it (LoadTestTest checks the name).
     */
    static final String MAIN_CLASS = "org.wenzheng.app.cli.Main";
    /** The server's own shutdown grace is 10 s; after this it is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts {@code wenzheng serve --config CONFIG --port 0} and waits until it listens.
     *
     * @param jvmOptions options of the child JVM ({@code -Xmx512m}, a flight recording …)
     * @param home       the Wenzheng folder (for {@code -Dwenzheng.home} and the logging configuration)
     * @param workDir    where its output ({@code NAME.out}) and log ({@code NAME.log}) go
     */
    static ServerProcess start(String name, List<String> jvmOptions, Path home, Path config, Path workDir)
            throws IOException, InterruptedException {
        Path out = workDir.resolve(name + ".out");
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        Path logging = home.resolve("config").resolve("logback.xml");
        if (Files.isRegularFile(logging) && jvmOptions.stream().noneMatch(o -> o.startsWith("-Dlogback."))) {
            command.add("-Dlogback.configurationFile=" + logging);
        }
        command.addAll(List.of("-Dwenzheng.home=" + home, "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS, "serve", "--config", config.toString(), "--port", "0"));
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (true) {
                Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
                if (m.find()) {
                    return new ServerProcess(p, URI.create(m.group(1)), log);
                }
                if (!p.isAlive()) {
                    throw new IOException("the server stopped at start (exit " + p.exitValue() + "); its log: "
                            + log + "\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the server did not listen within " + START_TIMEOUT.toSeconds()
                            + " s; its log: " + log);
                }
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(p);
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** The server's {@code /metrics} text. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("/metrics answered " + r.statusCode());
        }
        return r.body();
    }

    /** POSTs a body to /api/v1/ask and returns the status. */
    int ask(String jsonBody) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/ask")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * Heap in use after a full collection: {@code jcmd PID GC.run} (a {@code System.gc()} in the
     * server, which with the default G1 is a full, compacting collection), then the heap gauge of
     * {@code /metrics}. The smallest of three readings, as the metrics request itself allocates.
     */
    long heapUsedAfterFullGc() throws IOException, InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            Jcmd.run(pid(), "GC.run");
            best = Math.min(best, gauge(metrics(), "wenzheng_jvm_heap_used_bytes").orElseThrow(
                    () -> new IOException("/metrics shows no wenzheng_jvm_heap_used_bytes")));
        }
        return best;
    }

    /**
     * Waits until no request is being worked on or waiting for a worker. When wrk stops, requests
     * it sent are still queued in the server (their connections gone): the next measurement must
     * not inherit them.
     */
    void awaitIdle(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String m = metrics();
            boolean idle = gauge(m, "wenzheng_worker_queue_length").orElse(0) == 0
                    && gauge(m, "wenzheng_workers_busy").orElse(0) == 0;
            if (idle) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server is still busy " + timeout.toSeconds() + " s after the load stopped");
            }
            Thread.sleep(100);
        }
    }

    /** CPU time the server process has used so far (all its threads: workers, event loops, GC, JIT). */
    Duration cpu() throws IOException {
        return process.info().totalCpuDuration().orElseThrow(
                () -> new IOException("this system does not tell the CPU time of a process"));
    }

    /** Requests to /api/v1/ask answered so far, by any status, from /metrics. */
    long askRequests() throws IOException, InterruptedException {
        return counterSum(metrics(), "wenzheng_http_requests_total{endpoint=\"/api/v1/ask\",");
    }

    /** The sum of the samples whose line starts with {@code prefix} (one counter's labelled series). */
    static long counterSum(String exposition, String prefix) {
        long sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** A sample without labels from a Prometheus text exposition. */
    static OptionalLong gauge(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                return OptionalLong.of((long) Double.parseDouble(line.substring(name.length() + 1).strip()));
            }
        }
        return OptionalLong.empty();
    }

    /** Stops it as Ctrl-C would (SIGTERM, graceful), killing it if it does not exit in time. */
    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** The JDK's jcmd, beside this JVM's java or on PATH. */
    static final class Jcmd {
        private Jcmd() {
        }

        static String run(long pid, String... command) throws IOException, InterruptedException {
            Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            List<String> cmd = new ArrayList<>();
            cmd.add(Files.isExecutable(beside) ? beside.toString() : "jcmd");
            cmd.add(Long.toString(pid));
            cmd.addAll(List.of(command));
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("jcmd (part of the JDK) is needed to measure the server's heap: "
                        + e.getMessage(), e);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        }
    }
}
