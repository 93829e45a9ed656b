package org.wenzheng.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * Why a search hit ranked where it did, for staff asking about a ranking: the part every
 * ranking signal had in its score, and how it was placed. See docs/retrieval.md for what each
 * signal measures.
 *
 * @param hit           the hit, as {@link KnowledgeBase#search} returns it
 * @param contributions every signal's part in the score, in the order they are added
 * @param total         the sum of the contributions: the hit's score
 * @param order         how the hit was placed: by its score (the first page), next to one of the
 *                      best matches, or by the deep order below the first page
 */
public record Explanation(SearchHit hit, List<Contribution> contributions, double total, String order) {

    public Explanation {
        Objects.requireNonNull(hit, "hit");
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(order, "order");
    }

    /**
     * One signal's part in a score: {@code contribution = weight × raw}.
     *
     * @param signal       the signal's name: the {@link Ranking} setting of its weight where it has one
     *                     ({@code history}, {@code semantic} …)
     * @param raw          the signal's value for this hit, before its weight
     * @param weight       the weight the ranking gives the signal
     * @param contribution what it added to the score
     * @param detail       the evidence behind the raw value, in words; empty when there is none
     */
    public record Contribution(String signal, double raw, double weight, double contribution, String detail) {
        public Contribution {
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
