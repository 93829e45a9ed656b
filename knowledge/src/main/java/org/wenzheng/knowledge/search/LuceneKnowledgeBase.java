package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.semantic.BgeSmallZh;
import org.wenzheng.knowledge.semantic.Embedder;
import org.wenzheng.knowledge.semantic.PassageVectors;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;
import org.wenzheng.knowledge.analysis.Analyzers;
import org.wenzheng.knowledge.analysis.ChineseNormalizer;
import org.wenzheng.knowledge.index.Fields;
import org.wenzheng.knowledge.index.IndexLayout;

/**
 * The knowledge engine over a passage index generation, an in-memory FAQ index and an in-memory
 * index of answered questions.
 *
 * <p>Ranking runs in two stages. The first is one BM25 query over words and bigrams of passage
 * text, title and chapter, filtered to documents in force, plus the articles of any law named in
 * the question. The second re-scores those candidates (and the articles that answered similar
 * earlier questions) with the named-law boost, the votes of similar answered questions and a
 * prior of how often each law answered questions.
 */
public final class LuceneKnowledgeBase implements KnowledgeBase {
    /** Similar answered questions consulted per question. */
    static final int HISTORY_NEIGHBOURS = 20;
    /** Puts an article named in the question (劳动合同法第三十九条) above everything else. */
    static final double NAMED_ARTICLE_BOOST = 10;
    /** Articles taken from a law named in the question, beside the global top. */
    static final int NAMED_LAW_DEPTH = 50;

    private final KnowledgeConfig config;
    private final Ranking ranking;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final QueryAnalyzer queries;
    private final long indexVersion;
    /** Bumped by every learn and putFaq, so that caches of answers know they are stale. */
    private final java.util.concurrent.atomic.AtomicLong mutations = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    private final int documentCount;
    /** Article key → in-force passage doc ids. */
    private final Map<String, int[]> docsByKey;
    /** Law ordinal of each passage doc id. */
    private final int[] lawOfDoc;
    private final Map<String, Integer> lawOrdinal;
    /** Chapter ordinal of each passage doc id, and the chapter keys by ordinal. */
    private final int[] chapterOfDoc;
    private final Map<String, Integer> chapterOrdinal;
    /** Document ordinal and position in its document of each passage doc id: its neighbours. */
    private final int[] documentOfDoc;
    private final int[] ordinalOfDoc;

    private final QuestionIndex faqIndex;
    private final Map<String, FaqEntry> faqs = new ConcurrentHashMap<>();
    private final QuestionIndex learnedIndex;
    /** One entry per article key: every answered question it answered, for document expansion. */
    private final QuestionIndex expansionIndex;
    private final Map<String, List<String>> questionsByKey = new HashMap<>();
    private final TermAssociations associations = new TermAssociations();
    /** The answered questions learned, by their group number in {@link #learnedIndex}. */
    private final List<Learned> learned = new ArrayList<>();
    /** How many answered questions each law answered, by law ordinal. */
    private volatile int[] lawAnswers;
    /** The passages' semantic vectors and the model that reads questions alike; null when off or not built. */
    private final PassageVectors vectors;
    private final Embedder embedder;
    /**
     * The vectors of the answered questions, in learning order (vector i is {@code learned.get(i)}'s);
     * replaced whole by each learn, after {@code learned} has grown.
     */
    private volatile float[][] learnedVectors = new float[0][];

