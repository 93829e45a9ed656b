package org.wenzheng.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.app.load.LoadTest;
import org.wenzheng.app.load.LoginAttack;
import org.wenzheng.app.load.ServerConfigFile;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.eval.Judged;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wenzheng load}: the server under load. HTTP throughput and latency of
 * {@code /api/v1/ask} with wrk beside the in-process {@code answer()} throughput, in one run; then
 * the heap of a server holding thousands of idle chat connections. See {@link LoadTest}. With
 * {@code --login-attack}, instead: the latency of questions without and during a login attack
 * ({@link LoginAttack}).
 */
@Command(name = "load", description = {
        "Load-tests the server: /api/v1/ask over HTTP (with wrk) beside in-process answer() throughput,"
                + " and the heap cost of idle chat connections; or, with --login-attack, /api/v1/ask latency"
                + " without and during a login attack.",
        "Example: wenzheng load --duration 20 --rounds 3",
        "Example: wenzheng load --login-attack --corpus config/knowledge/docs --duration 15 --rounds 1"})
public final class LoadCommand extends CommandBase {
    /** Folder of the load test inside the data folder: its index, database, server logs and wrk output. */
    static final String WORK_FOLDER = "load";
    /** The wrk script, relative to the Wenzheng folder. */
    static final Path DEFAULT_SCRIPT = Path.of("bench", "ask.lua");
    /** -Xmx values as the JVM takes them: 512m, 2g. */
    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");
    /** Longer than any hold, so the server never closes an idle chat during the test. */
    private static final Duration CHAT_IDLE_TIMEOUT = Duration.ofHours(2);

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Document folder served (repeatable; default: ../shared/data/laws beside the Wenzheng"
                    + " folder).")
    private List<Path> corpus = new ArrayList<>();

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Questions, JSONL (default: ../shared/data/stard/train.jsonl beside the Wenzheng folder).")
    private Path queries;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
            description = "Length of one wrk round (default: ${DEFAULT-VALUE}).")
    private int duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "60",
            description = "wrk warm-up of each server before its rounds, not counted (default: ${DEFAULT-VALUE}; with"
                    + " 30 s the first round was still at half speed: the server's JIT was not done).")
    private int warmup;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds of each measurement; the median is reported (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "64",
            description = "wrk's concurrent connections (default: ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--wrk-threads", paramLabel = "N", defaultValue = "2",
            description = "wrk's threads (default: ${DEFAULT-VALUE}).")
    private int wrkThreads;

    @Option(names = "--server-heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "-Xmx of the chat server's JVM, whose heap is measured (default: ${DEFAULT-VALUE}).")
    private String serverHeap;

    @Option(names = "--http-server-heap", paramLabel = "SIZE",
            description = "-Xmx of the HTTP servers' JVMs (default: the largest heap of this JVM, where the "
                    + "in-process engine runs, so that both sides of the comparison have the same).")
    private String httpServerHeap;

    @Option(names = "--server-jvm-option", paramLabel = "OPTION",
            description = "More options for the server's JVM (repeatable), e.g. "
                    + "-XX:StartFlightRecording=filename=server.jfr to profile it.")
    private List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--chat-connections", paramLabel = "N", defaultValue = "2000",
            description = "Idle chat connections held open (default: ${DEFAULT-VALUE}).")
    private int chatConnections;

    @Option(names = "--chat-hold", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long the chats stay open and idle before the heap is read (default: ${DEFAULT-VALUE}).")
    private int chatHold;

    @Option(names = "--skip-http", description = "Leave out the HTTP part (wrk is then not needed).")
    private boolean skipHttp;

    @Option(names = "--skip-chat", description = "Leave out the chat part.")
    private boolean skipChat;

    @Option(names = "--profile", description = "Each server records a flight recording (server-*.jfr in the work"
            + " folder; read it with 'jfr print --events jdk.ExecutionSample FILE'). Slows it down a little.")
    private boolean profile;

    @Option(names = "--reindex", description = "Rebuild the load test's index even when it exists.")
    private boolean reindex;

    @Option(names = "--login-attack", description = "Only this: /api/v1/ask latency (--connections closed-loop"
            + " clients, no wrk) without and during a flood of wrong-password logins, --duration s each, --rounds"
            + " times, on one server with the configured staff.hashThreads and staff.hashQueue.")
    private boolean loginAttack;

    @Option(names = "--login-rate", paramLabel = "N", defaultValue = "20",
            description = "The login attack's logins a second (default: ${DEFAULT-VALUE}: ten addresses at the"
                    + " HTTP limit of 120 a minute each).")
    private int loginRate;

    @Option(names = "--script", paramLabel = "FILE",
            description = "The wrk script (default: bench/ask.lua in the Wenzheng folder).")
    private Path script;

    public LoadCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        AppConfig config = common.load(env);
        List<Path> dirs = new ArrayList<>();
        for (Path c : corpus.isEmpty() ? List.of(env.root().resolve(BenchCommand.DEFAULT_CORPUS)) : corpus) {
            Path dir = env.resolve(c).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new InputException("--corpus: folder not found: " + dir);
            }
            dirs.add(dir);
        }
        Path questionsFile = queries == null ? env.root().resolve(BenchCommand.DEFAULT_QUERIES).normalize()
                : env.resolve(queries);
        if (!Files.isRegularFile(questionsFile)) {
            throw new InputException("--queries: file not found: " + questionsFile);
        }
        Path wrkScript = script == null ? env.root().resolve(DEFAULT_SCRIPT) : env.resolve(script);
        if (!skipHttp && !loginAttack && !Files.isRegularFile(wrkScript)) {
            throw new InputException("--script: file not found: " + wrkScript);
        }
        positive("--duration", duration);
        positive("--rounds", rounds);
        positive("--connections", connections);
        positive("--wrk-threads", wrkThreads);
        positive("--chat-connections", chatConnections);
        if (warmup < 0) {
            throw new InputException("--warmup must not be negative, got " + warmup);
        }
        if (chatHold < 0) {
            throw new InputException("--chat-hold must not be negative, got " + chatHold);
        }
        if (!loginAttack && connections < wrkThreads) {
            throw new InputException("--connections (" + connections + ") must be at least --wrk-threads ("
                    + wrkThreads + "): wrk gives each thread its share of the connections");
        }
        if (!HEAP_SIZE.matcher(serverHeap).matches()) {
            throw new InputException("--server-heap must be a size like 512m or 2g, got '" + serverHeap + "'");
        }
        if (httpServerHeap != null && !HEAP_SIZE.matcher(httpServerHeap).matches()) {
            throw new InputException("--http-server-heap must be a size like 512m or 2g, got '" + httpServerHeap + "'");
        }
        if (skipHttp && skipChat) {
            throw new InputException("--skip-http and --skip-chat together leave nothing to do");
        }

        Path work = config.dataDir().resolve(WORK_FOLDER).toAbsolutePath().normalize();
        Files.createDirectories(work);
        // A fresh database at each run: figures do not depend on how many runs came before.
        deleteTree(work.resolve("db"));
        if (loginAttack) {
            return loginAttack(config, dirs, questionsFile, work);
        }
        Path serverConfig = work.resolve("wenzheng-load.yaml");
        Path serverConfigCache = work.resolve("wenzheng-load-cache.yaml");
        ServerConfigFile.write(serverConfig, config, dirs, work, 0, CHAT_IDLE_TIMEOUT);
        ServerConfigFile.write(serverConfigCache, config, dirs, work,
                Math.max(1, config.server().answerCache().maxEntries()), CHAT_IDLE_TIMEOUT);
        AppConfig load = AppConfig.load(serverConfig, serverConfig.toString(), Optional.empty());

        List<String> questions = questions(questionsFile, load.knowledge().maxQuestionChars());
        Path bodies = work.resolve("ask-bodies.jsonl");
        writeBodies(bodies, questions);

        // The measured path, answer(), does not use the semantic stage: the load index is built
        // without vectors (embedding the whole corpus takes minutes on the first run).
        KnowledgeConfig knowledge = load.knowledgeConfig().withRanking(load.knowledgeConfig().ranking().withSemantic(0));
        if (reindex) {
            Indexing.printReport(Indexing.index(knowledge, true, err(), env.terminal()), err());
        }
        List<String> jvm = new ArrayList<>(serverJvmOptions);
        String httpHeap = httpServerHeap != null ? httpServerHeap
                : Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
        LoadTest.Settings settings = new LoadTest.Settings(env.root(), work, serverConfig, serverConfigCache,
                wrkScript, bodies, questions, load.server().workerThreads(), connections, wrkThreads, duration, warmup,
                rounds, jvm, httpHeap, serverHeap, !skipHttp, !skipChat, chatConnections, Duration.ofSeconds(chatHold),
                profile,
                List.of("corpus: " + dirs + "; questions: " + questionsFile + " (" + questions.size() + ")",
                        "server configuration: " + serverConfig + " (from " + config.file() + ": rate limit off,"
                                + " answer cache off; " + serverConfigCache.getFileName() + " with it on)"));
        try (KnowledgeBase kb = Indexing.openBuildingIfMissing(knowledge, err(), env.terminal())) {
            LoadTest.run(settings, kb, out());
        }
        return 0;
    }

    /** {@code --login-attack}: questions' latency without and during a login attack, on one server. */
    private int loginAttack(AppConfig config, List<Path> dirs, Path questionsFile, Path work)
            throws IOException, InterruptedException {
        positive("--login-rate", loginRate);
        Path serverConfig = work.resolve("wenzheng-login-attack.yaml");
        ServerConfigFile.writeForLoginAttack(serverConfig, config, dirs, work, CHAT_IDLE_TIMEOUT);
        AppConfig load = AppConfig.load(serverConfig, serverConfig.toString(), Optional.empty());
        List<String> bodies = bodies(questions(questionsFile, load.knowledge().maxQuestionChars()));
        // The server builds the index at start when it is missing; the measured path, answer(),
        // does not use the semantic stage, so the index is built without vectors, as for the HTTP part.
        KnowledgeConfig knowledge = load.knowledgeConfig().withRanking(load.knowledgeConfig().ranking().withSemantic(0));
        if (reindex) {
            Indexing.printReport(Indexing.index(knowledge, true, err(), env.terminal()), err());
        } else {
            Indexing.openBuildingIfMissing(knowledge, err(), env.terminal()).close();
        }
        List<String> jvm = new ArrayList<>(serverJvmOptions);
        jvm.add(0, "-Xmx" + (httpServerHeap != null ? httpServerHeap : serverHeap));
        LoginAttack.run(new LoginAttack.Settings(env.root(), work, serverConfig, bodies, connections, duration, warmup,
                rounds, loginRate, jvm, List.of(
                        "corpus: " + dirs + "; questions: " + questionsFile + " (" + bodies.size() + ")",
                        "server configuration: " + serverConfig + " (from " + config.file() + ": answer cache off,"
                                + " rate limits per address off; " + load.server().workerThreads() + " workers, "
                                + load.staff().hashThreads() + " hashing thread(s), " + load.staff().hashQueue()
                                + " waiting)")), out());
        return 0;
    }

    private static List<String> questions(Path file, int maxChars) throws IOException {
        List<String> questions = Judged.read(file).stream().map(Judged::question)
                .filter(q -> !q.isBlank() && q.length() <= maxChars).toList();
        if (questions.isEmpty()) {
            throw new InputException("--queries: no question of at most " + maxChars + " characters in " + file);
        }
        return questions;
    }

    /** The request body of each question, as bench/ask.lua sends it. */
    static List<String> bodies(List<String> questions) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> bodies = new ArrayList<>();
        for (String q : questions) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("question", q);
            body.put("channel", "api");
            bodies.add(json.writeValueAsString(body));
        }
        return bodies;
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new InputException(option + " must be at least 1, got " + value);
        }
    }

    /** One JSON request body a line, for bench/ask.lua: the escaping is done here, once. */
    static void writeBodies(Path file, List<String> questions) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String body : bodies(questions)) {
            sb.append(body).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
