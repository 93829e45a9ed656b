package org.wenzheng.knowledge.semantic;

import java.util.List;

/**
 * Turns a text into a vector of unit length whose dot product with another one measures how
 * close the two are in meaning: what lets a lay question (房东不退押金) find an article that shares
 * none of its words (出租人 … 返还). Implementations are thread-safe.
 */
public interface Embedder {
    /** Names the model and its version: vectors of different models are never mixed. */
    String id();

    /** The length of every vector. */
    int dimensions();

    /** The unit vector of one text. */
    float[] embed(String text);

    /** The unit vectors of several texts, in order; faster than one at a time. */
    List<float[]> embedAll(List<String> texts);
}
