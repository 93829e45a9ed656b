package org.wenzheng.knowledge.search;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.wenzheng.knowledge.analysis.ChineseNormalizer;

/**
 * Turns ranking evidence into a confidence in [0,1] that the best candidate answers the question.
 * The evidence: how much of the question's informative vocabulary (IDF-weighted) the best passage
 * covers, how far the best candidate stands above the next, and whether similar answered
 * questions pointed to it. An off-topic question covers little (天气, 你好) or nothing at all.
 */
final class Confidence {
    private Confidence() {
    }

    /** An FAQ match is as good as the closeness of the question to one of its phrasings. */
    static double ofFaq(double similarity) {
        return clamp(logistic(10 * (similarity - 0.45)));
    }

    static double ofPassage(QueryPlan plan, List<LuceneKnowledgeBase.Candidate> ranked, IntFunction<String> text,
            ToDoubleFunction<String> idf) {
        if (ranked.isEmpty()) {
            return 0;
        }
        LuceneKnowledgeBase.Candidate top = ranked.get(0);
        double coverage = coverage(plan.words(), ChineseNormalizer.normalize(text.apply(top.doc())), idf);
        double margin = ranked.size() < 2 ? 1 : (top.score() - ranked.get(1).score()) / Math.max(top.score(), 1e-9);
        double z = -6.0 + 5.0 * coverage + 6.0 * margin + 1.5 * Math.max(0, top.score() - top.bm25());
        return clamp(logistic(z));
    }

    /** IDF-weighted share of the question's words that occur in the passage. */
    static double coverage(Map<String, Integer> words, String passage, ToDoubleFunction<String> idf) {
        double total = 0;
        double covered = 0;
        for (String w : words.keySet()) {
            double weight = idf.applyAsDouble(w);
            total += weight;
            if (passage.contains(w)) {
                covered += weight;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
