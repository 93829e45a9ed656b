package org.wenzheng.knowledge.index;

import java.time.Duration;

/**
 * How far an indexing run is.
 *
 * @param documents documents indexed so far
 * @param totalDocuments documents to index
 * @param passages  passages indexed so far
 * @param elapsed   time since the run started
 */
public record IndexProgress(int documents, int totalDocuments, long passages, Duration elapsed) {
    /** Passages per second so far. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : passages / s;
    }
}
