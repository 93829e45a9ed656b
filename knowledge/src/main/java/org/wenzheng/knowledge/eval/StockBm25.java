package org.wenzheng.knowledge.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.analysis.Analyzers;
import org.wenzheng.knowledge.index.Fields;
import org.wenzheng.knowledge.index.PassageIndexer;
import org.wenzheng.knowledge.ingest.Corpus;

/**
 * The reference baseline every figure of ours is compared with: stock Lucene BM25 (k1 = 1.2,
 * b = 0.75) over one field holding title + article text, analysed by Lucene's
 * {@link SmartChineseAnalyzer}, over every article (no filter on documents in force), queried
 * with the question's terms as SHOULD clauses the way Lucene's QueryParser builds them (a term
 * occurring twice is two clauses). This is the "SmartChineseAnalyzer" row of the stock BM25 table
 * of the shared data's README. Thread-safe once open.
 */
public final class StockBm25 implements AutoCloseable {
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Analyzer analyzer = new SmartChineseAnalyzer();

    private StockBm25(Path dir) throws IOException {
        this.directory = FSDirectory.open(dir);
        try {
            this.reader = DirectoryReader.open(directory);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
    }

    /**
     * Writes the stock index of {@code corpus} into {@code dir} (created if needed; an index
     * already there is replaced) and opens it.
     */
    public static StockBm25 build(Corpus corpus, Path dir) throws IOException {
        Files.createDirectories(dir);
        new PassageIndexer(dir, progress -> { }).writeStock(corpus, dir);
        return open(dir);
    }

    /** Opens a stock index written by {@link #build}. */
    public static StockBm25 open(Path dir) throws IOException {
        return new StockBm25(dir);
    }

    /** Whether {@code dir} holds a committed index. */
    public static boolean exists(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Directory d = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(d);
        }
    }

    /** Number of articles (index documents). */
    public int articles() {
        return reader.numDocs();
    }

    /** The question's smartcn terms, in order, repeats kept. */
    List<String> terms(String question) {
        return Analyzers.terms(analyzer, question);
    }

    /** The stock query: one SHOULD term clause per term occurrence; null when no term is left. */
    Query query(String question) {
        List<String> terms = terms(question);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int max = Math.min(terms.size(), IndexSearcher.getMaxClauseCount());
        for (int i = 0; i < max; i++) {
            q.add(new TermQuery(new Term(Fields.STOCK, terms.get(i))), BooleanClause.Occur.SHOULD);
        }
        return q.build();
    }

    /** The top {@code k} distinct article keys, best first (fewer when fewer articles match). */
    public List<String> rankedArticleKeys(String question, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive: " + k);
        }
        Query q = query(question);
        if (q == null) {
            return List.of();
        }
        try {
            StoredFields stored = searcher.storedFields();
            Set<String> fields = Set.of(Fields.TITLE, Fields.LABEL);
            // Several versions of a law share keys: fetch more documents than keys, more if needed.
            for (int fetch = k * 2; ; fetch *= 2) {
                TopDocs top = searcher.search(q, fetch);
                List<String> out = new ArrayList<>(k);
                Set<String> seen = new HashSet<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    org.apache.lucene.document.Document d = stored.document(sd.doc, fields);
                    String key = ArticleKeys.of(d.get(Fields.TITLE), d.get(Fields.LABEL));
                    if (seen.add(key) && out.size() < k) {
                        out.add(key);
                    }
                }
                if (out.size() >= k || top.scoreDocs.length < fetch) {
                    return out;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** Hits a stock engine would take to answer: analysis, BM25 top 10, stored fields of the best. */
    static final int ANSWER_DEPTH = 10;

    /**
     * The stock engine's "answer": analysis, BM25 top {@value #ANSWER_DEPTH}, all stored fields of
     * the best hit; returns its article key, or null when nothing matched.
     */
    public String top1(String question) {
        Query q = query(question);
        if (q == null) {
            return null;
        }
        try {
            TopDocs top = searcher.search(q, ANSWER_DEPTH);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            org.apache.lucene.document.Document d = searcher.storedFields().document(top.scoreDocs[0].doc);
            return ArticleKeys.of(d.get(Fields.TITLE), d.get(Fields.LABEL));
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * Scores stock BM25 on judged questions: recall@1/5/10/100 and MRR@10. The stock index is
     * built from {@code corpus} into {@code indexDir} first unless one is already there.
     */
    public static Metrics.Result evaluate(List<Path> corpus, Path indexDir, List<Judged> queries) throws IOException {
        try (StockBm25 stock = exists(indexDir) ? open(indexDir) : build(Corpus.read(corpus), indexDir)) {
            return stock.evaluate(queries);
        }
    }

    /** Scores this engine on judged questions. */
    public Metrics.Result evaluate(List<Judged> queries) {
        Metrics m = new Metrics();
        for (Judged j : queries) {
            m.add(rankedArticleKeys(j.question(), Evaluator.DEPTH), j.relevant(), false, null);
        }
        return m.result();
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }

    /** {@code StockBm25 QUESTIONS.jsonl INDEX_DIR SOURCE_DIR...}: prints the stock figures. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: StockBm25 QUESTIONS.jsonl INDEX_DIR SOURCE_DIR...");
            System.exit(2);
        }
        List<Path> sources = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            sources.add(Path.of(args[i]));
        }
        long start = System.nanoTime();
        Metrics.Result r = evaluate(sources, Path.of(args[1]), Judged.read(Path.of(args[0])));
        System.out.printf(Locale.ROOT, "stock smartcn BM25, %d questions: R@1 %.3f  R@5 %.3f  R@10 %.3f  R@100 %.3f"
                + "  MRR@10 %.3f  (%.1f s)%n", r.queries(), r.recall1(), r.recall5(), r.recall10(), r.recall100(),
                r.mrr10(), (System.nanoTime() - start) / 1e9);
    }
}
