package org.wenzheng.knowledge;

import java.util.List;

/**
 * A question that was answered by known articles: the unit the engine learns from. The keys are
 * {@link ArticleKeys article keys} so they survive re-indexing and new versions of a document.
 */
public record AnsweredQuestion(String question, List<String> articleKeys) {
    public AnsweredQuestion {
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question must not be blank");
        }
        articleKeys = List.copyOf(articleKeys);
    }
}
