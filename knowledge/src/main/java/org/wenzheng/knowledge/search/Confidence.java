package org.wenzheng.knowledge.search;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.wenzheng.knowledge.analysis.ChineseNormalizer;

/**
 * Turns ranking evidence into a confidence in [0,1] that the best candidate answers the question.
 *
 * <p>A passage is trusted only when several independent signals agree, so the confidence is a
 * product of soft gates rather than a sum in which one strong signal could hide a missing one:
 * <ul>
 *   <li><b>coverage</b>: the best passage (with its title and chapter) contains most of the
 *       question's informative words, weighted by IDF;</li>
 *   <li><b>margin</b>: it stands clearly above the next candidate;</li>
 *   <li><b>agreement</b>: plain text matching ranks it first too, not only the re-ranking by
 *       laws and earlier questions;</li>
 *   <li><b>evidence</b>: the covered words carry enough information in total, so that a one-word
 *       greeting (哈哈, 你好) that happens to occur somewhere is not an answer.</li>
 * </ul>
 * Measured on the STARD questions (5-fold, see docs/retrieval.md), candidates above 0.7 were
 * right about 85% of the time, 0.3–0.7 about 65%, below 0.1 about 24%.
 */
final class Confidence {
    /** Coverage at which the coverage gate is half open. */
    static final double COVERAGE_MIDPOINT = 0.7;
    /** Relative margin over the runner-up at which the margin gate is half open. */
    static final double MARGIN_MIDPOINT = 0.05;
    /** Covered IDF mass needed for full evidence (about three informative words). */
    static final double FULL_EVIDENCE_IDF = 25;
    /** Factor applied when text matching alone would have ranked another passage first. */
    static final double DISAGREEMENT_FACTOR = 0.2;
    /** Confidence when the question names the article itself (劳动合同法第三十九条). */
    static final double NAMED_ARTICLE = 0.95;

    private Confidence() {
    }

    /**
     * How strongly an FAQ match's closeness, coverage and margin speak for it, and the bias
     * against answering: chosen on the tuning half of the FAQ evaluation set
     * (config/knowledge/eval), on a grid of weights, each with the least negative bias at which
     * that half's FAQ answers were at least 95 % right and at most 5 % of its near misses were
     * answered, keeping the weights that answered most of its answerable questions.
     */
    static final double FAQ_SIMILARITY_WEIGHT = 2;
    static final double FAQ_COVERAGE_WEIGHT = 6;
    static final double FAQ_MARGIN_WEIGHT = 2;
    static final double FAQ_BIAS = -6.375;

    /**
     * The confidence that the best FAQ match answers the question: it rises with the closeness of
     * the question to one of the entry's phrasings (IDF-weighted, so shared generic words such as
     * 申请 or 公开 count little), with the share of the question's informative words that the
     * entry contains (a question about 职责 or 发票 is not answered by an entry that never says
     * so), and with its margin over the runner-up entry.
     *
     * @param matches the best matches, best first
     */
    static double ofFaq(List<FaqMatcher.Match> matches) {
        if (matches.isEmpty()) {
            return 0;
        }
        FaqMatcher.Match top = matches.get(0);
        double margin = matches.size() < 2 ? 1
                : (top.score() - matches.get(1).score()) / Math.max(top.score(), 1e-9);
        return clamp(logistic(FAQ_SIMILARITY_WEIGHT * top.similarity() + FAQ_COVERAGE_WEIGHT * top.coverage()
                + FAQ_MARGIN_WEIGHT * margin + FAQ_BIAS));
    }

    /**
     * @param bestText the best passage with its title and chapter path
     */
    static double ofPassage(QueryPlan plan, List<Candidate> ranked, String bestText,
            ToDoubleFunction<String> idf) {
        if (ranked.isEmpty()) {
            return 0;
        }
        Candidate top = ranked.get(0);
        if (top.named()) {
            return NAMED_ARTICLE;
        }
        Coverage cover = Coverage.of(plan.words(), ChineseNormalizer.normalize(bestText), idf);
        if (cover.total() == 0) {
            return 0;
        }
        double margin = ranked.size() < 2 ? 1 : (top.score() - ranked.get(1).score()) / Math.max(top.score(), 1e-9);
        boolean agrees = top.bm25() >= 0.999;
        double evidence = Math.min(1, cover.covered() / FULL_EVIDENCE_IDF);
        double c = logistic(25 * (cover.share() - COVERAGE_MIDPOINT))
                * logistic(40 * (margin - MARGIN_MIDPOINT))
                * (agrees ? 1 : DISAGREEMENT_FACTOR)
                * evidence * evidence;
        return clamp(c);
    }

    /** The IDF mass of a question's words, and how much of it a passage contains. */
    record Coverage(double covered, double total) {
        static Coverage of(Map<String, Integer> words, String passage, ToDoubleFunction<String> idf) {
            double total = 0;
            double covered = 0;
            for (String w : words.keySet()) {
                double weight = idf.applyAsDouble(w);
                total += weight;
                if (passage.contains(w)) {
                    covered += weight;
                }
            }
            return new Coverage(covered, total);
        }

        /** IDF-weighted share of the question's words that occur in the passage. */
        double share() {
            return total == 0 ? 0 : covered / total;
        }
    }

    private static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
