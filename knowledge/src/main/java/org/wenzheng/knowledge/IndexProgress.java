package org.wenzheng.knowledge;

import java.time.Duration;

/**
 * How far an indexing run is.
 *
 * @param stage     what is being built
 * @param documents documents indexed so far (semantic stage: passages with a vector so far)
 * @param totalDocuments documents to index (semantic stage: passages in force)
 * @param passages  passages indexed so far (semantic stage: passages embedded so far, not from the cache)
 * @param elapsed   time since the stage started
 */
public record IndexProgress(Stage stage, int documents, int totalDocuments, long passages, Duration elapsed) {
    /** The two stages of a build. */
    public enum Stage {
        /** Reading, splitting and indexing the text of the documents. */
        TEXT,
        /** Computing the semantic vectors of the passages in force. */
        SEMANTIC
    }

    /** Progress of the text stage. */
    public IndexProgress(int documents, int totalDocuments, long passages, Duration elapsed) {
        this(Stage.TEXT, documents, totalDocuments, passages, elapsed);
    }

    /** Passages per second so far. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : passages / s;
    }
}
