package org.wenzheng.knowledge;

import java.util.Objects;

/**
 * A citable piece of a document: an article (第X条, 第X条之一) of a legal text, or a paragraph or
 * headed section of another text.
 *
 * @param id      stable id, unique in the knowledge base
 * @param label   the article label (第五十四条) or section heading; may be empty for a paragraph
 * @param chapter the chapter/section path it sits in (第一编 总则 / 第二章 自然人), may be empty
 * @param text    the passage text, without its label
 * @param kind    {@link SearchHit.Kind#ARTICLE} or {@link SearchHit.Kind#SECTION}
 */
public record Passage(String id, String label, String chapter, String text, SearchHit.Kind kind) {
    public Passage {
        Objects.requireNonNull(id, "id");
        label = Objects.requireNonNullElse(label, "");
        chapter = Objects.requireNonNullElse(chapter, "");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
