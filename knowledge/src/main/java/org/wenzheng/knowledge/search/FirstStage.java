package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.index.Fields;

/**
 * The first stage: one BM25 query over the words and bigrams of passage text, title and chapter
 * (only passages in force carry these fields, so nothing repealed is found), plus the articles of
 * any law named in the question. Its scores are the text signal of the second stage; its pool is what
 * the second stage re-ranks.
 */
final class FirstStage {
    /** Articles taken from a law named in the question, beside the global top. */
    static final int NAMED_LAW_DEPTH = 50;

    /**
     * Words pass of an answer: this many candidates are re-scored with bigrams, which reorder
     * them. The words search is the largest part of an answer, and its top-k scoring skips more
     * the fewer hits it keeps: 20 instead of 50 made answer() about 10 % cheaper, with the same
     * 5-fold answered share (0.095) and answered precision@1 (0.897) on the STARD questions, and
     * no answered question citing another article (docs/benchmarks.md).
     */
    static final int RESCORE_POOL = Ranker.ANSWER_POOL;

    private final IndexSearcher searcher;
    private final IndexReader reader;
    private final Ranking ranking;

    FirstStage(IndexSearcher searcher, Ranking ranking) {
        this.searcher = searcher;
        this.reader = searcher.getIndexReader();
        this.ranking = ranking;
    }

    /**
     * The passages matching a question, with their BM25 scores.
     *
     * @param scores doc id → BM25 score, in the order found
     * @param top    the best score (0 when nothing matched)
     */
    record Pool(Map<Integer, Double> scores, double top) {
    }

    /**
     * The pool of {@code depth} passages for {@code plan}, with {@code learnedWords} (official words
     * learned to go with the question's) added to the query.
     */
    Pool retrieve(QueryPlan plan, int depth, Map<String, Double> learnedWords, TermLookup terms) throws IOException {
        Map<Integer, Double> bm25 = new HashMap<>();
        if (plan.isEmpty()) {
            return new Pool(bm25, 0);
        }
        // One pass collects a deep pool; laws and chapters favoured by earlier questions then
        // pick their articles out of it, instead of one filtered search each.
        lookUp(terms, plan, learnedWords.keySet());
        Query textQuery = textQuery(plan, learnedWords, true, terms);
        TopDocs top;
        if (depth <= RESCORE_POOL && ranking.bigramBody() > 0 && !plan.words().isEmpty()) {
            // Answers need the best few: words find them with Lucene's fast top-k scoring,
            // bigrams then re-score only those candidates instead of scanning the index.
            TopDocs byWords = topDocs(searcher, textQuery(plan, learnedWords, false, terms), RESCORE_POOL);
            top = byWords.scoreDocs.length == 0 ? searcher.search(textQuery, depth)
                    : QueryRescorer.rescore(searcher, byWords, bigramQuery(plan, terms), 1.0, depth);
        } else {
            top = searcher.search(textQuery, depth);
        }
        double max = top.scoreDocs.length == 0 ? 0 : top.scoreDocs[0].score;
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
        return new Pool(bm25, max);
    }

    /**
     * The best {@code n} hits of {@code query}, without counting every match: with Lucene's
     * default (count exactly up to 1,000 hits) the top-k scorers cannot skip a single document
     * until a thousand have matched, which common question words always reach. The hits are the
     * same; only {@link TopDocs#totalHits}, which nothing here reads, becomes a lower bound.
     */
    static TopDocs topDocs(IndexSearcher searcher, Query query, int n) throws IOException {
        return searcher.search(query, new TopScoreDocCollectorManager(n, null, 1));
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
    ToDoubleFunction<String> wordIdf(QueryPlan plan, TermLookup terms) {
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
}
