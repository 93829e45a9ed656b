package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.index.IndexLayout;
import org.wenzheng.knowledge.index.IndexReport;

/** Building an index with visible progress, shared by the commands that need one. */
final class Indexing {
    private Indexing() {
    }

    /** Indexes the sources of {@code config}, showing progress on {@code err}. */
    static IndexReport index(KnowledgeConfig config, boolean force, PrintWriter err, boolean terminal)
            throws IOException {
        IndexProgressPrinter progress = new IndexProgressPrinter(err, terminal);
        try {
            return KnowledgeBases.index(config, progress, force);
        } finally {
            progress.finish();
        }
    }

    /** What an indexing run did, and each file it skipped. */
    static void printReport(IndexReport r, PrintWriter out) {
        if (r.upToDate()) {
            out.println("index is up to date: " + r.generation());
            return;
        }
        double seconds = r.elapsed().toNanos() / 1e9;
        out.printf(Locale.ROOT, "indexed %s, %s in %.1f s (%.0f passages/s)%n", count(r.documents(), "document"),
                count(r.passages(), "passage"), seconds, seconds > 0 ? r.passages() / seconds : 0);
        out.println("index: " + r.generation());
        if (!r.problems().isEmpty()) {
            out.println("skipped " + count(r.problems().size(), "file") + ":");
            r.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
    }

    /**
     * The FAQ sources the index does not hold: their entries' answers cite the entry, not the
     * article, until the document is added to the knowledge base (or the source is corrected).
     */
    static void printFaqSources(KnowledgeBase kb, PrintWriter out) {
        List<String> unresolved = kb.unresolvedFaqSources();
        if (!unresolved.isEmpty()) {
            out.println(count(unresolved.size(), "FAQ source") + " not in the knowledge base (the answer cites the"
                    + " entry, not the article; add the document to a source folder or correct the source):");
            unresolved.forEach(u -> out.println("  " + u));
            out.flush();
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Opens the configured knowledge base, building its index first when there is none yet, so
     * that a new user's first question just works.
     */
    static KnowledgeBase openBuildingIfMissing(KnowledgeConfig config, PrintWriter err, boolean terminal)
            throws IOException {
        if (new IndexLayout(config.indexDir()).current().isEmpty()) {
            err.println("no index yet in " + config.indexDir() + ": building the index of the knowledge base…");
            err.flush();
            printReport(index(config, false, err, terminal), err);
        }
        return KnowledgeBases.open(config);
    }
}
