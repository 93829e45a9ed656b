package org.wenzheng.knowledge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.eval.Judged;
import org.wenzheng.knowledge.eval.StockBm25;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.index.IndexReport;
import org.wenzheng.knowledge.index.PassageIndexer;
import org.wenzheng.knowledge.ingest.Corpus;
import org.wenzheng.knowledge.search.LuceneKnowledgeBase;

/**
 * Measures our pipeline and stock Lucene BM25 side by side, in one run, on the same corpus and
 * questions: indexing time, {@code answer()} latency and single-thread throughput, and heap used
 * with the engine open. See docs/benchmarks.md for the method.
 *
 * <p>Latency method: each engine first answers every question twice (warm-up); then, for each of
 * {@code iterations} rounds, every question is timed individually with {@link System#nanoTime},
 * our engine's pass then the stock engine's, so that noise on a shared machine hits both. Latency
 * percentiles are over all timed calls; throughput is questions / wall time of a pass, the median
 * over rounds.
 */
public final class Benchmark {
    /** Default number of timed rounds. */
    public static final int DEFAULT_ITERATIONS = 5;
    /** Warm-up passes over all questions per engine before timing. */
    static final int WARMUP_PASSES = 2;
    /** Full index builds per engine. */
    static final int INDEX_RUNS = 3;

    /** Target: a full index of the corpus takes at most this many seconds. */
    static final double TARGET_INDEX_SECONDS = 20;
    /** Target: answer() p99 latency at most this many milliseconds. */
    static final double TARGET_P99_MS = 10;
    /** Target: our single-thread throughput at least this share of stock BM25's. */
    static final double TARGET_THROUGHPUT_RATIO = 0.5;

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private Benchmark() {
    }

    /** Runs the benchmark without synonyms or stop phrases. */
    public static void run(List<Path> corpus, Path queries, Path workDir, int iterations, PrintStream out)
            throws IOException {
        run(corpus, queries, workDir, iterations, null, null, out);
    }

    /**
     * Runs the benchmark and prints a table, then one line {@code BENCH {json}} with every figure.
     *
     * @param corpus      source folders to index
     * @param queries     questions (JSONL as read by {@link Judged#read}); their relevant articles
     *                    are learned first, so the measured path includes the history stage
     * @param workDir     where the two indexes are written ({@code ours/} and {@code stock/}),
     *                    replacing any written there before
     * @param iterations  timed rounds, at least 1
     * @param synonyms    synonyms file for our engine, or null
     * @param stopPhrases stop-phrases file for our engine, or null
     */
    public static void run(List<Path> corpus, Path queries, Path workDir, int iterations, Path synonyms,
            Path stopPhrases, PrintStream out) throws IOException {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("no source folder to index");
        }
        List<Judged> judged = Judged.read(queries);
        if (judged.isEmpty()) {
            throw new IllegalArgumentException("no question in " + queries);
        }
        Path oursDir = workDir.resolve("ours");
        Path stockDir = workDir.resolve("stock");
        Files.createDirectories(oursDir);
        Files.createDirectories(stockDir);
        Map<String, Object> json = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();

