package org.wenzheng.server.chat;

import java.util.List;
import java.util.Optional;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;

/**
 * A knowledge base that only answers, for tests of what the server does around an answer (caching,
 * storing); subclasses say how it answers. Everything else is empty.
 */
abstract class AnswerOnlyEngine implements KnowledgeBase {
    /** Bumped to say the index changed. */
    long indexVersion = 1;

    @Override
    public Stats stats() {
        return new Stats(1, 1, 0, 0, indexVersion);
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        return List.of();
    }

    @Override
    public List<Explanation> explain(String query, int limit) {
        return List.of();
    }

    @Override
    public List<Citation> citedArticles(String text) {
        return List.of();
    }

    @Override
    public Optional<Document> document(String documentId) {
        return Optional.empty();
    }

    @Override
    public void learn(List<AnsweredQuestion> answered) {
    }

    @Override
    public List<String> unresolvedFaqSources() {
        return List.of();
    }

    @Override
    public void putFaq(List<FaqEntry> entries) {
    }

    @Override
    public void close() {
    }
}
