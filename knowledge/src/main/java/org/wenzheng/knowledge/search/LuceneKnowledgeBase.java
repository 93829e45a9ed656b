package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.analysis.Analyzers;
import org.wenzheng.knowledge.analysis.QuestionKey;
import org.wenzheng.knowledge.index.IndexLayout;
import org.wenzheng.knowledge.semantic.BgeSmallZh;
import org.wenzheng.knowledge.semantic.Embedder;
import org.wenzheng.knowledge.semantic.PassageVectors;

/**
 * The knowledge engine over a passage index generation, an in-memory FAQ index and what it
 * learned from answered questions: checks the input of each call and hands it to its parts.
 * The {@link Ranker} ranks passages (first stage, signals, combiner, deep order), the
 * {@link FaqMatcher} FAQ entries, the {@link AnswerPolicy} decides whether to answer, the
 * {@link LearnedHistory} keeps what was learned, and {@link StoredPassages} reads passages back.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {
    private final KnowledgeConfig config;
    private final Ranking ranking;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final QueryAnalyzer queries;
    private final IndexTables tables;
    private final StoredPassages passages;
    private final FaqMatcher faqs;
    private final FaqSources faqSources;
    private final LearnedHistory history;
    private final Ranker ranker;
    private final AnswerPolicy policy;
    private final long indexVersion;
    /** Bumped by every learn and putFaq, so that caches of answers know they are stale. */
    private final AtomicLong mutations = new AtomicLong();
    private volatile boolean closed;

    private LuceneKnowledgeBase(KnowledgeConfig config, Path generation, QuestionKey stopPhrases,
            Map<String, List<String>> synonyms) throws IOException {
        this.config = config;
        this.ranking = config.ranking();
        this.reader = DirectoryReader.open(FSDirectory.open(generation));
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(ranking.k1(), ranking.b()));
        this.indexVersion = reader.getVersion();
        this.tables = new IndexTables(reader);
        Analyzer words = Analyzers.words(CharArraySet.EMPTY_SET);
        Analyzer bigrams = Analyzers.bigrams();
        this.queries = new QueryAnalyzer(words, bigrams, stopPhrases, synonyms, tables.lawTitles(),
                ranking.stopPhrases());
        // The model (0.7 s to load, 100 MB of native memory) only when there are vectors to compare with.
        Embedder model = ranking.semantic() > 0 && Files.isRegularFile(generation.resolve(PassageVectors.FILE))
                ? BgeSmallZh.shared() : null;
        PassageVectors vectors = model == null ? null : PassageVectors.open(generation, model, reader.maxDoc())
                .orElse(null);
        Embedder embedder = vectors == null ? null : model;
        FirstStage first = new FirstStage(searcher, ranking);
        this.passages = new StoredPassages(searcher);
        this.faqs = new FaqMatcher(queries, words, bigrams);
        this.faqSources = new FaqSources(searcher, passages, tables.lawTitles());
        this.history = new LearnedHistory(ranking, tables, queries, passages, first, embedder, words, bigrams);
        this.ranker = new Ranker(ranking, tables, first, history, vectors, embedder);
        this.policy = new AnswerPolicy(config.answerThreshold(), faqs, faqSources, passages, first);
    }

    /**
     * Opens the served generation of {@code config.indexDir()}.
     *
     * @param stopPhrases the conversational phrases removed from questions
     * @throws IllegalStateException when no index was ever built there
     */
    public static LuceneKnowledgeBase open(KnowledgeConfig config, QuestionKey stopPhrases,
            Map<String, List<String>> synonyms) throws IOException {
        Path gen = new IndexLayout(config.indexDir()).current().orElseThrow(() -> new IllegalStateException(
                "no index in " + config.indexDir() + ": build one with 'wenzheng index --source DIR'"));
        return new LuceneKnowledgeBase(config, gen, stopPhrases, synonyms);
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        return hits(query, limit, null);
    }

    @Override
    public List<Explanation> explain(String query, int limit) {
        List<Explanation> out = new ArrayList<>(limit);
        hits(query, limit, out);
        return out;
    }

    /**
     * The hits of a search: the FAQ entries similar enough, then the deep ranking of passages.
     *
     * @param explanations where each hit's explanation goes, in order; null when none is asked
     *                     for (a plain search builds no explanation)
     */
    private List<SearchHit> hits(String query, int limit, List<Explanation> explanations) {
        checkQuestion(query);
        if (limit < 1 || limit > config.maxResults()) {
            throw new IllegalArgumentException("limit must be in [1, " + config.maxResults() + "]: " + limit);
        }
        QueryPlan plan = queries.plan(query);
        List<String> highlight = plan.highlightTerms();
        List<SearchHit> out = new ArrayList<>(limit);
        for (FaqMatcher.Match f : faqs.matches(plan, limit)) {
            if (f.similarity() >= FaqMatcher.SEARCH_SIMILARITY) {
                SearchHit hit = faqs.hit(f, highlight);
                out.add(hit);
                if (explanations != null) {
                    explanations.add(FaqMatcher.explain(hit));
                }
            }
        }
        StoredFields stored = passages.storedFields();
        Ranker.Ranked ranked = ranker.rank(plan, Math.max(limit, ranking.depth()), new TermLookup(searcher));
        List<Candidate> candidates = ranked.candidates();
        for (int i = 0; i < candidates.size() && out.size() < limit; i++) {
            Candidate c = candidates.get(i);
            SearchHit hit = passages.hit(c, stored, highlight);
            out.add(hit);
            if (explanations != null) {
                explanations.add(explain(ranked, i, hit));
            }
        }
        return out;
    }

    private static Explanation explain(Ranker.Ranked ranked, int rank, SearchHit hit) {
        List<Explanation.Contribution> parts = ranked.scores().explain(ranked.candidates().get(rank).doc());
        double total = 0;
        for (Explanation.Contribution p : parts) {
            total += p.contribution();
        }
        return new Explanation(hit, parts, total,
                DeepOrder.explain(ranked.candidates(), rank, ranked.deep(), ranked.scores(), hit.nextTo()));
    }

    @Override
    public Answer answer(String question) {
        checkQuestion(question);
        QueryPlan plan = queries.plan(question);
        // The ranking looks up the statistics of the question's words; the confidence reuses them.
        TermLookup terms = new TermLookup(searcher);
        List<Candidate> ranked = ranker.rank(plan, Ranker.ANSWER_POOL, terms).candidates();
        return policy.answer(plan, ranked, faqs.matches(plan, AnswerPolicy.FAQ_ENTRIES), terms);
    }

    @Override
    public List<Citation> citedArticles(String text) {
        ensureOpen();
        List<Citation> out = new ArrayList<>();
        StoredFields stored = passages.storedFields();
        for (String key : queries.articlesNamed(text)) {
            int[] docs = tables.docs(key);
            if (docs.length > 0) {
                out.add(passages.citation(stored, docs[0]));
            }
        }
        return out;
    }

    @Override
    public Optional<Document> document(String documentId) {
        ensureOpen();
        return FaqMatcher.isFaqDocument(documentId) ? faqs.document(documentId) : passages.document(documentId);
    }

    @Override
    public void learn(List<AnsweredQuestion> answered) {
        ensureOpen();
        history.learn(answered);
        mutations.incrementAndGet();
    }

    @Override
    public List<String> unresolvedFaqSources() {
        ensureOpen();
        return faqSources.unresolved();
    }

    @Override
    public void putFaq(List<FaqEntry> entries) {
        ensureOpen();
        faqs.put(entries);
        faqSources.put(entries);
        mutations.incrementAndGet();
    }

    @Override
    public Stats stats() {
        ensureOpen();
        return new Stats(tables.documents(), reader.numDocs(), faqs.size(), history.size(),
                indexVersion + mutations.get());
    }

    /**
     * The article keys of the ranked passages, best first, each key once: what evaluation scores.
     *
     * @throws IllegalArgumentException when the question is blank or too long
     */
    public List<String> rankedArticleKeys(String question, int limit) {
        checkQuestion(question);
        Ranker.Ranked ranked = ranker.rank(queries.plan(question), Math.max(limit, ranking.depth()),
                new TermLookup(searcher));
        return RankedArticles.keys(ranked.candidates(), passages, limit);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        faqs.close();
        history.close();
        reader.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the knowledge base is closed");
        }
    }

    private void checkQuestion(String q) {
        ensureOpen();
        if (q == null || q.isBlank()) {
            throw new IllegalArgumentException("the question is empty");
        }
        if (q.length() > config.maxQuestionChars()) {
            throw new IllegalArgumentException("the question is longer than " + config.maxQuestionChars()
                    + " characters (" + q.length() + ")");
        }
    }
}
