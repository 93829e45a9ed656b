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
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.eval.Evaluator;
import org.wenzheng.knowledge.eval.FaqEvaluator;
import org.wenzheng.knowledge.eval.FaqQuestion;
import org.wenzheng.knowledge.eval.Judged;
import org.wenzheng.knowledge.eval.Metrics;
import org.wenzheng.knowledge.eval.StockBm25;
import org.wenzheng.knowledge.index.IndexReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wenzheng eval}: retrieval and answer quality on judged questions over a corpus. FAQ files
 * are left out so that the figures measure the documents alone; synonyms and stop phrases are the
 * configured ones, as in production. With {@code --faq}, the FAQ answers instead: the configured
 * knowledge base (documents and FAQ) is asked an FAQ evaluation set.
 */
@Command(name = "eval", description = {
        "Measures retrieval and answers on judged questions (JSONL: question, relevant article keys).",
        "Example: wenzheng eval --corpus ../shared/data/laws --queries ../shared/data/stard/train.jsonl --folds 5",
        "FAQ answers of the configured knowledge base: wenzheng eval --faq config/knowledge/eval/faq-questions.jsonl"})
public final class EvalCommand extends CommandBase {
    /** Folder of the cached evaluation indexes inside the data folder. */
    static final String CACHE_FOLDER = "eval-index";

    /** Engines to compare against. */
    enum Baseline {
        /** Stock Lucene BM25 with the smartcn analyzer over title + article text. */
        STOCK
    }

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "Document folder to evaluate on (repeatable; required unless --faq, "
                    + "which defaults to the configured sources).")
    private List<Path> corpus;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Judged questions, one JSON object a line: {\"question\": …, \"relevant\": [\"民法典第五十四条\"]}.")
    private Path queries;

    @Option(names = "--faq", paramLabel = "FILE",
            description = "Evaluate the FAQ answers of the configured knowledge base on an FAQ evaluation set "
                    + "(JSONL: question, answers, kind, split; see config/knowledge/eval/README.md).")
    private Path faqQuestions;

    @Option(names = "--misses", description = "With --faq: list the wrong FAQ answers and the unanswered "
            + "questions of the tuning half (never of the test half, which stays unseen).")
    private boolean misses;

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
        if (faqQuestions != null) {
            return evaluateFaq(config);
        }
        if (corpus == null || corpus.isEmpty() || queries == null) {
            throw new InputException("--corpus and --queries are required (or --faq FILE for the FAQ answers)");
        }
        List<Path> dirs = corpusDirs();
        List<Judged> questions = readQuestions("--queries", queries, Judged::read);
        List<Judged> learned = history == null ? List.of() : readQuestions("--history", history, Judged::read);
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

    /**
     * Asks the FAQ evaluation set of the configured knowledge base (its FAQ files, its sources or
     * the --corpus folders) and prints the figures of the whole set, the tuning and the test half.
     */
    private Integer evaluateFaq(AppConfig config) throws IOException {
        Path file = env.resolve(faqQuestions);
        List<FaqQuestion> questions = readQuestions("--faq", faqQuestions, FaqQuestion::read);
        if (questions.isEmpty()) {
            throw new InputException("--faq: no questions in " + file);
        }
        KnowledgeConfig base = config.knowledgeConfig();
        List<Path> dirs = corpus == null || corpus.isEmpty() ? base.sources() : corpusDirs();
        Path dir = indexDir != null ? env.resolve(indexDir)
                : config.dataDir().resolve(CACHE_FOLDER).resolve(cacheName(dirs));
        KnowledgeConfig evalConfig = base.toBuilder().indexDir(dir).sources(dirs).build();
        PrintWriter err = err();
        IndexReport report = Indexing.index(evalConfig, false, err, env.terminal());
        Indexing.printReport(report, err);
        List<FaqEvaluator.Asked> asked;
        try (KnowledgeBase kb = KnowledgeBases.open(evalConfig)) {
            asked = FaqEvaluator.ask(kb, questions);
        }
        if (misses) {
            printMisses(err, asked);
        }
        Map<String, FaqEvaluator.Result> figures = FaqEvaluator.figures(asked);
        PrintWriter out = out();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            figures.forEach((split, r) -> m.put(split, faqFigures(r)));
            out.println(JsonViews.write(Map.of("faq", m)));
        } else {
            out.printf(Locale.ROOT, "FAQ answers (%s)%n", file.getFileName());
            out.printf(Locale.ROOT, "  %-6s %9s %10s %9s %11s %10s %12s %10s%n", "split", "questions", "answerable",
                    "precision", "answ. share", "near miss", "near answ.", "off answ.");
            figures.forEach((split, r) -> out.printf(Locale.ROOT, "  %-6s %9d %10d %9s %11s %10d %12s %10s%n", split,
                    r.questions(), r.answerable(), TextOutput.decimal(r.precision(), 3),
                    TextOutput.decimal(r.answeredShare(), 3), r.nearMisses(),
                    TextOutput.decimal(r.nearMissAnswered(), 3), TextOutput.decimal(r.offTopicAnswered(), 3)));
        }
        out.flush();
        return 0;
    }

    private static void printMisses(PrintWriter err, List<FaqEvaluator.Asked> asked) {
        for (FaqEvaluator.Asked a : asked) {
            FaqQuestion q = a.question();
            if (!q.split().equals("tune") || a.right() || (!q.answerable() && !a.faqAnswer())) {
                continue;
            }
            err.printf(Locale.ROOT, "%s  %s  expected %s, got %s (%.2f)%n", a.faqAnswer() ? "WRONG" : "MISS ",
                    q.question(), q.answers().isEmpty() ? "none" : String.join("/", q.answers()),
                    a.faqAnswer() ? a.entry() : "no FAQ answer", a.confidence());
        }
        err.flush();
    }

    /** The FAQ figures under the names scripts read. */
    static Map<String, Object> faqFigures(FaqEvaluator.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("questions", r.questions());
        m.put("answerable", r.answerable());
        m.put("near_misses", r.nearMisses());
        m.put("faq_answers", r.faqAnswers());
        m.put("right_answers", r.rightAnswers());
        m.put("answered_precision", orNull(r.precision()));
        m.put("answered_share_of_answerable", orNull(r.answeredShare()));
        m.put("near_misses_answered", orNull(r.nearMissAnswered()));
        m.put("off_topic_answered", orNull(r.offTopicAnswered()));
        m.put("passage_answers_to_unanswerable", r.passageAnswersToUnanswerable());
        return m;
    }

    /** A share, or null (JSON has no NaN) when there was nothing to share. */
    private static Double orNull(double share) {
        return Double.isNaN(share) ? null : share;
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

    /** Reads a question file of one of the evaluation's formats. */
    private interface QuestionReader<T> {
        List<T> read(Path file) throws IOException;
    }

    private <T> List<T> readQuestions(String option, Path file, QuestionReader<T> reader) {
        Path p = env.resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new InputException(option + ": file not found: " + p);
        }
        try {
            return reader.read(p);
        } catch (IOException e) {
            // The file exists: what failed is its content, which the message locates (file:line).
            throw new InputException(option + ": " + e.getMessage(), e);
        }
    }

    /** The --corpus folders, resolved; each must exist. */
    private List<Path> corpusDirs() {
        List<Path> dirs = new ArrayList<>();
        for (Path c : corpus) {
            Path dir = env.resolve(c);
            if (!Files.isDirectory(dir)) {
                throw new InputException("--corpus: folder not found: " + dir);
            }
            dirs.add(dir);
        }
        return dirs;
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
