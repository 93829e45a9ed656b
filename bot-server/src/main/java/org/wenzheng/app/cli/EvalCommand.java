package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.eval.Ablation;
import org.wenzheng.knowledge.eval.Evaluator;
import org.wenzheng.knowledge.eval.Judged;
import org.wenzheng.knowledge.eval.Metrics;
import org.wenzheng.knowledge.eval.StockBm25;
import org.wenzheng.knowledge.index.IndexReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wenzheng eval}: retrieval and answer quality on judged questions over a corpus. FAQ files
 * are left out so that the figures measure the documents alone; synonyms and stop phrases are the
 * configured ones, as in production.
 */
@Command(name = "eval", description = {
        "Measures retrieval and answers on judged questions (JSONL: question, relevant article keys).",
        "Example: wenzheng eval --corpus ../shared/data/laws --queries ../shared/data/stard/train.jsonl --folds 5"})
public final class EvalCommand extends CommandBase {
    /** Folder of the cached evaluation indexes inside the data folder. */
    static final String CACHE_FOLDER = "eval-index";

    /** Engines to compare against. */
    enum Baseline {
        /** Stock Lucene BM25 with the smartcn analyzer over title + article text. */
        STOCK
    }

    @Option(names = "--corpus", paramLabel = "DIR", required = true,
            description = "Document folder to evaluate on (repeatable).")
    private List<Path> corpus;

    @Option(names = "--queries", paramLabel = "FILE", required = true,
            description = "Judged questions, one JSON object a line: {\"question\": …, \"relevant\": [\"民法典第五十四条\"]}.")
    private Path queries;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Judged questions the engine learns from before it is asked (same format).")
    private Path history;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "0",
            description = "Cross-validation: learn from K-1 parts of the questions, ask the remaining one, "
                    + "K times (default: ${DEFAULT-VALUE}, no learning from the questions).")
    private int folds;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Where to build or reuse the corpus index (default: <data>/" + CACHE_FOLDER
                    + "/<hash of the corpus folders>).")
    private Path indexDir;

    @Option(names = "--baseline", paramLabel = "ENGINE",
            description = "Evaluate a reference engine instead of Wenzheng: stock (Lucene BM25 + smartcn).")
    private Baseline baseline;

    @Option(names = "--ablation",
            description = "Build the ranking up one component at a time and print what each step adds "
                    + "(the last step is the configured ranking; --json reports it).")
    private boolean ablation;

    @Option(names = "--json", description = "End the output with one line of JSON holding the figures.")
    private boolean json;

    public EvalCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        AppConfig config = common.load(env);
        List<Path> dirs = new ArrayList<>();
        for (Path c : corpus) {
            Path dir = env.resolve(c);
            if (!Files.isDirectory(dir)) {
                throw new InputException("--corpus: folder not found: " + dir);
            }
            dirs.add(dir);
        }
        List<Judged> questions = readJudged("--queries", queries);
        List<Judged> learned = history == null ? List.of() : readJudged("--history", history);
        if (questions.isEmpty()) {
            throw new InputException("--queries: no questions in " + env.resolve(queries));
        }
        Path dir = indexDir != null ? env.resolve(indexDir)
                : config.dataDir().resolve(CACHE_FOLDER).resolve(cacheName(dirs) + (baseline == null ? "" : "-stock"));
        PrintWriter err = err();
        long start = System.nanoTime();
        Metrics.Result result;
        if (baseline == Baseline.STOCK) {
            err.println("evaluating stock smartcn BM25 (index: " + dir + ")…");
            err.flush();
            result = StockBm25.evaluate(dirs, dir, questions);
        } else {
            KnowledgeConfig base = config.knowledgeConfig();
            // No FAQ: the figures are about finding articles in the corpus.
            KnowledgeConfig evalConfig = base.toBuilder().indexDir(dir).sources(dirs).faqFiles(List.of()).build();
            IndexReport report = Indexing.index(evalConfig, false, err, env.terminal());
            Indexing.printReport(report, err);
            if (ablation) {
                result = runAblation(evalConfig, questions, learned, err);
            } else {
                result = Evaluator.run(() -> KnowledgeBases.openLucene(evalConfig), questions, learned, folds,
                        line -> {
                            err.println(line);
                            err.flush();
                        });
            }
        }
        err.printf(Locale.ROOT, "evaluated %d questions in %.1f s%n", result.queries(),
                (System.nanoTime() - start) / 1e9);
        err.flush();
        PrintWriter out = out();
        if (json) {
            out.println(JsonViews.write(figures(result)));
        } else {
            printTable(out, result, baseline == null);
        }
        out.flush();
        return 0;
    }

    /** Evaluates each cumulative step of the ranking and prints one row per step. */
    private Metrics.Result runAblation(KnowledgeConfig evalConfig, List<Judged> questions, List<Judged> learned,
            PrintWriter err) throws IOException {
        PrintWriter out = out();
        out.printf(Locale.ROOT, "%-52s %6s %6s %6s %6s %6s %6s %6s%n", "step (cumulative)", "R@1", "R@5", "R@10",
                "R@100", "MRR@10", "answ", "P@1");
        Metrics.Result last = null;
        for (Ablation.Step step : Ablation.steps(evalConfig.ranking())) {
            KnowledgeConfig c = evalConfig.withRanking(step.ranking());
            last = Evaluator.run(() -> KnowledgeBases.openLucene(c), questions, learned, folds, line -> { });
            out.printf(Locale.ROOT, "%-52s %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f%n", step.name(), last.recall1(),
                    last.recall5(), last.recall10(), last.recall100(), last.mrr10(), last.answered(),
                    last.answeredPrecision1());
            out.flush();
        }
        return last;
    }

    private List<Judged> readJudged(String option, Path file) {
        Path p = env.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new InputException(option + ": file not found: " + p);
        }
        try {
            return Judged.read(p);
        } catch (IOException e) {
            // The file exists: what failed is its content, which the message locates (file:line).
            throw new InputException(option + ": " + e.getMessage(), e);
        }
    }

    /** The figures under the names scripts read. */
    static Map<String, Object> figures(Metrics.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queries", r.queries());
        m.put("recall@1", r.recall1());
        m.put("recall@5", r.recall5());
        m.put("recall@10", r.recall10());
        m.put("recall@100", r.recall100());
        m.put("mrr@10", r.mrr10());
        m.put("answered", r.answered());
        m.put("answered_precision@1", r.answeredPrecision1());
        return m;
    }

    private static void printTable(PrintWriter out, Metrics.Result r, boolean ours) {
        out.println(ours ? "Wenzheng" : "stock smartcn BM25 (does not answer)");
        row(out, "queries", Integer.toString(r.queries()));
        row(out, "recall@1", TextOutput.decimal(r.recall1(), 3));
        row(out, "recall@5", TextOutput.decimal(r.recall5(), 3));
        row(out, "recall@10", TextOutput.decimal(r.recall10(), 3));
        row(out, "recall@100", TextOutput.decimal(r.recall100(), 3));
        row(out, "MRR@10", TextOutput.decimal(r.mrr10(), 3));
        row(out, "answered", ours ? TextOutput.decimal(r.answered(), 3) : "-");
        row(out, "answered P@1", ours ? TextOutput.decimal(r.answeredPrecision1(), 3) : "-");
    }

    private static void row(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "  %-14s %8s%n", name, value);
    }

    /** 12 hex digits of the SHA-256 of the absolute corpus folders: one cached index per corpus. */
    static String cacheName(List<Path> dirs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path d : dirs) {
                sha.update((d.toAbsolutePath().normalize() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
