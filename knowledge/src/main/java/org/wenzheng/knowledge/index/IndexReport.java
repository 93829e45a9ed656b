package org.wenzheng.knowledge.index;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of an indexing run.
 *
 * @param generation the generation now served
 * @param upToDate   true when nothing changed since the last build and nothing was rebuilt
 * @param documents  documents indexed
 * @param passages   passages indexed
 * @param problems   files skipped, each message naming the file
 * @param elapsed    wall time of the run
 */
public record IndexReport(Path generation, boolean upToDate, int documents, long passages,
        List<String> problems, Duration elapsed) {
    public IndexReport {
        problems = List.copyOf(problems);
    }
}
