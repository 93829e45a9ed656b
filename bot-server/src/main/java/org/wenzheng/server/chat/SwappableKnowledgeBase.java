package org.wenzheng.server.chat;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;

/**
 * The knowledge base the server serves, replaceable while it runs: a re-index opens the new
 * generation beside the old one and {@link #swap}s it in. Requests that started on the old one
 * finish on it; it is closed when the last of them lets go (reference counting), so no request
 * in flight fails and no index stays open longer than needed.
 *
 * <p>Each call takes a reference to the generation current at that moment and gives it back when
 * it returns. The holder keeps one reference of its own to the current generation, dropped by the
 * swap that replaces it.
 *
 * <p>What was put into the old generation at run time ({@link #putFaq}, {@link #learn}) is not
 * carried over: whoever swaps puts it into the new one first (the admin feature puts the approved
 * answers, which are stored: FAQ entries and the questions they answered, see faq.ApprovedAnswers).
 */
public final class SwappableKnowledgeBase implements KnowledgeBase {
    private static final Logger log = LoggerFactory.getLogger(SwappableKnowledgeBase.class);

    /**
     * The served generation's number goes into the high bits of {@link Stats#indexVersion}: two
     * generations built from the same files may report the same Lucene version, and the answer
     * cache must still see the change. Lucene versions and FAQ mutation counts stay far below 2^40.
     */
    private static final int GENERATION_SHIFT = 40;

    private final AtomicReference<Generation> current;
    private final Object changes = new Object();
    private volatile boolean closed;

    /**
     * Held by whoever changes what is served beyond a single call: a re-index while the new
     * generation learns the approved answers and is swapped in, an FAQ approval while it teaches
     * the served one. Neither then misses the other's change.
     */
    public Object changes() {
        return changes;
    }

    public SwappableKnowledgeBase(KnowledgeBase first) {
        current = new AtomicReference<>(new Generation(Objects.requireNonNull(first, "first"), 0));
    }

    /** One opened knowledge base and the calls using it (plus one for the holder while it is current). */
    private static final class Generation {
        final KnowledgeBase kb;
        final long number;
        final AtomicInteger references = new AtomicInteger(1);

        Generation(KnowledgeBase kb, long number) {
            this.kb = kb;
            this.number = number;
        }

        /** Takes a reference unless the generation is already closed (its count reached zero). */
        boolean acquire() {
            for (int n = references.get(); n > 0; n = references.get()) {
                if (references.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (references.decrementAndGet() == 0) {
                try {
                    kb.close();
                } catch (IOException | RuntimeException e) {
                    log.error("closing the replaced knowledge base failed", e);
                }
            }
        }
    }

    /**
     * Serves {@code next} from now on. Calls already running finish on the previous knowledge base,
     * which is closed when the last of them returns (at once when none runs).
     *
     * @throws IllegalStateException when this holder was closed; {@code next} is closed then
     */
    public void swap(KnowledgeBase next) {
        Objects.requireNonNull(next, "next");
        Generation old;
        synchronized (this) {
            if (closed) {
                closeQuietly(next);
                throw new IllegalStateException("the knowledge base was closed");
            }
            old = current.get();
            current.set(new Generation(next, old.number + 1));
        }
        old.release();
    }

    private <T> T use(Function<Generation, T> call) {
        while (true) {
            Generation g = current.get();
            if (g.acquire()) {
                try {
                    return call.apply(g);
                } finally {
                    g.release();
                }
            }
            if (closed) {
                throw new IllegalStateException("the knowledge base was closed");
            }
            // Swapped out and closed between get() and acquire(): the next get() sees its successor.
        }
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        return use(g -> g.kb.search(query, limit));
    }

    @Override
    public List<Explanation> explain(String query, int limit) {
        return use(g -> g.kb.explain(query, limit));
    }

    @Override
    public Answer answer(String question) {
        return use(g -> g.kb.answer(question));
    }

    @Override
    public List<Citation> citedArticles(String text) {
        return use(g -> g.kb.citedArticles(text));
    }

    @Override
    public Optional<Document> document(String documentId) {
        return use(g -> g.kb.document(documentId));
    }

    @Override
    public void learn(List<AnsweredQuestion> answered) {
        use(g -> {
            g.kb.learn(answered);
            return null;
        });
    }

    @Override
    public void putFaq(List<FaqEntry> entries) {
        use(g -> {
            g.kb.putFaq(entries);
            return null;
        });
    }

    @Override
    public List<String> unresolvedFaqSources() {
        return use(g -> g.kb.unresolvedFaqSources());
    }

    @Override
    public Stats stats() {
        return use(g -> {
            Stats s = g.kb.stats();
            return new Stats(s.documents(), s.passages(), s.faqEntries(), s.answeredQuestions(),
                    (g.number << GENERATION_SHIFT) + s.indexVersion());
        });
    }

    /** Closes the current knowledge base once the calls running on it return; later calls fail. */
    @Override
    public void close() {
        Generation g;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            g = current.get();
        }
        g.release();
    }

    private static void closeQuietly(KnowledgeBase kb) {
        try {
            kb.close();
        } catch (IOException | RuntimeException e) {
            log.error("closing a knowledge base failed", e);
        }
    }
}
