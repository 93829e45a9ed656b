package org.wenzheng.app;

import org.wenzheng.app.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wenzheng serve} as its own process: it builds the missing index, prints where it listens,
 * serves, and on SIGTERM runs its shutdown hook (graceful stop) and exits. Only a real process
 * can show the hook at work.
 */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/)");
    /** SIGTERM's exit status by convention (128 + 15): the JVM exits with it after its hooks ran. */
    private static final int EXIT_ON_SIGTERM = 143;

    @TempDir
    Path data;

    @Test
    void servesUntilSigtermThenStopsGracefully() throws Exception {
        Path err = data.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dwenzheng.home=" + RepoRoot.find(),
                Main.class.getName(), "serve", "--port", "0", "--data", data.toString())
                .directory(data.toFile())
                .redirectError(err.toFile());
        // The embedded mail server on free ports: the default ones may be taken on a shared machine.
        for (String variable : List.of("WENZHENG_MAIL_SMTP_PORT", "WENZHENG_MAIL_IMAP_PORT")) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                builder.environment().put(variable, String.valueOf(free.getLocalPort()));
            }
        }
        Process p = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).as(Files.readString(err)).isNotNull();
            Matcher m = LISTENING.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            assertThat(out.readLine()).isEqualTo("Staff login: " + m.group(1) + "login with the accounts of "
                    + RepoRoot.find().resolve("config/wenzheng.yaml") + " (their passwords are in that file):");
            assertThat(List.of(out.readLine(), out.readLine(), out.readLine(), out.readLine())).containsExactly(
                    "  operator (operator)", "  officer (officer)", "  moderator (moderator)", "  admin (admin)");
            assertThat(out.readLine()).startsWith("Mail: the embedded mail server").contains("SMTP 127.0.0.1:"
                    + builder.environment().get("WENZHENG_MAIL_SMTP_PORT")).contains("IMAP 127.0.0.1:"
                    + builder.environment().get("WENZHENG_MAIL_IMAP_PORT"));
            assertThat(List.of(out.readLine(), out.readLine())).containsExactly(
                    "  hotline@wenzheng.local (Wenzheng's own mailbox; its password is in "
                            + RepoRoot.find().resolve("config/wenzheng.yaml") + ")",
                    "  officer@wenzheng.local password officer");

            HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Files.isRegularFile(data.resolve("db/wenzheng.db"))).as("the embedded database").isTrue();

            p.destroy();

            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(EXIT_ON_SIGTERM);
            List<String> log = Files.readAllLines(err);
            assertThat(log).anyMatch(l -> l.contains("building the index"));
            assertThat(log).anyMatch(l -> l.contains("stopping: no new connections"));
            assertThat(log).anyMatch(l -> l.endsWith("- stopped"));
            assertThat(String.join("\n", log)).doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }
}
