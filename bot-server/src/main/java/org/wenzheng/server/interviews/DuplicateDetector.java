package org.wenzheng.server.interviews;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.knowledge.analysis.QuestionKey;

/**
 * Tells near-identical questions apart from different ones, for the bursts of an online interview
 * ("如何申请政府信息公开？", "請問怎樣申請政府信息公開"): a question is reduced to its {@link QuestionKey}
 * (width and script folded, the stop phrases of the knowledge engine removed, only letters and
 * digits kept), and two keys are compared by the Jaccard similarity of their character bigrams,
 * which needs no word segmentation and is insensitive to small insertions.
 */
final class DuplicateDetector {
    private final QuestionKey key;

    /** @param stopPhrases phrases removed from questions (请问, 如何 …), as the knowledge engine's list */
    DuplicateDetector(List<String> stopPhrases) {
        this.key = QuestionKey.of(stopPhrases);
    }

    /** The question reduced for comparison. */
    String key(String question) {
        return key.key(question);
    }

    /**
     * The entry a question of this key duplicates: the most similar at or above the threshold, the
     * oldest of equally similar ones; empty when none is that similar.
     *
     * @param entries   the candidates, oldest first
     * @param threshold the similarity from which a question is a near-duplicate, in [0,1]
     */
    static Optional<InterviewStore.Keyed> nearest(String key, List<InterviewStore.Keyed> entries, double threshold) {
        InterviewStore.Keyed best = null;
        double bestScore = -1;
        for (InterviewStore.Keyed e : entries) {
            double score = similarity(key, e.key());
            if (score >= threshold && score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The character-bigram Jaccard similarity of two keys, in [0,1]; a one-character key is its own bigram. */
    static double similarity(String a, String b) {
        Set<String> x = bigrams(a);
        Set<String> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return x.isEmpty() && y.isEmpty() ? 1 : 0;
        }
        int common = 0;
        for (String g : x) {
            if (y.contains(g)) {
                common++;
            }
        }
        return (double) common / (x.size() + y.size() - common);
    }

    private static Set<String> bigrams(String key) {
        int[] cps = key.codePoints().toArray();
        Set<String> out = new HashSet<>();
        if (cps.length == 1) {
            out.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            out.add(new String(cps, i, 2));
        }
        return out;
    }
}
