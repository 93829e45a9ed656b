package org.wenzheng.knowledge.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.wenzheng.knowledge.IndexProgress;

/**
 * More work an index generation needs before it is served, done by another part of the engine
 * (the semantic vectors of {@code semantic.PassageVectors}): run on a new generation before it
 * is published, and on the served one when it lacks it (the step was switched on since).
 */
public interface GenerationStep {
    /** Whether this generation already holds the step's work. */
    boolean doneIn(Path generation) throws IOException;

    /** Does the work in this generation, reporting progress. */
    void run(Path generation, Consumer<IndexProgress> progress) throws IOException;
}
