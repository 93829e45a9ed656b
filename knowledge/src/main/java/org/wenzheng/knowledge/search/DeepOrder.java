package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The order of a deep ranking (search and evaluation) below its first page. The candidates come
 * sorted by {@link Candidate#score()}, which is best at the very top, where the words that match
 * weigh most. Below the first {@link #FIRST_PAGE} passages:
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
final class DeepOrder {
    /** A deep ranking's first page: kept in the order of {@link Candidate#score()}. */
    static final int FIRST_PAGE = 10;
    /** The best passages whose neighbouring articles are placed right after the first page. */
    static final int NEIGHBOUR_ANCHORS = 5;
    /** Weight of the matched words in the order below the first page (1 on the first page). */
    static final double TAIL_WORDS = 0.35;
    /** Weight of the votes of questions close in meaning below the first page. */
    static final double TAIL_MEANING_VOTES = 0.9;

    private DeepOrder() {
    }

    /**
     * {@code byScore} in the deep order; neighbours outside the pool are scored by {@code scores}.
     */
    static List<Candidate> order(List<Candidate> byScore, Combiner scores, IndexTables tables, int neighbourReach) {
        int head = Math.min(FIRST_PAGE, byScore.size());
        List<Candidate> out = new ArrayList<>(byScore.size() + 4 * NEIGHBOUR_ANCHORS * neighbourReach);
        Set<Integer> placed = new HashSet<>();
        for (Candidate c : byScore.subList(0, head)) {
            out.add(c);
            placed.add(c.doc());
        }
        Map<Integer, Candidate> pooled = new HashMap<>();
        for (Candidate c : byScore.subList(head, byScore.size())) {
            pooled.put(c.doc(), c);
        }
        for (int distance = 1; distance <= neighbourReach; distance++) {
            for (Candidate anchor : byScore.subList(0, Math.min(NEIGHBOUR_ANCHORS, head))) {
                for (int side : new int[] {-distance, distance}) {
                    int n = tables.neighbour(anchor.doc(), side);
                    if (n >= 0 && placed.add(n)) {
                        Candidate c = pooled.get(n);
                        out.add((c != null ? c : scores.candidate(n)).placedNextTo(anchor.doc()));
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
     * Why the candidate at {@code rank} (0 for the best) of a ranking stands there, in words.
     *
     * @param deep         whether the ranking was put in the deep order
     * @param anchorLabel  the article label of the passage it was placed next to (when it was)
     */
    static String explain(List<Candidate> ranked, int rank, boolean deep, Combiner scores, String anchorLabel) {
        Candidate c = ranked.get(rank);
        if (c.nextTo() >= 0) {
            int anchorRank = 0;
            while (ranked.get(anchorRank).doc() != c.nextTo()) {
                anchorRank++;
            }
            return "第一页之后：" + anchorLabel + "（条文第 " + (anchorRank + 1) + " 名）的相邻条文；最好的 "
                    + NEIGHBOUR_ANCHORS + " 条的相邻条文紧接第一页，排在其余候选之前";
        }
        // Fewer candidates than a page leave no rest: every one not placed as a neighbour is on the first page.
        if (!deep || rank < FIRST_PAGE) {
            return "按总分排序" + (deep ? "（条文的第一页：前 " + FIRST_PAGE + " 条）" : "");
        }
        if (!scores.tailByMeaning()) {
            return "第一页之后：其余候选按总分排序";
        }
        return String.format(Locale.ROOT, "第一页之后：其余候选按深层分数 %.4f 排序"
                + "（总分 − %.2f × text + %.2f × meaningVotes，意思比字面重）", c.tail(),
                Combiner.TEXT_WEIGHT - TAIL_WORDS, TAIL_MEANING_VOTES - Combiner.MEANING_VOTE_WEIGHT);
    }
}
