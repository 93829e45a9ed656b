package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Which words of official texts answer which words of lay questions, learned from answered
 * questions: when questions containing 保护期 were answered by articles saying 有效期, a later
 * question about 保护期 also searches for 有效期. Thread-safe; learning replaces the tables.
 */
final class TermAssociations {
    /** Questions a word must have appeared in before its associations are trusted. */
    static final int MIN_QUESTIONS = 2;
    /** Associated words added per question word. */
    static final int PER_WORD = 3;
    /** Share of a word's questions an association must reach. */
    static final double MIN_SHARE = 0.3;

    /** question word → (answer word → number of questions with that pair). */
    private final Map<String, Map<String, Integer>> pairs = new HashMap<>();
    /** question word → number of answered questions containing it. */
    private final Map<String, Integer> questions = new HashMap<>();

    /**
     * Records one answered question: its words and the words of the articles that answered it.
     */
    synchronized void add(Set<String> questionWords, Set<String> answerWords) {
        for (String q : questionWords) {
            questions.merge(q, 1, Integer::sum);
            Map<String, Integer> row = pairs.computeIfAbsent(q, k -> new HashMap<>());
            for (String a : answerWords) {
                if (!questionWords.contains(a)) {
                    row.merge(a, 1, Integer::sum);
                }
            }
        }
    }

    /** The prepared best associations of each question word. */
    private volatile Map<String, Map<String, Double>> best = Map.of();

    /**
     * Computes the best associations of every question word once, after learning, so that
     * expanding a question is a few map lookups.
     *
     * @param idf weighs answer words, so that 的/规定 never qualify
     */
    synchronized void prepare(ToDoubleFunction<String> idf, double minIdf) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Map.Entry<String, Map<String, Integer>> row : pairs.entrySet()) {
            int n = questions.getOrDefault(row.getKey(), 0);
            if (n < MIN_QUESTIONS) {
                continue;
            }
            List<Map.Entry<String, Integer>> kept = new ArrayList<>();
            for (Map.Entry<String, Integer> e : row.getValue().entrySet()) {
                if ((double) e.getValue() / n >= MIN_SHARE && e.getKey().length() >= 2
                        && idf.applyAsDouble(e.getKey()) >= minIdf) {
                    kept.add(e);
                }
            }
            kept.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            Map<String, Double> top = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : kept.subList(0, Math.min(PER_WORD, kept.size()))) {
                top.put(e.getKey(), (double) e.getValue() / n);
            }
            if (!top.isEmpty()) {
                out.put(row.getKey(), Map.copyOf(top));
            }
        }
        best = Map.copyOf(out);
    }

    /** Official words associated with the question's words, weighted in (0,1]. */
    Map<String, Double> expand(Set<String> questionWords) {
        Map<String, Map<String, Double>> table = best;
        Map<String, Double> out = new HashMap<>();
        for (String q : questionWords) {
            Map<String, Double> row = table.get(q);
            if (row != null) {
                row.forEach((a, w) -> {
                    if (!questionWords.contains(a)) {
                        out.merge(a, w, Math::max);
                    }
                });
            }
        }
        return out;
    }
}
