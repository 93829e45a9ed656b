package org.wenzheng.knowledge;

import java.util.Objects;

/**
 * One ranked candidate: a document passage or an FAQ entry.
 *
 * @param kind     where it came from
 * @param citation where the passage is published (for an FAQ entry: the FAQ itself, with its sources
 *                 in {@code text} of the answer)
 * @param text     the full passage text (for an FAQ entry: its answer)
 * @param snippet  a highlighted excerpt for display
 * @param score    the ranking score (comparable only within one result list). A search orders its
 *                 first page by this score; below it, the articles next to the best matches come
 *                 first and meaning weighs more (docs/retrieval.md), so scores there need not fall
 * @param nextTo   for an article listed because it stands next to one of the best matches (not for
 *                 its own words), that match's article label (第三十八条); empty otherwise
 */
public record SearchHit(Kind kind, Citation citation, String text, Snippet snippet, double score, String nextTo) {

    /** The origin of a hit. */
    public enum Kind {
        /** An article (第X条) of a legal text. */
        ARTICLE,
        /** A paragraph or headed section of another text. */
        SECTION,
        /** An FAQ entry. */
        FAQ
    }

    public SearchHit {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(snippet, "snippet");
        nextTo = Objects.requireNonNullElse(nextTo, "");
    }

    /** A hit listed for its own match. */
    public SearchHit(Kind kind, Citation citation, String text, Snippet snippet, double score) {
        this(kind, citation, text, snippet, score, "");
    }
}
