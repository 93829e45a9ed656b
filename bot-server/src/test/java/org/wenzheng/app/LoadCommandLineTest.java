package org.wenzheng.app;

import org.wenzheng.app.cli.Environment;
import org.wenzheng.app.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wenzheng load} on the command line: its options are checked before anything starts, and
 * the chat part runs against a real server process over the sample knowledge base (a handful of
 * chats: what is checked is that they are opened, counted and measured, not how fast).
 */
class LoadCommandLineTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(dir, Optional.of(RepoRoot.find()), Map.of(), false);
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** The sample knowledge base and two questions, with the data folder in the temporary folder. */
    private Run load(String... args) throws IOException {
        Path questions = dir.resolve("questions.jsonl");
        Files.writeString(questions, """
                {"id": 1, "question": "如何申请政府信息公开？", "relevant": ["某法第一条"]}
                {"id": 2, "question": "申请低保需要什么材料？", "relevant": ["某法第一条"]}
                """);
        List<String> all = new ArrayList<>(List.of("load", "--data", dir.resolve("data").toString(),
                "--corpus", RepoRoot.find().resolve("config/knowledge/docs").toString(),
                "--queries", questions.toString()));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() throws IOException {
        Run r = load("--server-heap", "lots");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--server-heap must be a size like 512m or 2g, got 'lots'");

        r = load("--rounds", "0");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--rounds must be at least 1, got 0");

        r = load("--connections", "1", "--wrk-threads", "2");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--connections (1) must be at least --wrk-threads (2)");

        r = load("--skip-http", "--skip-chat");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("leave nothing to do");
        assertThat(Files.exists(dir.resolve("data/load/index"))).as("nothing indexed").isFalse();
    }

    @Test
    void aMissingCorpusIsNamed() {
        Run r = run("load", "--data", dir.toString(), "--corpus", dir.resolve("nowhere").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("--corpus: folder not found");
    }

    @Test
    void theChatPartOpensCountsAndMeasuresIdleChatsOnARealServer() throws IOException {
        Run r = load("--skip-http", "--chat-connections", "5", "--chat-hold", "0");

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out())
                .contains("5 of 5 chats opened and answered")
                .contains("| chats still open after 0 s idle (client / server) | 5 / 5 of 5 | all: PASS |")
                .containsPattern("\\| server heap after full GC, 5 idle chats open \\| [0-9.]+ MB \\(max heap 512 MB\\)"
                        + " \\| within 512 MB: PASS \\|")
                .contains("LOAD {");
        Path config = dir.resolve("data/load/wenzheng-load.yaml");
        assertThat(Files.readString(config)).contains("maxEntries: 0").contains("requestsPerMinute: 1000000000");
        assertThat(Files.readString(dir.resolve("data/load/ask-bodies.jsonl")))
                .isEqualTo("{\"question\":\"如何申请政府信息公开？\",\"channel\":\"api\"}\n"
                        + "{\"question\":\"申请低保需要什么材料？\",\"channel\":\"api\"}\n");
    }

    @Test
    void theLoginAttackModeMeasuresQuestionsWithoutAndDuringTheAttackOnARealServer() throws IOException {
        Run r = load("--login-attack", "--duration", "1", "--rounds", "1", "--warmup", "0", "--connections", "1",
                "--login-rate", "4");

        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out())
                .contains("| /api/v1/ask | no attack | during the login attack |")
                .containsPattern("\\| p99 \\| [0-9.]+ ms \\| [0-9.]+ ms \\|")
                .containsPattern("logins answered: \\{.*401=[1-9]")
                .contains("LOGIN_ATTACK {");
        String config = Files.readString(dir.resolve("data/load/wenzheng-login-attack.yaml"));
        assertThat(config).contains("username: \"load-login-target\"").contains("hashThreads: 1")
                .contains("maxEntries: 0");
    }
}