    private LuceneKnowledgeBase(KnowledgeConfig config, Path generation, List<String> stopPhrases,
            Map<String, List<String>> synonyms) throws IOException {
        this.config = config;
        this.ranking = config.ranking();
        this.reader = DirectoryReader.open(FSDirectory.open(generation));
        this.searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity(ranking.k1(), ranking.b()));
        this.indexVersion = reader.getVersion();
        this.lawOfDoc = new int[reader.maxDoc()];
        this.chapterOfDoc = new int[reader.maxDoc()];
        this.documentOfDoc = new int[reader.maxDoc()];
        this.ordinalOfDoc = new int[reader.maxDoc()];
        this.chapterOrdinal = new HashMap<>();
        this.lawOrdinal = new LinkedHashMap<>();
        this.docsByKey = new HashMap<>();
        readKeywordFields();
        this.documentCount = countDocuments();
        this.lawAnswers = new int[lawOrdinal.size()];
        Analyzer words = Analyzers.words(CharArraySet.EMPTY_SET);
        Analyzer bigrams = Analyzers.bigrams();
        this.queries = new QueryAnalyzer(words, bigrams, stopPhrases, synonyms, lawOrdinal.keySet(),
                ranking.stopPhrases());
        this.faqIndex = new QuestionIndex(words, bigrams);
        this.learnedIndex = new QuestionIndex(words, bigrams);
        this.expansionIndex = new QuestionIndex(words, bigrams);
        // The model (0.7 s to load, 100 MB of native memory) only when there are vectors to compare with.
        Embedder model = ranking.semantic() > 0 && java.nio.file.Files.isRegularFile(generation.resolve(PassageVectors.FILE))
                ? BgeSmallZh.shared() : null;
        this.vectors = model == null ? null : PassageVectors.open(generation, model, reader.maxDoc()).orElse(null);
        this.embedder = vectors == null ? null : model;
    }

    /**
     * Opens the served generation of {@code config.indexDir()}.
     *
     * @throws IllegalStateException when no index was ever built there
     */
    public static LuceneKnowledgeBase open(KnowledgeConfig config, List<String> stopPhrases,
            Map<String, List<String>> synonyms) throws IOException {
        Path gen = new IndexLayout(config.indexDir()).current().orElseThrow(() -> new IllegalStateException(
                "no index in " + config.indexDir() + ": build one with 'wenzheng index --source DIR'"));
        return new LuceneKnowledgeBase(config, gen, stopPhrases, synonyms);
    }

    private void readKeywordFields() throws IOException {
        Set<Integer> inForceDocs = new HashSet<>();
        Map<String, List<Integer>> keys = new HashMap<>();
        int documents = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms status = leaf.reader().terms(Fields.STATUS);
            if (status != null) {
                TermsEnum te = status.iterator();
                if (te.seekExact(new BytesRef(DocumentStatus.IN_FORCE.name()))) {
                    PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        inForceDocs.add(leaf.docBase + d);
                    }
                }
            }
            Terms law = leaf.reader().terms(Fields.LAW);
            if (law != null) {
                TermsEnum te = law.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; ) {
                    int ord = lawOrdinal.computeIfAbsent(t.utf8ToString(), k -> lawOrdinal.size());
                    pe = te.postings(pe, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        lawOfDoc[leaf.docBase + d] = ord;
                    }
                }
            }
            Terms chapter = leaf.reader().terms(Fields.CHAPTER_KEY);
            if (chapter != null) {
                TermsEnum te = chapter.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; ) {
                    int ord = chapterOrdinal.computeIfAbsent(t.utf8ToString(), k -> chapterOrdinal.size());
                    pe = te.postings(pe, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        chapterOfDoc[leaf.docBase + d] = ord;
                    }
                }
            }
            Terms document = leaf.reader().terms(Fields.DOCUMENT_ID);
            if (document != null) {
                TermsEnum te = document.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; documents++) {
                    pe = te.postings(pe, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        documentOfDoc[leaf.docBase + d] = documents;
                    }
                }
            }
            NumericDocValues ordinal = leaf.reader().getNumericDocValues(Fields.ORDINAL);
            if (ordinal != null) {
                for (int d; (d = ordinal.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                    ordinalOfDoc[leaf.docBase + d] = (int) ordinal.longValue();
                }
            }
            Terms key = leaf.reader().terms(Fields.ARTICLE_KEY);
            if (key != null) {
                TermsEnum te = key.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; ) {
                    pe = te.postings(pe, PostingsEnum.NONE);
                    List<Integer> list = null;
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        if (inForceDocs.contains(leaf.docBase + d)) {
                            if (list == null) {
                                list = keys.computeIfAbsent(t.utf8ToString(), k -> new ArrayList<>(1));
                            }
                            list.add(leaf.docBase + d);
                        }
                    }
                }
            }
        }
        keys.forEach((k, v) -> docsByKey.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    }

    private int countDocuments() throws IOException {
        int n = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms t = leaf.reader().terms(Fields.DOCUMENT_ID);
            n += t == null ? 0 : (int) t.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- public surface

    @Override
    public List<SearchHit> search(String query, int limit) {
        checkQuestion(query);
        if (limit < 1 || limit > config.maxResults()) {
            throw new IllegalArgumentException("limit must be in [1, " + config.maxResults() + "]: " + limit);
        }
        QueryPlan plan = queries.plan(query);
        List<String> highlight = plan.highlightTerms();
        List<SearchHit> out = new ArrayList<>(limit);
        for (FaqMatch f : faqMatches(plan, limit)) {
            if (f.similarity() >= FAQ_SEARCH_SIMILARITY) {
                out.add(faqHit(f, highlight));
            }
        }
        StoredFields stored = storedFields();
        for (Candidate c : rank(plan, Math.max(limit, ranking.depth()))) {
            if (out.size() >= limit) {
                break;
            }
            out.add(passageHit(c, stored, highlight));
        }
        return out;
    }

    /** FAQ entries this similar to the query are listed above passages in a search. */
    static final double FAQ_SEARCH_SIMILARITY = 0.3;

    @Override
    public Answer answer(String question) {
        checkQuestion(question);
        QueryPlan plan = queries.plan(question);
        // The ranking looks up the statistics of the question's words; the confidence reuses them.
        TermLookup terms = new TermLookup(searcher);
        List<Candidate> ranked = rank(plan, ANSWER_POOL, terms);
        List<FaqMatch> faq = faqMatches(plan, 3);
        List<String> highlight = plan.highlightTerms();
        List<SearchHit> candidates = new ArrayList<>();
        for (FaqMatch f : faq) {
            if (f.similarity() >= FAQ_SEARCH_SIMILARITY) {
                candidates.add(faqHit(f, highlight));
            }
        }
        int faqHits = candidates.size();
        StoredFields stored = ranked.isEmpty() ? null : storedFields();
        for (int i = 0; i < ranked.size() && candidates.size() < ANSWER_CANDIDATES; i++) {
            candidates.add(passageHit(ranked.get(i), stored, highlight));
        }
        // At most three FAQ hits precede the passages, so the best passage is always among the candidates.
        SearchHit bestPassage = ranked.isEmpty() ? null : candidates.get(faqHits);
        double faqConfidence = faq.isEmpty() ? 0 : Confidence.ofFaq(faq.get(0).similarity());
        double passageConfidence = bestPassage == null ? 0
                : Confidence.ofPassage(plan, ranked, contextText(bestPassage), wordIdf(plan, terms));
        SearchHit.Kind source = candidates.isEmpty() ? null : candidates.get(0).kind();
        if (faqConfidence >= passageConfidence && !faq.isEmpty()) {
            // The best FAQ match is listed first when it is similar enough to be listed at all.
            SearchHit best = faqHits > 0 ? candidates.get(0) : faqHit(faq.get(0), highlight);
            boolean answered = faqConfidence >= config.answerThreshold();
            return new Answer(answered, answered ? best.text() : "", faqConfidence,
                    answered ? List.of(best.citation()) : List.of(), candidates, SearchHit.Kind.FAQ);
        }
        if (bestPassage == null) {
            return new Answer(false, "", 0, List.of(), candidates, source);
        }
        SearchHit best = bestPassage;
        boolean answered = passageConfidence >= config.answerThreshold();
        return new Answer(answered, answered ? best.text() : "", passageConfidence,
                answered ? List.of(best.citation()) : List.of(), candidates, best.kind());
    }

    /**
     * First-stage pool of {@link #answer}: an answer needs only the best few passages, and a
     * small pool lets Lucene skip most of the index (block-max WAND). Search and evaluation use
     * the deep pool of {@link Ranking#depth()} for recall.
     */
    static final int ANSWER_POOL = 20;

    /** Candidates returned with an answer. */
    static final int ANSWER_CANDIDATES = 5;

    @Override
    public List<Citation> citedArticles(String text) {
        ensureOpen();
        List<Citation> out = new ArrayList<>();
        StoredFields stored = storedFields();
        for (String key : queries.articlesNamed(text)) {
            int[] docs = docsByKey.get(key);
            if (docs != null) {
                try {
                    out.add(citation(stored.document(docs[0], CITATION_FIELDS)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read passage " + docs[0], e);
                }
            }
        }
        return out;
    }

    @Override
    public Optional<Document> document(String documentId) {
        ensureOpen();
        if (documentId.startsWith(FAQ_DOCUMENT_PREFIX)) {
            FaqEntry e = faqs.get(documentId.substring(FAQ_DOCUMENT_PREFIX.length()));
            return Optional.ofNullable(e).map(LuceneKnowledgeBase::faqDocument);
        }
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.DOCUMENT_ID, documentId)), 100_000,
                    new Sort(new SortField(Fields.ORDINAL, SortField.Type.INT)));
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            StoredFields stored = searcher.storedFields();
            List<Passage> passages = new ArrayList<>(top.scoreDocs.length);
            org.apache.lucene.document.Document first = null;
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                if (first == null) {
                    first = d;
                }
                passages.add(new Passage(d.get(Fields.PASSAGE_ID), d.get(Fields.LABEL), d.get(Fields.CHAPTER),
                        d.get(Fields.TEXT), SearchHit.Kind.valueOf(d.get(Fields.KIND))));
            }
            return Optional.of(new Document(documentId, first.get(Fields.TITLE), metadata(first),
                    first.get(Fields.SOURCE), passages));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + documentId, e);
        }
    }

    @Override
    public synchronized void learn(List<AnsweredQuestion> answered) {
        ensureOpen();
        int[] counts = Arrays.copyOf(lawAnswers, lawAnswers.length);
        Set<String> touchedKeys = new HashSet<>();
        List<String> cleanedTexts = new ArrayList<>(answered.size());
        for (AnsweredQuestion a : answered) {
            String group = Integer.toString(learned.size());
            String cleaned = queries.removeStopPhrases(ChineseNormalizer.normalize(a.question()));
            cleanedTexts.add(cleaned);
            learned.add(learned(cleaned, a));
            if (ranking.associations() > 0) {
                Set<String> answerWords = new HashSet<>();
                for (String key : a.articleKeys()) {
                    int[] docs = docsByKey.get(key);
                    if (docs != null) {
                        answerWords.addAll(queries.words(passageText(docs[0])));
                    }
                }
                associations.add(queries.words(cleaned), answerWords);
            }
            learnedIndex.put(group, List.of(cleaned));
            Set<Integer> laws = new HashSet<>();
            for (String key : a.articleKeys()) {
                questionsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(cleaned);
                touchedKeys.add(key);
                int[] docs = docsByKey.get(key);
                if (docs != null) {
                    laws.add(lawOfDoc[docs[0]]);
                }
            }
            laws.forEach(l -> counts[l]++);
        }
        if (embedder != null) {
            float[][] before = learnedVectors;
            float[][] all = Arrays.copyOf(before, before.length + answered.size());
            List<float[]> added = embedder.embedAll(cleanedTexts);
            for (int i = 0; i < added.size(); i++) {
                all[before.length + i] = added.get(i);
            }
            learnedVectors = all;
        }
        // One expansion entry per article, rewritten once per batch rather than once per question.
        for (String key : touchedKeys) {
            expansionIndex.put(key, List.of(String.join("\n", questionsByKey.get(key))));
        }
        associations.prepare(this::idf, MIN_ASSOCIATION_IDF);
        learnedIndex.refresh();
        expansionIndex.refresh();
        lawAnswers = counts;
        mutations.incrementAndGet();
    }

    @Override
    public void putFaq(List<FaqEntry> entries) {
        ensureOpen();
        for (FaqEntry e : entries) {
            faqs.put(e.id(), e);
            List<String> phrasings = new ArrayList<>();
            phrasings.add(e.question());
            phrasings.addAll(e.alternatives());
            faqIndex.put(e.id(), phrasings.stream()
                    .map(p -> queries.removeStopPhrases(ChineseNormalizer.normalize(p))).toList());
        }
        faqIndex.refresh();
        mutations.incrementAndGet();
    }

    @Override
    public Stats stats() {
        synchronized (this) {
            ensureOpen();
            return new Stats(documentCount, reader.numDocs(), faqs.size(), learned.size(),
                    indexVersion + mutations.get());
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        faqIndex.close();
        learnedIndex.close();
        expansionIndex.close();
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

    // ---------------------------------------------------------------- ranking

    /**
     * A passage candidate with the parts of its score.
     *
     * @param score the score that orders the first page
     * @param tail  the score that orders the candidates below the first page of a deep ranking
     * @param nextTo the best passage this one was placed after the first page for, as its
     *               neighbour; -1 when it is placed for its own score
     */
    record Candidate(int doc, double bm25, boolean named, double score, double tail, int nextTo) {
        Candidate(int doc, double bm25, boolean named, double score, double tail) {
            this(doc, bm25, named, score, tail, -1);
        }

        Candidate placedNextTo(int anchor) {
            return new Candidate(doc, bm25, named, score, tail, anchor);
        }
    }

    List<Candidate> rank(QueryPlan plan, int depth) {
        return rank(plan, depth, new TermLookup(searcher));
    }

    /** {@link #rank(QueryPlan, int)}, the statistics of its terms kept in {@code terms}. */
    private List<Candidate> rank(QueryPlan plan, int depth, TermLookup terms) {
        if (plan.isEmpty() && plan.articleKeys().isEmpty()) {
            return List.of();
        }
        try {
            Map<Integer, Double> bm25 = new HashMap<>();
            double max = 0;
            // Learned associations widen the query for deep recall; an answer's best few passages
            // do not need them, and each adds clauses to the hottest loop.
            Map<String, Double> learnedWords = ranking.associations() > 0 && depth > ANSWER_POOL
                    ? associations.expand(plan.words().keySet()) : Map.of();
            if (!plan.isEmpty()) {
                // One pass collects a deep pool; laws and chapters favoured by earlier questions
                // then pick their articles out of it, instead of one filtered search each.
                lookUp(terms, plan, learnedWords.keySet());
                Query textQuery = textQuery(plan, learnedWords, true, terms);
                TopDocs top;
                if (depth <= ANSWER_POOL && ranking.bigramBody() > 0 && !plan.words().isEmpty()) {
                    // Answers need the best few: words find them with Lucene's fast top-k scoring,
                    // bigrams then re-score only those candidates instead of scanning the index.
                    TopDocs byWords = topDocs(searcher, textQuery(plan, learnedWords, false, terms), RESCORE_POOL);
                    top = byWords.scoreDocs.length == 0 ? searcher.search(textQuery, depth)
                            : QueryRescorer.rescore(searcher, byWords, bigramQuery(plan, terms), 1.0, depth);
                } else {
                    top = searcher.search(textQuery, depth);
                }
                max = top.scoreDocs.length == 0 ? 0 : top.scoreDocs[0].score;
                for (ScoreDoc sd : top.scoreDocs) {
                    bm25.put(sd.doc, (double) sd.score);
                }
                if (ranking.lawMention() > 0) {
                    for (String law : plan.laws()) {
                        Query inLaw = new BooleanQuery.Builder()
                                .add(textQuery, BooleanClause.Occur.MUST)
                                .add(new TermQuery(new Term(Fields.LAW, law)), BooleanClause.Occur.FILTER)
                                .build();
                        for (ScoreDoc sd : topDocs(searcher, inLaw, NAMED_LAW_DEPTH).scoreDocs) {
                            bm25.putIfAbsent(sd.doc, (double) sd.score);
                        }
                    }
                }
            }
            double[] lawVotes = new double[lawOrdinal.size()];
            Map<Integer, Double> chapterVotes = new HashMap<>();
            Map<Integer, Double> votes = ranking.history() > 0 || ranking.lawVotes() > 0
                    ? historyVotes(plan, lawVotes, chapterVotes) : Map.of();
            // Expansion only reaches articles far down the list: worth its cost for deep recall only.
            Map<Integer, Double> expanded = ranking.expansion() > 0 && depth > ANSWER_POOL
                    ? expansionScores(plan) : Map.of();
            Set<Integer> named = new HashSet<>();
            for (String key : plan.articleKeys()) {
                int[] docs = docsByKey.get(key);
                if (docs != null) {
                    for (int d : docs) {
                        named.add(d);
                    }
                }
            }
            Set<Integer> namedLaws = new HashSet<>();
            for (String law : plan.laws()) {
                Integer ord = lawOrdinal.get(law);
                if (ord != null) {
                    namedLaws.add(ord);
                }
            }
            // Meaning re-orders the deep pool (it lifts what words ranked low, it brings in nothing
            // new); an answer's few candidates do without its cost (a question's vector: ≈ 2 ms).
            float[] meaning = embedder != null && depth > ANSWER_POOL ? embedder.embed(plan.cleaned()) : null;
            Map<Integer, Double> meaningVotes = meaning == null ? Map.of() : meaningVotes(meaning);
            Set<Integer> all = new HashSet<>(bm25.keySet());
            all.addAll(votes.keySet());
            all.addAll(expanded.keySet());
            all.addAll(named);
            int[] answers = lawAnswers;
            int maxAnswers = 0;
            for (int a : answers) {
                maxAnswers = Math.max(maxAnswers, a);
            }
            double priorScale = maxAnswers == 0 ? 0 : 1.0 / Math.log1p(maxAnswers);
            double top = max;
            boolean tailByMeaning = meaning != null && ranking.tailByMeaning();
            // One passage's score, and the score that orders it below the first page.
            IntFunction<Candidate> score = doc -> {
                double b = top > 0 ? bm25.getOrDefault(doc, 0.0) / top : 0;
                int law = lawOfDoc[doc];
                double mv = meaningVotes.getOrDefault(doc, 0.0);
                double s = b
                        + (namedLaws.contains(law) ? ranking.lawMention() : 0)
                        + ranking.history() * votes.getOrDefault(doc, 0.0)
                        // Expansion brings in articles text matching missed; it never reorders
                        // those text matching found (it cost precision at the top when it did).
                        + (bm25.containsKey(doc) ? 0 : ranking.expansion() * expanded.getOrDefault(doc, 0.0))
                        + ranking.lawVotes() * lawVotes[law]
                        + ranking.chapterVotes() * chapterVotes.getOrDefault(chapterOfDoc[doc], 0.0)
                        + ranking.lawPrior() * Math.log1p(answers[law]) * priorScale
                        + (named.contains(doc) ? NAMED_ARTICLE_BOOST : 0)
                        + (meaning == null ? 0
                                : ranking.semantic() * Math.max(0, vectors.similarity(doc, meaning) - SEMANTIC_FLOOR)
                                        + SEMANTIC_VOTE_WEIGHT * mv);
                double tail = tailByMeaning
                        ? s - (1 - TAIL_WORDS) * b + (TAIL_MEANING_VOTES - SEMANTIC_VOTE_WEIGHT) * mv
                        : s;
                return new Candidate(doc, b, named.contains(doc), s, tail);
            };
            List<Candidate> out = new ArrayList<>(all.size());
            for (int doc : all) {
                out.add(score.apply(doc));
            }
            out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::doc));
            if (depth > ANSWER_POOL) {
                out = deepOrder(out, score);
            }
            return out.size() > depth ? out.subList(0, depth) : out;
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /**
     * The order of a deep ranking (search and evaluation) below its first page. {@code byScore} is
     * sorted by {@link Candidate#score()}, which is best at the very top, where the words that
     * match weigh most. Below the first {@link #FIRST_PAGE} passages:
     * <ol>
     * <li>the articles next to the best {@link #NEIGHBOUR_ANCHORS} (up to {@code neighbourReach}
     * passages before and after each, in the same document) come first: a statute treats one
     * matter in consecutive articles, and a question about a matter often needs the article
     * beside the one that matched (民法典第一千一百九十二条 and 第一千一百九十三条);</li>
     * <li>the rest follow by {@link Candidate#tail()}: deep in the pool the few matched words
     * tell little apart, and meaning tells more.</li>
     * </ol>
     * The first page itself is never changed.
     */
    private List<Candidate> deepOrder(List<Candidate> byScore, IntFunction<Candidate> score) {
        int head = Math.min(FIRST_PAGE, byScore.size());
        List<Candidate> out = new ArrayList<>(byScore.size() + 4 * NEIGHBOUR_ANCHORS * ranking.neighbourReach());
        Set<Integer> placed = new HashSet<>();
        for (Candidate c : byScore.subList(0, head)) {
            out.add(c);
            placed.add(c.doc());
        }
        Map<Integer, Candidate> pooled = new HashMap<>();
        for (Candidate c : byScore.subList(head, byScore.size())) {
            pooled.put(c.doc(), c);
        }
        for (int distance = 1; distance <= ranking.neighbourReach(); distance++) {
            for (Candidate anchor : byScore.subList(0, Math.min(NEIGHBOUR_ANCHORS, head))) {
                for (int side : new int[] {-distance, distance}) {
                    int n = neighbour(anchor.doc(), side);
                    if (n >= 0 && placed.add(n)) {
                        Candidate c = pooled.get(n);
                        out.add((c != null ? c : score.apply(n)).placedNextTo(anchor.doc()));
                    }
                }
            }
        }
        List<Candidate> rest = new ArrayList<>(byScore.size() - head);
        for (Candidate c : byScore.subList(head, byScore.size())) {
            if (!placed.contains(c.doc())) {
                rest.add(c);
            }
        }
        rest.sort(Comparator.comparingDouble(Candidate::tail).reversed().thenComparingInt(Candidate::doc));
        out.addAll(rest);
        return out;
    }

    /**
     * The passage {@code offset} places after {@code doc} in the same document, or -1. A document's
     * passages are indexed as one block, so their doc ids are consecutive in passage order.
     */
    private int neighbour(int doc, int offset) {
        int n = doc + offset;
        return n >= 0 && n < documentOfDoc.length && documentOfDoc[n] == documentOfDoc[doc]
                && ordinalOfDoc[n] == ordinalOfDoc[doc] + offset ? n : -1;
    }

    /** A deep ranking's first page: kept in the order of {@link Candidate#score()}. */
    static final int FIRST_PAGE = 10;
    /** The best passages whose neighbouring articles are placed right after the first page. */
    static final int NEIGHBOUR_ANCHORS = 5;
    /** Weight of the matched words in the order below the first page (1 on the first page). */
    static final double TAIL_WORDS = 0.35;
    /** Weight of the votes of questions close in meaning below the first page. */
    static final double TAIL_MEANING_VOTES = 0.9;

    /**
     * Cosine similarity below which question and passage count as unrelated: the model puts any
     * two Chinese legal sentences at about 0.3-0.4.
     */
    static final double SEMANTIC_FLOOR = 0.35;
    /** Answered questions closest in meaning that vote for their articles. */
    static final int SEMANTIC_NEIGHBOURS = 10;
    /** Weight of those votes, relative to the semantic weight's scale of the passage similarity. */
    static final double SEMANTIC_VOTE_WEIGHT = 0.3;

    /**
     * The best {@code n} hits of {@code query}, without counting every match: with Lucene's
     * default (count exactly up to 1,000 hits) the top-k scorers cannot skip a single document
     * until a thousand have matched, which common question words always reach. The hits are the
     * same; only {@link TopDocs#totalHits}, which nothing here reads, becomes a lower bound.
     */
    static TopDocs topDocs(IndexSearcher searcher, Query query, int n) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(n, null, 1));
    }

    /** Learned official words rarer than this (in passages) are added; common ones add noise. */
    static final double MIN_ASSOCIATION_IDF = 3.0;

    /**
     * Words pass of an answer: this many candidates are re-scored with bigrams, which reorder
     * them. The words search is the largest part of an answer, and its top-k scoring skips more
     * the fewer hits it keeps: 20 instead of 50 made answer() about 10 % cheaper, with the same
     * 5-fold answered share (0.095) and answered precision@1 (0.897) on the STARD questions, and
     * no answered question citing another article (docs/benchmarks.md).
     */
    static final int RESCORE_POOL = ANSWER_POOL;

    /** The statistics of every term the text queries of {@code plan} can hold, looked up at once. */
    private static void lookUp(TermLookup terms, QueryPlan plan, Collection<String> learnedWords) throws IOException {
        terms.add(Fields.BODY_WORDS, plan.words().keySet())
                .add(Fields.BODY_WORDS, plan.synonymWords().keySet())
                .add(Fields.BODY_WORDS, learnedWords)
                .add(Fields.BODY_BIGRAMS, plan.bigrams().keySet())
                .add(Fields.BODY_BIGRAMS, plan.synonymBigrams().keySet());
    }

    private BooleanQuery bigramQuery(QueryPlan plan, TermLookup terms) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        addTerms(q, terms, plan.bigrams(), Fields.BODY_BIGRAMS, ranking.bigramBody());
        if (ranking.synonyms() > 0) {
            addTerms(q, terms, plan.synonymBigrams(), Fields.BODY_BIGRAMS, ranking.synonyms() * ranking.bigramBody());
        }
        return q.build();
    }

    private Query textQuery(QueryPlan plan, Map<String, Double> learnedWords, boolean withBigrams, TermLookup terms) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (Map.Entry<String, Double> e : learnedWords.entrySet()) {
            q.add(new BoostQuery(terms.query(Fields.BODY_WORDS, e.getKey()),
                    (float) (ranking.associations() * ranking.wordBody() * e.getValue())), BooleanClause.Occur.SHOULD);
        }
        addTerms(q, terms, plan.words(), Fields.BODY_WORDS, ranking.wordBody());
        if (ranking.synonyms() > 0) {
            addTerms(q, terms, plan.synonymWords(), Fields.BODY_WORDS, ranking.synonyms() * ranking.wordBody());
        }
        if (withBigrams) {
            for (BooleanClause c : bigramQuery(plan, terms).clauses()) {
                q.add(c);
            }
        }
        return q.build();
    }

    private static void addTerms(BooleanQuery.Builder q, TermLookup lookup, Map<String, Integer> terms, String field,
            double weight) {
        if (weight <= 0) {
            return;
        }
        for (Map.Entry<String, Integer> e : terms.entrySet()) {
            q.add(new BoostQuery(lookup.query(field, e.getKey()), (float) (weight * e.getValue())),
                    BooleanClause.Occur.SHOULD);
        }
    }

    /**
     * Each similar answered question votes for its articles with its similarity to this one; the
     * votes of several similar questions for one article add up (measured better than the best
     * single vote: +0.01 R@10, +0.01 MRR@10).
     */
    /**
     * Votes of the answered questions closest in meaning (not in words: 工资 and 薪水 ask the same)
     * for the articles that answered them, each weighted by its similarity to the fourth power so
     * that only close questions count.
     */
    private Map<Integer, Double> meaningVotes(float[] question) {
        float[][] known = learnedVectors;
        int n = known.length;
        if (n == 0) {
            return Map.of();
        }
        // The k closest by insertion into a short sorted list: one pass, no sorting of all n.
        int k = Math.min(SEMANTIC_NEIGHBOURS, n);
        int[] best = new int[k];
        double[] bestSim = new double[k];
        int found = 0;
        for (int i = 0; i < n; i++) {
            float[] v = known[i];
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * question[j];
            }
            if (found == k && dot <= bestSim[k - 1]) {
                continue;
            }
            int at = found < k ? found++ : k - 1;
            while (at > 0 && bestSim[at - 1] < dot) {
                best[at] = best[at - 1];
                bestSim[at] = bestSim[at - 1];
                at--;
            }
            best[at] = i;
            bestSim[at] = dot;
        }
        Map<Integer, Double> votes = new HashMap<>();
        for (int r = 0; r < found; r++) {
            Learned a;
            synchronized (this) {
                a = learned.get(best[r]);
            }
            double vote = Math.pow(Math.max(0, bestSim[r]), 4);
            for (int d : a.docs()) {
                votes.merge(d, vote, Double::sum);
            }
        }
        return votes;
    }

    private Map<Integer, Double> historyVotes(QueryPlan plan, double[] lawVotes, Map<Integer, Double> chapterVotes) {
        List<QuestionIndex.Match> matches = learnedIndex.search(plan, HISTORY_NEIGHBOURS, 1.0);
        if (matches.isEmpty()) {
            return Map.of();
        }
        int[] mine = Bigrams.codes(plan.cleaned());
        Map<Integer, Double> votes = new HashMap<>();
        double total = 0;
        for (QuestionIndex.Match m : matches) {
            Learned a;
            synchronized (this) {
                a = learned.get(Integer.parseInt(m.group()));
            }
            double sim = Bigrams.dice(mine, a.bigrams());
            // A question asked (almost) word for word before is answered the way it was then.
            double vote = sim >= NEAR_DUPLICATE ? sim + NEAR_DUPLICATE_BONUS / Math.max(ranking.history(), 1e-9) : sim;
            for (int d : a.docs()) {
                votes.merge(d, vote, Double::sum);
            }
            for (int law : a.laws()) {
                lawVotes[law] += sim;
            }
            for (int chapter : a.chapters()) {
                chapterVotes.merge(chapter, sim, Double::sum);
            }
            total += sim;
        }
        if (total > 0) {
            for (int i = 0; i < lawVotes.length; i++) {
                lawVotes[i] /= total;
            }
            double t = total;
            chapterVotes.replaceAll((k, v) -> v / t);
        }
        return votes;
    }

    /**
     * A learned question as the history stage uses it, worked out once when it is learned rather
     * than at every question it is a neighbour of: its bigram codes (for the similarity), the
     * passages of its articles (each article's, in the order of its keys), and the distinct laws
     * and chapters of those articles.
     */
    record Learned(int[] bigrams, int[] docs, int[] laws, int[] chapters) {
    }

    private Learned learned(String cleaned, AnsweredQuestion a) {
        List<Integer> docs = new ArrayList<>();
        Set<Integer> laws = new LinkedHashSet<>();
        Set<Integer> chapters = new LinkedHashSet<>();
        for (String key : a.articleKeys()) {
            int[] keyDocs = docsByKey.get(key);
            if (keyDocs != null) {
                for (int d : keyDocs) {
                    docs.add(d);
                }
                laws.add(lawOfDoc[keyDocs[0]]);
                chapters.add(chapterOfDoc[keyDocs[0]]);
            }
        }
        return new Learned(Bigrams.codes(cleaned), docs.stream().mapToInt(Integer::intValue).toArray(),
                laws.stream().mapToInt(Integer::intValue).toArray(),
                chapters.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Articles whose earlier questions match this one, scored relative to the best match. */
    private Map<Integer, Double> expansionScores(QueryPlan plan) {
        List<QuestionIndex.Match> matches = expansionIndex.search(plan, EXPANSION_DEPTH, 1.0);
        if (matches.isEmpty()) {
            return Map.of();
        }
        double top = matches.get(0).score();
        Map<Integer, Double> out = new HashMap<>();
        for (QuestionIndex.Match m : matches) {
            int[] docs = docsByKey.get(m.group());
            if (docs != null) {
                for (int d : docs) {
                    out.merge(d, m.score() / top, Math::max);
                }
            }
        }
        return out;
    }

    /** Bigram overlap (Dice) from which an earlier question counts as the same question. */
    static final double NEAR_DUPLICATE = 0.85;
    /** Score added to the articles that answered a near-duplicate question. */
    static final double NEAR_DUPLICATE_BONUS = 1.0;

    /** Articles consulted from the expansion index. */
    static final int EXPANSION_DEPTH = 50;

    // ---------------------------------------------------------------- FAQ

    /** An FAQ entry matching a question, with the similarity of its closest phrasing. */
    record FaqMatch(FaqEntry entry, double similarity) {
    }

    private List<FaqMatch> faqMatches(QueryPlan plan, int limit) {
        if (faqs.isEmpty()) {
            return List.of();
        }
        Set<String> mine = Bigrams.of(plan.cleaned());
        Map<String, Double> best = new LinkedHashMap<>();
        for (QuestionIndex.Match m : faqIndex.search(plan, limit * 4, 1.0)) {
            best.merge(m.group(), Bigrams.dice(mine, Bigrams.of(m.question())), Math::max);
        }
        List<FaqMatch> out = new ArrayList<>();
        best.forEach((id, sim) -> {
            FaqEntry e = faqs.get(id);
            if (e != null) {
                out.add(new FaqMatch(e, sim));
            }
        });
        out.sort(Comparator.comparingDouble(FaqMatch::similarity).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Document ids of FAQ entries: the prefix and the entry's id, so citations can be opened. */
    static final String FAQ_DOCUMENT_PREFIX = "faq:";

    /** An FAQ entry shown as a document: its question as the title, its answer and sources as text. */
    private static Document faqDocument(FaqEntry e) {
        return new Document(FAQ_DOCUMENT_PREFIX + e.id(), faqTitle(e),
                new DocumentMetadata("", e.department(), null, "常见问题", DocumentStatus.IN_FORCE, ""), "faq",
                List.of(new Passage(e.id(), "", "", faqText(e), SearchHit.Kind.FAQ)));
    }

    private SearchHit faqHit(FaqMatch f, List<String> highlight) {
        FaqEntry e = f.entry();
        Citation c = new Citation(FAQ_DOCUMENT_PREFIX + e.id(), e.id(), faqTitle(e), "", "",
                "", e.department(), null, DocumentStatus.IN_FORCE, "");
        return new SearchHit(SearchHit.Kind.FAQ, c, faqText(e), Highlighter.snippet(e.answer(), highlight),
                f.similarity());
    }

    private static String faqTitle(FaqEntry e) {
        return "常见问题：" + e.question();
    }

    /** An FAQ entry's answer followed by its sources. */
    private static String faqText(FaqEntry e) {
        return e.answer() + (e.sources().isEmpty() ? "" : "\n依据：" + String.join("；", e.sources()));
    }

    // ---------------------------------------------------------------- stored fields

    /** A passage with its title and chapter path: the text whose words an answer must cover. */
    private static String contextText(String title, String chapter, String text) {
        return title + "\n" + chapter + "\n" + text;
    }

    private static String contextText(SearchHit hit) {
        return contextText(hit.citation().title(), hit.citation().chapter(), hit.text());
    }

    String passageText(int doc) {
        try {
            org.apache.lucene.document.Document d = searcher.storedFields().document(doc, Set.of(Fields.TITLE, Fields.CHAPTER, Fields.TEXT));
            return contextText(d.get(Fields.TITLE), d.get(Fields.CHAPTER), d.get(Fields.TEXT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /** Inverse document frequency of a word in passage texts; unknown words weigh the most. */
    double idf(String word) {
        try {
            return idf(reader.docFreq(new Term(Fields.BODY_WORDS, word)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read term statistics", e);
        }
    }

    private double idf(int docFreq) {
        return Math.log(1 + (reader.numDocs() - docFreq + 0.5) / (docFreq + 0.5));
    }

    /**
     * {@link #idf(String)} of the question's words, from the statistics the ranking looked up
     * (or looked up here at once, for a question ranking did not search).
     */
    private java.util.function.ToDoubleFunction<String> wordIdf(QueryPlan plan, TermLookup terms) {
        try {
            TermLookup words = terms.add(Fields.BODY_WORDS, plan.words().keySet());
            return w -> {
                try {
                    return idf(words.docFreq(Fields.BODY_WORDS, w));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read term statistics", e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read term statistics", e);
        }
    }

    private StoredFields storedFields() {
        try {
            return searcher.storedFields();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored fields", e);
        }
    }

    /** The stored fields of a passage's citation. */
    private static final Set<String> CITATION_FIELDS = Set.of(Fields.DOCUMENT_ID, Fields.PASSAGE_ID, Fields.TITLE,
            Fields.LABEL, Fields.CHAPTER, Fields.DOC_NUMBER, Fields.ISSUER, Fields.DATE, Fields.STATUS, Fields.URL);
    /** The stored fields a candidate shows: its citation, text and kind (not category, source, ordinal). */
    private static final Set<String> HIT_FIELDS = Stream.concat(CITATION_FIELDS.stream(),
            Stream.of(Fields.TEXT, Fields.KIND)).collect(Collectors.toUnmodifiableSet());

    /** The article key of a candidate, for evaluation. */
    String articleKey(int doc) {
        try {
            org.apache.lucene.document.Document d = searcher.storedFields().document(doc, Set.of(Fields.TITLE, Fields.LABEL));
            return org.wenzheng.knowledge.ArticleKeys.of(d.get(Fields.TITLE), d.get(Fields.LABEL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /**
     * A ranked passage as a hit. The caller passes one {@link StoredFields} for all its hits (each
     * {@code searcher.storedFields()} is a new reader, which forgets the block it decompressed
     * last) and the question's highlight terms, worked out once.
     */
    private SearchHit passageHit(Candidate c, StoredFields stored, List<String> highlight) {
        try {
            org.apache.lucene.document.Document d = stored.document(c.doc(), HIT_FIELDS);
            Citation citation = citation(d);
            String text = d.get(Fields.TEXT);
            Snippet snippet = Highlighter.snippet(text, highlight);
            String nextTo = c.nextTo() < 0 ? "" : stored.document(c.nextTo(), Set.of(Fields.LABEL)).get(Fields.LABEL);
            return new SearchHit(SearchHit.Kind.valueOf(d.get(Fields.KIND)), citation, text, snippet, c.score(),
                    nextTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + c.doc(), e);
        }
    }

    /** The citation of a passage read with (at least) {@link #CITATION_FIELDS}. */
    private static Citation citation(org.apache.lucene.document.Document d) {
        return new Citation(d.get(Fields.DOCUMENT_ID), d.get(Fields.PASSAGE_ID), d.get(Fields.TITLE),
                d.get(Fields.LABEL), d.get(Fields.CHAPTER), d.get(Fields.DOC_NUMBER), d.get(Fields.ISSUER),
                date(d.get(Fields.DATE)), DocumentStatus.valueOf(d.get(Fields.STATUS)), d.get(Fields.URL));
    }

    private static DocumentMetadata metadata(org.apache.lucene.document.Document d) {
        return new DocumentMetadata(d.get(Fields.DOC_NUMBER), d.get(Fields.ISSUER), date(d.get(Fields.DATE)),
                d.get(Fields.CATEGORY), DocumentStatus.valueOf(d.get(Fields.STATUS)), d.get(Fields.URL));
    }

    private static LocalDate date(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        // The indexer writes LocalDate.toString(): yyyy-MM-dd for any year of a law. Read
        // directly; LocalDate.parse's formatter was a seventh of building a candidate.
        if (isoDigits(s)) {
            try {
                return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                        Integer.parseInt(s, 8, 10, 10));
            } catch (java.time.DateTimeException e) {
                // no such day: the formatter reports it
            }
        }
        return LocalDate.parse(s);
    }

    /** Whether {@code s} is dddd-dd-dd. */
    private static boolean isoDigits(String s) {
        if (s.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The article keys of the ranked passages, best first, each key once: what evaluation scores.
     */
    public List<String> rankedArticleKeys(String question, int limit) {
        checkQuestion(question);
        List<String> out = new ArrayList<>(limit);
        Set<String> seen = new HashSet<>();
        for (Candidate c : rank(queries.plan(question), Math.max(limit, ranking.depth()))) {
            String key = articleKey(c.doc());
            if (seen.add(key)) {
                out.add(key);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** The query analysis, for tests and evaluation. */
    QueryPlan plan(String question) {
        return queries.plan(question);
    }
}
