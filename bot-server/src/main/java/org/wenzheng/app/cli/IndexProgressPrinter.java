package org.wenzheng.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.wenzheng.knowledge.IndexProgress;

/**
 * Shows indexing progress (the indexer reports about once a second): rewritten in place with
 * {@code \r} at a terminal, one line per report otherwise (logs, CI).
 */
final class IndexProgressPrinter implements Consumer<IndexProgress> {
    private final PrintWriter err;
    private final boolean terminal;
    private int lastLength;
    private IndexProgress.Stage lastStage = IndexProgress.Stage.TEXT;

    IndexProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void accept(IndexProgress p) {
        String line = p.stage() == IndexProgress.Stage.SEMANTIC
                ? String.format(Locale.ROOT, "semantic vectors: %d/%d passages, %d embedded (%.0f passages/s), "
                        + "the rest from the cache, %.1f s", p.documents(), p.totalDocuments(), p.passages(), p.rate(),
                        p.elapsed().toNanos() / 1e9)
                : String.format(Locale.ROOT, "indexed %d/%d documents, %d passages, %.0f passages/s",
                        p.documents(), p.totalDocuments(), p.passages(), p.rate());
        if (p.stage() != lastStage) {
            // A new stage gets its own line: the last figures of the one before stay readable.
            finish();
            lastStage = p.stage();
        }
        if (terminal) {
            // Pad over the previous line's tail when this one is shorter.
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the line rewritten in place, if any; call once the run is over. */
    void finish() {
        if (lastLength > 0) {
            err.println();
            err.flush();
            lastLength = 0;
        }
    }
}