        out.println("Wenzheng benchmark: our pipeline vs stock Lucene BM25 (smartcn, one field)");
        out.printf(Locale.ROOT, "machine: %d cores, Java %s (%s), max heap %d MB, %s %s%n", rt.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), rt.maxMemory() >> 20,
                System.getProperty("os.name"), System.getProperty("os.arch"));
        out.println("corpus: " + corpus + "; questions: " + queries + " (" + judged.size() + ")");
        out.println("synonyms: " + (synonyms == null ? "none" : synonyms) + "; stop phrases: "
                + (stopPhrases == null ? "none" : stopPhrases));
        json.put("date", LocalDate.now().toString());
        json.put("cores", rt.availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("maxHeapMB", rt.maxMemory() >> 20);
        json.put("corpus", corpus.stream().map(Path::toString).toList());
        json.put("questions", judged.size());
        json.put("iterations", iterations);
        json.put("synonyms", synonyms == null ? null : synonyms.toString());
        json.put("stopPhrases", stopPhrases == null ? null : stopPhrases.toString());

        // ------------------------------------------------------------ indexing
        out.println();
        out.printf(Locale.ROOT, "Indexing: %d full builds per engine, alternating (ours, stock, ours, stock ...); ours"
                + " runs first in this fresh JVM, as 'wenzheng index' does, and the target is judged on that run.%n",
                INDEX_RUNS);
        double[] oursIndexS = new double[INDEX_RUNS];
        double[] stockIndexS = new double[INDEX_RUNS];
        double stockReadS = 0;
        IndexReport report = null;
        long stockArticles = 0;
        int documents = 0;
        for (int run = 0; run < INDEX_RUNS; run++) {
            long t0 = System.nanoTime();
            report = new PassageIndexer(oursDir, progress("ours, run " + (run + 1), out)).index(corpus, true);
            oursIndexS[run] = seconds(System.nanoTime() - t0);
            if (run == 0 && !report.problems().isEmpty()) {
                out.println("  ours: " + report.problems().size() + " files skipped, e.g. " + report.problems().get(0));
            }
            // The stock time includes reading the sources, as ours does.
            t0 = System.nanoTime();
            Corpus read = Corpus.read(corpus);
            stockReadS = seconds(System.nanoTime() - t0);
            stockArticles = new PassageIndexer(stockDir, progress("stock, run " + (run + 1), out))
                    .writeStock(read, stockDir);
            stockIndexS[run] = seconds(System.nanoTime() - t0);
            documents = read.documents().size();
        }
        double oursColdS = oursIndexS[0];
        double oursWarmS = median(oursIndexS);
        double stockWarmS = median(stockIndexS);
        double oursRate = report.passages() / oursWarmS;
        double stockRate = stockArticles / stockWarmS;
        json.put("documents", documents);
        json.put("index", ordered(
                "ours", ordered("firstRunSeconds", round(oursColdS, 2), "medianSeconds", round(oursWarmS, 2),
                        "runsSeconds", Arrays.stream(oursIndexS).map(v -> round(v, 2)).boxed().toList(),
                        "articles", report.passages(), "articlesPerSecond", round(oursRate, 0)),
                "stock", ordered("firstRunSeconds", round(stockIndexS[0], 2), "medianSeconds", round(stockWarmS, 2),
                        "runsSeconds", Arrays.stream(stockIndexS).map(v -> round(v, 2)).boxed().toList(),
                        "readSeconds", round(stockReadS, 2), "articles", stockArticles,
                        "articlesPerSecond", round(stockRate, 0))));

        // ------------------------------------------------------------ open engines, memory
        long heapBase = heapUsedAfterGc();
        long t0 = System.nanoTime();
        LuceneKnowledgeBase ours = KnowledgeBases.openLucene(
                KnowledgeConfig.of(oursDir, List.of(), List.of(), synonyms, stopPhrases));
        double oursOpenS = seconds(System.nanoTime() - t0);
        double learnS;
        long heapOurs;
        try {
            t0 = System.nanoTime();
            ours.learn(judged.stream().map(j -> new AnsweredQuestion(j.question(), j.relevant())).toList());
            learnS = seconds(System.nanoTime() - t0);
            heapOurs = heapUsedAfterGc();
        } catch (RuntimeException e) {
            ours.close();
            throw e;
        }
        try (ours; StockBm25 stock = StockBm25.open(stockDir)) {
            // The stock engine's heap is what it adds beside ours.
            long heapStock = Math.max(0, heapUsedAfterGc() - heapOurs);
            heapOurs = Math.max(0, heapOurs - heapBase);

            int maxChars = KnowledgeConfig.of(oursDir, List.of(), List.of(), null, null).maxQuestionChars();
            List<String> questions = judged.stream().map(Judged::question)
                    .filter(q -> !q.isBlank() && q.length() <= maxChars).toList();
            if (questions.size() < judged.size()) {
                out.println("  " + (judged.size() - questions.size()) + " questions longer than " + maxChars
                        + " characters left out of the timing");
            }

            // -------------------------------------------------------- latency and throughput
            out.println();
            out.printf(Locale.ROOT, "Answering: %d questions; our engine learned all %d first (%.2f s), so answer()"
                    + " includes the history stage as in production.%n", questions.size(), judged.size(), learnS);
            out.printf(Locale.ROOT, "Warm-up: %d passes per engine; then %d rounds, each timing every question"
                    + " once per engine (ours, then stock), single thread.%n", WARMUP_PASSES, iterations);
            Engine oursEngine = new Engine("ours", q -> {
                Answer a = ours.answer(q);
                return a.answered() ? 1 : 0;
            });
            Engine stockEngine = new Engine("stock", q -> stock.top1(q) == null ? 0 : 1);
            for (int w = 0; w < WARMUP_PASSES; w++) {
                oursEngine.pass(questions, false);
                stockEngine.pass(questions, false);
            }
            for (int r = 0; r < iterations; r++) {
                oursEngine.pass(questions, true);
                stockEngine.pass(questions, true);
                out.printf(Locale.ROOT, "  round %d/%d: ours %.0f q/s, stock %.0f q/s%n", r + 1, iterations,
                        oursEngine.throughputs.get(r), stockEngine.throughputs.get(r));
            }
            Stats so = oursEngine.stats();
            Stats ss = stockEngine.stats();
            double ratio = so.throughput() / ss.throughput();

            // -------------------------------------------------------- report
            boolean indexOk = oursColdS <= TARGET_INDEX_SECONDS;
            boolean p99Ok = so.p99() <= TARGET_P99_MS;
            boolean ratioOk = ratio >= TARGET_THROUGHPUT_RATIO;
            out.println();
            out.println("| figure | ours | stock BM25 | target |");
            out.println("|---|---|---|---|");
            out.printf(Locale.ROOT, "| full index, 1st run (fresh JVM, ours first) | %.1f s | %.1f s | ours <= %.0f s: %s |%n",
                    oursColdS, stockIndexS[0], TARGET_INDEX_SECONDS, pass(indexOk));
            out.printf(Locale.ROOT, "| full index, median of %d runs | %.1f s | %.1f s | |%n", INDEX_RUNS, oursWarmS,
                    stockWarmS);
            out.printf(Locale.ROOT, "| indexing rate (median run) | %,.0f articles/s | %,.0f articles/s | |%n",
                    oursRate, stockRate);
            out.printf(Locale.ROOT, "| answer p50 | %.2f ms | %.2f ms | |%n", so.p50(), ss.p50());
            out.printf(Locale.ROOT, "| answer p90 | %.2f ms | %.2f ms | |%n", so.p90(), ss.p90());
            out.printf(Locale.ROOT, "| answer p99 | %.2f ms | %.2f ms | ours <= %.0f ms: %s |%n", so.p99(), ss.p99(),
                    TARGET_P99_MS, pass(p99Ok));
            out.printf(Locale.ROOT, "| answer max | %.2f ms | %.2f ms | |%n", so.max(), ss.max());
            out.printf(Locale.ROOT, "| throughput, 1 thread (median of rounds) | %.0f q/s | %.0f q/s | |%n",
                    so.throughput(), ss.throughput());
            out.printf(Locale.ROOT, "| throughput ours / stock | %.2f | | >= %.1f: %s |%n", ratio,
                    TARGET_THROUGHPUT_RATIO, pass(ratioOk));
            out.printf(Locale.ROOT, "| heap used with the engine open (after GC, indicative) | %.1f MB | %.1f MB | |%n",
                    mb(heapOurs), mb(heapStock));
            out.println();
            out.printf(Locale.ROOT, "Indexing: %d documents, %d articles/passages (ours), %d (stock); stock time"
                    + " includes reading the sources (%.1f s) like ours. Engine open: %.2f s. Questions answered"
                    + " (confident) by ours: %d of %d; matched by stock: %d of %d.%n", documents, report.passages(),
                    stockArticles, stockReadS, oursOpenS, oursEngine.lastHits, questions.size(),
                    stockEngine.lastHits, questions.size());

            json.put("open", ordered("oursSeconds", round(oursOpenS, 2), "learnSeconds", round(learnS, 2),
                    "learnedQuestions", judged.size()));
            json.put("timedQuestions", questions.size());
            json.put("answer", ordered("ours", so.json(), "stock", ss.json()));
            json.put("throughputRatio", round(ratio, 3));
            json.put("heapMB", ordered("ours", round(mb(heapOurs), 1), "stock", round(mb(heapStock), 1)));
            json.put("targets", ordered(
                    "indexSeconds", ordered("limit", TARGET_INDEX_SECONDS, "pass", indexOk),
                    "p99Ms", ordered("limit", TARGET_P99_MS, "pass", p99Ok),
                    "throughputRatio", ordered("limit", TARGET_THROUGHPUT_RATIO, "pass", ratioOk)));
            try {
                out.println("BENCH " + new ObjectMapper().writeValueAsString(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the figures as JSON", e);
            }
        }
    }

    /** One engine under test: a question in, a 1 when it answered or matched. */
    @FunctionalInterface
    interface Call {
        int ask(String question);
    }

    /** The timings of one engine. */
    static final class Engine {
        final String name;
        final Call call;
        final List<long[]> rounds = new ArrayList<>();
        final List<Double> throughputs = new ArrayList<>();
        int lastHits;

        Engine(String name, Call call) {
            this.name = name;
            this.call = call;
        }

        void pass(List<String> questions, boolean timed) {
            long[] lat = new long[questions.size()];
            int hits = 0;
            long start = System.nanoTime();
            for (int i = 0; i < lat.length; i++) {
                long t = System.nanoTime();
                hits += call.ask(questions.get(i));
                lat[i] = System.nanoTime() - t;
            }
            long wall = System.nanoTime() - start;
            lastHits = hits;
            if (timed) {
                rounds.add(lat);
                throughputs.add(questions.size() / seconds(wall));
            }
        }

        Stats stats() {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            return new Stats(ms(percentile(all, 0.50)), ms(percentile(all, 0.90)), ms(percentile(all, 0.99)),
                    ms(all[all.length - 1]), median(throughputs), List.copyOf(throughputs));
        }
    }

    /** Latencies in ms over all timed calls, throughput in questions/s (median of rounds). */
    record Stats(double p50, double p90, double p99, double max, double throughput, List<Double> rounds) {
        Map<String, Object> json() {
            return ordered("p50Ms", round(p50, 3), "p90Ms", round(p90, 3), "p99Ms", round(p99, 3),
                    "maxMs", round(max, 3), "throughputQps", round(throughput, 1),
                    "roundsQps", rounds.stream().map(t -> round(t, 1)).toList());
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static Consumer<IndexProgress> progress(String name, PrintStream out) {
        long[] last = {System.nanoTime()};
        return p -> {
            long now = System.nanoTime();
            boolean done = p.documents() == p.totalDocuments();
            if (done || now - last[0] >= PROGRESS_EVERY.toNanos()) {
                last[0] = now;
                out.printf(Locale.ROOT, "  %s: %d/%d documents, %d passages, %.1f s%n", name, p.documents(),
                        p.totalDocuments(), p.passages(), p.elapsed().toNanos() / 1e9);
            }
        };
    }

    /** Heap in use after asking for full collections: an indicative figure, not an exact one. */
    static long heapUsedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    private static String pass(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static double round(double v, int decimals) {
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

    /**
     * {@code Benchmark --source DIR [--source DIR]... --queries FILE --work DIR [--iterations N]
     * [--synonyms FILE] [--stop-phrases FILE]}.
     */
    public static void main(String[] args) throws IOException {
        List<Path> sources = new ArrayList<>();
        Path queries = null;
        Path work = null;
        Path synonyms = null;
        Path stop = null;
        int iterations = DEFAULT_ITERATIONS;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[++i] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                switch (a) {
                    case "--source" -> sources.add(Path.of(v));
                    case "--queries" -> queries = Path.of(v);
                    case "--work" -> work = Path.of(v);
                    case "--iterations" -> iterations = Integer.parseInt(v);
                    case "--synonyms" -> synonyms = Path.of(v);
                    case "--stop-phrases" -> stop = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (sources.isEmpty() || queries == null || work == null) {
                throw new IllegalArgumentException("--source, --queries and --work are required");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: Benchmark --source DIR [--source DIR]... --queries FILE.jsonl --work DIR"
                    + " [--iterations N] [--synonyms FILE] [--stop-phrases FILE]");
            System.exit(2);
            return;
        }
        run(sources, queries, work, iterations, synonyms, stop, System.out);
    }
}
