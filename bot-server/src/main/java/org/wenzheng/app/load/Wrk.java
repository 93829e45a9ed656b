package org.wenzheng.app.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The wrk HTTP load generator, run as a separate process (it must not share the server's CPU accounting or heap). */
final class Wrk {
    /** What to tell a user without wrk. */
    static final String HOW_TO_INSTALL = "wrk is needed for the HTTP load test and is not installed (or not on PATH):"
            + " on Debian or Ubuntu 'sudo apt-get install wrk'; elsewhere see https://github.com/wg/wrk"
            + " (or run with --skip-http)";

    private Wrk() {
    }

    /**
     * wrk's version line ({@code wrk debian/4.1.0-3+b2 [epoll] …}).
     *
     * @throws IOException with {@link #HOW_TO_INSTALL} when wrk cannot be run
     */
    static String version() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(HOW_TO_INSTALL, e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        // wrk -v prints its version, then its usage, and exits 1.
        String first = out.lines().findFirst().orElse("");
        if (!first.startsWith("wrk")) {
            throw new IOException(HOW_TO_INSTALL + " (wrk -v printed: " + first + ")");
        }
        return first.replaceFirst("\\s*Copyright.*$", "").strip();
    }

    /** The command line of one run: {@code wrk -cC -tT -dDs --latency -s SCRIPT URL -- BODIES}. */
    static List<String> command(int connections, int threads, int seconds, Path script, URI url, Path bodies) {
        return List.of("wrk", "-c" + connections, "-t" + threads, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), url.toString(), "--", bodies.toString());
    }

    /**
     * Runs wrk to the end and reads its figures; its whole output is kept in {@code outputFile}.
     *
     * @throws IOException when wrk fails or prints no figures
     */
    static WrkReport run(List<String> command, Path outputFile) throws IOException, InterruptedException {
        return runMeasured(command, outputFile).report();
    }

    /**
     * A run's figures and the CPU time wrk itself used: on a small machine the load generator
     * takes a visible share of the cores the server would otherwise have.
     *
     * @param cpu wrk's CPU time, read every {@link #CPU_POLL} while it runs (so up to that much
     *            of its last moments is missing), or {@link Duration#ZERO} when the system does not tell
     */
    record Run(WrkReport report, Duration cpu) {
    }

    static final Duration CPU_POLL = Duration.ofMillis(200);

    static Run runMeasured(List<String> command, Path outputFile) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        Duration cpu = Duration.ZERO;
        while (!p.waitFor(CPU_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            cpu = p.info().totalCpuDuration().orElse(cpu);
        }
        int exit = p.exitValue();
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IOException("wrk failed (exit " + exit + "): " + output.strip());
        }
        try {
            return new Run(WrkReport.parse(output), cpu);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; wrk printed:\n" + output.strip(), e);
        }
    }
}
