package org.wenzheng.knowledge.search;

/**
 * A passage candidate of the second stage with the parts of its score.
 *
 * @param doc    the passage's doc id
 * @param bm25   its first-stage score relative to the best one (1 for the best text match)
 * @param named  whether the question names its article
 * @param score  the score that orders the first page: the sum of the weighted signals
 * @param tail   the score that orders the candidates below the first page of a deep ranking
 * @param nextTo the best passage this one was placed after the first page for, as its
 *               neighbour; -1 when it is placed for its own score
 */
record Candidate(int doc, double bm25, boolean named, double score, double tail, int nextTo) {
    Candidate(int doc, double bm25, boolean named, double score, double tail) {
        this(doc, bm25, named, score, tail, -1);
    }

    Candidate placedNextTo(int anchor) {
        return new Candidate(doc, bm25, named, score, tail, anchor);
    }
}
