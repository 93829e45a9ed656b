package org.wenzheng.app.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
        int exit = p.waitFor();
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        if (exit != 0) {
            throw new IOException("wrk failed (exit " + exit + "): " + output.strip());
        }
        try {
            return WrkReport.parse(output);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; wrk printed:\n" + output.strip(), e);
        }
    }
}
