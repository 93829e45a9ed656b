package org.wenzheng.knowledge.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Retrieval figures over a set of questions, as defined for the STARD data: R@k is the share of
 * a question's relevant articles found in the top k, averaged over questions; MRR@10 is the mean
 * reciprocal rank of the first relevant article within the top 10 (0 when none).
 * {@code answered} is the share of questions answered at the threshold and
 * {@code answeredPrecision1} the share of those whose answer is a relevant article.
 */
public final class Metrics {
    private int queries;
    private double r1;
    private double r5;
    private double r10;
    private double r100;
    private double mrr10;
    private int answered;
    private int answeredCorrect;

    /**
     * Adds one question.
     *
     * @param ranked   article keys, best first, each at most once
     * @param relevant the keys that answer it
     * @param answered whether the engine answered it
     * @param answerKey the key of the article given as the answer (when answered)
     */
    public void add(List<String> ranked, List<String> relevant, boolean answered, String answerKey) {
        Set<String> rel = new HashSet<>(relevant);
        queries++;
        r1 += recall(ranked, rel, 1);
        r5 += recall(ranked, rel, 5);
        r10 += recall(ranked, rel, 10);
        r100 += recall(ranked, rel, 100);
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (rel.contains(ranked.get(i))) {
                mrr10 += 1.0 / (i + 1);
                break;
            }
        }
        if (answered) {
            this.answered++;
            if (answerKey != null && rel.contains(answerKey)) {
                answeredCorrect++;
            }
        }
    }

    static double recall(List<String> ranked, Set<String> relevant, int k) {
        if (relevant.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                found++;
            }
        }
        return (double) found / relevant.size();
    }

    /** Adds the questions of another set (another fold). */
    public void addAll(Metrics other) {
        queries += other.queries;
        r1 += other.r1;
        r5 += other.r5;
        r10 += other.r10;
        r100 += other.r100;
        mrr10 += other.mrr10;
        answered += other.answered;
        answeredCorrect += other.answeredCorrect;
    }

    /** The averaged figures. */
    public Result result() {
        double n = Math.max(1, queries);
        return new Result(queries, r1 / n, r5 / n, r10 / n, r100 / n, mrr10 / n, answered / n,
                answered == 0 ? 0 : (double) answeredCorrect / answered);
    }

    /** Averaged figures over a set of questions. */
    public record Result(int queries, double recall1, double recall5, double recall10, double recall100,
            double mrr10, double answered, double answeredPrecision1) {
    }
}
