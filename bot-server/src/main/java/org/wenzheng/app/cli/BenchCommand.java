package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wenzheng bench}: indexing time, answer latency, throughput and memory of Wenzheng and of
 * stock Lucene BM25, measured side by side on the same corpus and questions, with the configured
 * synonyms and stop phrases.
 */
@Command(name = "bench", description = {
        "Benchmarks indexing and answering against stock Lucene BM25 on the same corpus and questions.",
        "Example: wenzheng bench --iterations 3"})
public final class BenchCommand extends CommandBase {
    /** Defaults, relative to the Wenzheng folder: the shared data beside the repository. */
    static final Path DEFAULT_CORPUS = Path.of("..", "shared", "data", "laws");
    static final Path DEFAULT_QUERIES = Path.of("..", "shared", "data", "stard", "train.jsonl");
    /** Folder of the benchmark's indexes inside the data folder. */
    static final String WORK_FOLDER = "bench";

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Document folder to index (repeatable; default: ../shared/data/laws beside the Wenzheng folder).")
    private List<Path> corpus = new ArrayList<>();

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Questions, JSONL (default: ../shared/data/stard/train.jsonl beside the Wenzheng folder).")
    private Path queries;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + Benchmark.DEFAULT_ITERATIONS,
            description = "Timed rounds over all questions (default: ${DEFAULT-VALUE}).")
    private int iterations;

    public BenchCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        AppConfig config = common.load(env);
        List<Path> dirs = new ArrayList<>();
        for (Path c : corpus.isEmpty() ? List.of(env.root().resolve(DEFAULT_CORPUS)) : corpus) {
            Path dir = env.resolve(c);
            if (!Files.isDirectory(dir)) {
                throw new InputException("--corpus: folder not found: " + dir);
            }
            dirs.add(dir);
        }
        Path questions = queries == null ? env.root().resolve(DEFAULT_QUERIES).normalize() : env.resolve(queries);
        if (!Files.isRegularFile(questions)) {
            throw new InputException("--queries: file not found: " + questions);
        }
        if (iterations < 1) {
            throw new InputException("--iterations must be at least 1, got " + iterations);
        }
        try (PrintStream out = new PrintStream(new LineForwardingStream(out()), true, StandardCharsets.UTF_8)) {
            Benchmark.run(dirs, questions, config.dataDir().resolve(WORK_FOLDER), iterations,
                    config.knowledge().synonymsFile(), config.knowledge().stopPhrasesFile(), out);
        }
        return 0;
    }
}
