package org.wenzheng.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A question answered once and for all: by an administrator in {@code config/}, or by an officer
 * whose answer was reviewed and approved.
 *
 * @param id           stable id
 * @param question     the question as citizens ask it
 * @param alternatives other phrasings of the same question
 * @param answer       the answer text
 * @param sources      where the answer comes from (titles and articles, free text)
 * @param department   the department that owns the answer, may be empty
 */
public record FaqEntry(
        String id, String question, List<String> alternatives, String answer, List<String> sources,
        String department) {
    public FaqEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        alternatives = List.copyOf(Objects.requireNonNullElse(alternatives, List.of()));
        sources = List.copyOf(Objects.requireNonNullElse(sources, List.of()));
        department = Objects.requireNonNullElse(department, "");
    }
}
