package org.wenzheng.knowledge.search;

/**
 * One signal of the second stage: a raw value per candidate passage, before its weight, worked
 * out for one question. The {@link Combiner} weighs and adds the signals; a signal knows nothing
 * of its weight. Implementations are the small classes in {@link Signals}.
 */
interface Signal {
    /** The signal's name in an explanation: the {@link org.wenzheng.knowledge.Ranking} setting of its weight, where it has one. */
    String name();

    /** The raw value of a passage, 0 when the signal says nothing of it. */
    double score(int doc);

    /** The evidence behind {@link #score}, in words, for an explanation; empty when there is none. */
    String explain(int doc);
}
