package org.wenzheng.server.interviews;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.server.privacy.LogValues;
import org.wenzheng.server.chat.AnswerCache;
import org.wenzheng.server.chat.ApiShapes;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * What happens to questions: a citizen's question is answered by the bot when it can be (through
 * the answer cache: during an interview the same questions come again and again), then stored,
 * merged into a near-duplicate or queued; at the end, the unanswered ones are escalated, and their
 * tickets' answers are published when they come (会后答复). Blocks: called on worker threads.
 */
final class QuestionDesk {
    private static final Logger log = LoggerFactory.getLogger(QuestionDesk.class);

    private final InterviewStore store;
    private final AnswerCache answers;
    private final DuplicateDetector duplicates;
    private final double threshold;
    private final Optional<Escalator> escalator;
    private final ServerMetrics metrics;

    QuestionDesk(InterviewStore store, AnswerCache answers, DuplicateDetector duplicates, double threshold,
            Optional<Escalator> escalator, ServerMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
        this.threshold = threshold;
        this.escalator = Objects.requireNonNull(escalator, "escalator");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Whether escalations can be made now (a tickets service is plugged in). */
    boolean canEscalate() {
        return escalator.isPresent();
    }

    /**
     * Stores a question, answered by the bot when it is confident. A failing bot (index closed)
     * does not lose the question: it is queued for the guests instead.
     */
    InterviewStore.Submitted submit(long interviewId, String question, String askerName) {
        InterviewStore.BotAnswer bot = null;
        try {
            AnswerCache.Lookup found = answers.answer(question);
            Answer a = found.answer();
            metrics.answer(a.answered());
            if (a.answered()) {
                bot = new InterviewStore.BotAnswer(a.text(), ApiShapes.sourcesJson(a), a.confidence());
            }
        } catch (RuntimeException e) {
            log.warn("interview={} the bot could not answer, the question is queued: {}", interviewId, e.toString());
        }
        String key = duplicates.key(question);
        InterviewStore.Submitted s = store.submit(interviewId, new InterviewStore.Submission(question, key, askerName),
                joinable -> DuplicateDetector.nearest(key, joinable, threshold), bot);
        log.info("interview={} question={} outcome={} entry={} question={}", interviewId, s.questionId(),
                s.outcome().name().toLowerCase(Locale.ROOT), s.entry() == null ? null : s.entry().id(),
                LogValues.citizenText(question));
        return s;
    }

    /**
     * Makes tickets of the questions waiting for escalation, one at a time: each is marked as soon
     * as its ticket exists, so a failure part way leaves the rest waiting for the next attempt.
     *
     * @return how many became tickets now
     */
    synchronized int escalate(Interview interview) {
        if (escalator.isEmpty()) {
            return 0;
        }
        int made = 0;
        for (InterviewQuestion q : store.toEscalate(interview.id())) {
            String code = escalator.get().escalate(interview, q);
            if (store.markEscalated(q.id(), code)) {
                made++;
            }
            log.info("interview={} question={} escalated as ticket {}", interview.id(), q.id(), code);
        }
        return made;
    }

    /**
     * 会后答复: publishes the answer to an escalated question's ticket in its event's transcript,
     * in the transaction that records the answer (see {@link Escalator#onAnswer}). A ticket no
     * question waits for changes nothing.
     *
     * @return the question published, or empty
     */
    Optional<InterviewQuestion> publishLater(Connection c, String ticketCode, String department, String text,
            Instant at) throws SQLException {
        Optional<InterviewQuestion> published = store.publishTicketAnswer(c, ticketCode, department, text, at);
        published.ifPresent(q -> log.info("interview={} question={} answered after the event by {} (ticket {}),"
                + " feed seq {}", q.interviewId(), q.id(), department, ticketCode, q.feedSeq()));
        return published;
    }

    /** How many questions of the event still wait for escalation. */
    int waiting(long interviewId) {
        List<InterviewQuestion> left = store.toEscalate(interviewId);
        return left.size();
    }
}
