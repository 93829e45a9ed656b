package org.wenzheng.server.netty;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;

/**
 * The real knowledge base behind a gate: {@link #answer} waits until the test opens it (so a
 * request can be held in flight), and can be told to fail. Everything else is delegated.
 */
public final class GatedKnowledgeBase implements KnowledgeBase {
    /** Long enough for any slow machine, short enough that a broken test ends. */
    private static final long WAIT_SECONDS = 30;

    private final KnowledgeBase real;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile RuntimeException answerFailure;
    private volatile RuntimeException statsFailure;
    private volatile boolean closed;

    public GatedKnowledgeBase(KnowledgeBase real) {
        this.real = real;
    }

    /** Lets every waiting and later answer through. */
    public void open() {
        open.countDown();
    }

    /** Waits until an answer is waiting at the gate. */
    public void awaitEntered() throws InterruptedException {
        if (!entered.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no question reached the knowledge base");
        }
    }

    void failAnswersWith(RuntimeException e) {
        answerFailure = e;
    }

    void failStatsWith(RuntimeException e) {
        statsFailure = e;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public Answer answer(String question) {
        entered.countDown();
        try {
            if (!open.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate", e);
        }
        if (answerFailure != null) {
            throw answerFailure;
        }
        return real.answer(question);
    }

    @Override
    public Stats stats() {
        if (statsFailure != null) {
            throw statsFailure;
        }
        return real.stats();
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        return real.search(query, limit);
    }

    @Override
    public List<Explanation> explain(String query, int limit) {
        return real.explain(query, limit);
    }

    @Override
    public List<Citation> citedArticles(String text) {
        return real.citedArticles(text);
    }

    @Override
    public Optional<Document> document(String documentId) {
        return real.document(documentId);
    }

    @Override
    public void learn(List<AnsweredQuestion> answered) {
        real.learn(answered);
    }

    @Override
    public List<String> unresolvedFaqSources() {
        return real.unresolvedFaqSources();
    }

    @Override
    public void putFaq(List<FaqEntry> entries) {
        real.putFaq(entries);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        real.close();
    }
}
