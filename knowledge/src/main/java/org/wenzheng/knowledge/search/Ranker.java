package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.semantic.Embedder;
import org.wenzheng.knowledge.semantic.PassageVectors;

/**
 * Ranks the passages for a question in two stages. The {@link FirstStage} retrieves a pool by
 * BM25; the second scores every candidate (the pool, the articles that answered similar earlier
 * questions, the articles named in the question) with the {@link Signals}, weighed and added by
 * the {@link Combiner}; a deep ranking then puts what lies below its first page in the
 * {@link DeepOrder}.
 */
final class Ranker {
    /**
     * First-stage pool of an answer: an answer needs only the best few passages, and a small pool
     * lets Lucene skip most of the index (block-max WAND). Search and evaluation use the deep pool
     * of {@link Ranking#depth()} for recall; a ranking deeper than this is a deep ranking.
     */
    static final int ANSWER_POOL = 20;

    private static final int[] NONE = new int[0];

    private final Ranking ranking;
    private final IndexTables tables;
    private final FirstStage first;
    private final LearnedHistory history;
    /** The passages' semantic vectors and the model that reads questions alike; null when off or not built. */
    private final PassageVectors vectors;
    private final Embedder embedder;

    Ranker(Ranking ranking, IndexTables tables, FirstStage first, LearnedHistory history, PassageVectors vectors,
            Embedder embedder) {
        this.ranking = ranking;
        this.tables = tables;
        this.first = first;
        this.history = history;
        this.vectors = vectors;
        this.embedder = embedder;
    }

    /**
     * A ranking and the scores of its question, from which any of its candidates can be explained.
     *
     * @param candidates best first
     * @param scores     the weighted signals of the question; null only when there are no candidates
     * @param deep       whether the candidates below the first page are in the {@link DeepOrder}
     */
    record Ranked(List<Candidate> candidates, Combiner scores, boolean deep) {
        static final Ranked NONE = new Ranked(List.of(), null, false);
    }

    /** The best {@code depth} passages for {@code plan}, the statistics of its terms kept in {@code terms}. */
    Ranked rank(QueryPlan plan, int depth, TermLookup terms) {
        if (plan.isEmpty() && plan.articleKeys().isEmpty()) {
            return Ranked.NONE;
        }
        boolean deep = depth > ANSWER_POOL;
        try {
            // Learned associations widen the query for deep recall; an answer's best few passages
            // do not need them, and each adds clauses to the hottest loop.
            Map<String, Double> learnedWords = ranking.associations() > 0 && deep
                    ? history.associatedWords(plan.words().keySet()) : Map.of();
            FirstStage.Pool pool = first.retrieve(plan, depth, learnedWords, terms);
            LearnedHistory.Votes votes = history.votes(plan);
            // Expansion only reaches articles far down the list: worth its cost for deep recall only.
            Map<Integer, Double> expanded = ranking.expansion() > 0 && deep ? history.expansion(plan) : Map.of();
            int[] named = namedDocs(plan);
            // Meaning re-orders the deep pool (it lifts what words ranked low, it brings in nothing
            // new); an answer's few candidates do without its cost (a question's vector: ≈ 2 ms).
            float[] meaning = embedder != null && deep ? embedder.embed(plan.cleaned()) : null;
            Map<Integer, Double> meaningVotes = meaning == null ? Map.of() : history.meaningVotes(meaning);
            Signals.TextMatch text = new Signals.TextMatch(pool);
            Combiner scores = new Combiner(ranking, text,
                    new Signals.LawMention(tables, namedLaws(plan)),
                    new Signals.HistoryVotes(votes),
                    new Signals.Expansion(expanded, text),
                    new Signals.LawVotes(tables, votes),
                    new Signals.ChapterVotes(tables, votes),
                    new Signals.LawPrior(tables, history.lawAnswers()),
                    new Signals.NamedArticle(named),
                    new Signals.SemanticSimilarity(vectors, meaning),
                    new Signals.MeaningVotes(meaningVotes),
                    meaning != null && ranking.tailByMeaning());
            Set<Integer> all = new HashSet<>(pool.scores().keySet());
            all.addAll(votes.docs().keySet());
            all.addAll(expanded.keySet());
            for (int d : named) {
                all.add(d);
            }
            List<Candidate> out = new ArrayList<>(all.size());
            for (int doc : all) {
                out.add(scores.candidate(doc));
            }
            out.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::doc));
            if (deep) {
                out = DeepOrder.order(out, scores, tables, ranking.neighbourReach());
            }
            return new Ranked(out.size() > depth ? out.subList(0, depth) : out, scores, deep);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** The passages of the articles named in the question, sorted, each once. */
    private int[] namedDocs(QueryPlan plan) {
        if (plan.articleKeys().isEmpty()) {
            return NONE;
        }
        IntStream.Builder docs = IntStream.builder();
        for (String key : plan.articleKeys()) {
            for (int d : tables.docs(key)) {
                docs.add(d);
            }
        }
        return docs.build().sorted().distinct().toArray();
    }

    /** The ordinals of the laws named in the question. */
    private int[] namedLaws(QueryPlan plan) {
        if (plan.laws().isEmpty()) {
            return NONE;
        }
        return plan.laws().stream().mapToInt(tables::lawOrdinal).filter(ord -> ord >= 0).distinct().toArray();
    }
}
