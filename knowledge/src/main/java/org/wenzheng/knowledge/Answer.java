package org.wenzheng.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * The engine's reply to a question: either an answer with its citations, or an honest "not
 * confident" with the best candidates it found.
 *
 * @param answered   whether the engine is confident enough to answer
 * @param text       the answer text (an FAQ answer or the best passage); empty when not answered
 * @param confidence calibrated confidence in [0,1] that {@code text} answers the question
 * @param citations  the sources of the answer; empty when not answered
 * @param candidates the best candidates, best first (also given when not answered)
 * @param source     the kind of the best candidate, or null when nothing matched at all
 */
public record Answer(
        boolean answered,
        String text,
        double confidence,
        List<Citation> citations,
        List<SearchHit> candidates,
        SearchHit.Kind source) {

    public Answer {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        candidates = List.copyOf(candidates);
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence must be in [0,1]: " + confidence);
        }
    }
}
