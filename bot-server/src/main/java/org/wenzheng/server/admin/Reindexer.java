package org.wenzheng.server.admin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.index.IndexReport;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.faq.ApprovedAnswers;

/**
 * Re-indexes every knowledge source in the background, one run at a time, and then serves the new
 * index: it is opened beside the served one, given the approved answers (FAQ entries and the
 * questions they answered, {@link ApprovedAnswers}), and swapped in
 * ({@link SwappableKnowledgeBase}), so neither a restart nor a failed request is needed. Its own
 * thread does the work: the request workers stay free for citizens.
 *
 * <p>The indexer publishes the new generation atomically; a run that fails leaves the served index
 * as it was.
 */
final class Reindexer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);
    /** How long a run in progress at shutdown may take to notice the stop. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** Where a run is: idle (none yet), running, done or failed. */
    enum State {
        IDLE, RUNNING, DONE, FAILED
    }

    /**
     * What the page shows about the latest run.
     *
     * @param problems files the indexer skipped, each message naming the file
     * @param stage    while running: {@code text}, or {@code semantic} (then documents / total
     *                 count passages with a vector / passages in force, and passages those embedded)
     */
    record Status(State state, String startedBy, String startedAt, String finishedAt, int documents,
            int totalDocuments, long passages, double passagesPerSecond, double elapsedSeconds,
            List<String> problems, String error, String stage) {
        static final Status IDLE = new Status(State.IDLE, null, null, null, 0, 0, 0, 0, 0, List.of(), null, "text");

        Status {
            problems = List.copyOf(problems);
        }

        Status progress(IndexProgress p) {
            return new Status(state, startedBy, startedAt, null, p.documents(), p.totalDocuments(), p.passages(),
                    p.rate(), p.elapsed().toNanos() / 1e9, List.of(), null,
                    p.stage().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final KnowledgeConfig config;
    private final SwappableKnowledgeBase served;
    private final Supplier<ApprovedAnswers> approved;
    private final Object knowledgeLock;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wenzheng-reindex");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Status> status = new AtomicReference<>(Status.IDLE);
    /** Sees every status the run goes through (the page polls; a test may watch each step). */
    private final Consumer<Status> observer;
    /** Told of the run's steps on its thread (a test may hold the run there). */
    private final Consumer<IndexProgress> listener;

    /**
     * @param approved      the approved FAQ entries and the questions they answered, read when the
     *                      new index is opened
     * @param knowledgeLock held while the new index gets the approved answers and is swapped in, and
     *                      by approvals: an approval made meanwhile reaches one or the other
     */
    Reindexer(KnowledgeConfig config, SwappableKnowledgeBase served, Supplier<ApprovedAnswers> approved,
            Object knowledgeLock, Clock clock) {
        this(config, served, approved, knowledgeLock, clock, s -> { });
    }

    /** @param observer called with each status, on the thread that sets it */
    Reindexer(KnowledgeConfig config, SwappableKnowledgeBase served, Supplier<ApprovedAnswers> approved,
            Object knowledgeLock, Clock clock, Consumer<Status> observer) {
        this(config, served, approved, knowledgeLock, clock, observer, p -> { });
    }

    /**
     * @param listener called on the run's thread: once as the run begins, before the documents are
     *                 listed (0 of an unknown total, 0 then), and with each progress of the indexer
     *                 once the status shows it
     */
    Reindexer(KnowledgeConfig config, SwappableKnowledgeBase served, Supplier<ApprovedAnswers> approved,
            Object knowledgeLock, Clock clock, Consumer<Status> observer, Consumer<IndexProgress> listener) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.served = Objects.requireNonNull(served, "served");
        this.approved = Objects.requireNonNull(approved, "approved");
        this.knowledgeLock = Objects.requireNonNull(knowledgeLock, "knowledgeLock");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Status status() {
        return status.get();
    }

    private void set(Status s) {
        status.set(s);
        observer.accept(s);
    }

    /**
     * Starts a run unless one is running.
     *
     * @return the run's first status, or empty when a run is already going on
     */
    Optional<Status> start(String by) {
        Status before = status.get();
        if (before.state() == State.RUNNING) {
            return Optional.empty();
        }
        Status running = new Status(State.RUNNING, by, clock.instant().toString(), null, 0, 0, 0, 0, 0, List.of(), null, "text");
        if (!status.compareAndSet(before, running)) {
            return Optional.empty();
        }
        observer.accept(running);
        thread.execute(this::run);
        return Optional.of(running);
    }

    private void run() {
        Status started = status.get();
        try {
            listener.accept(new IndexProgress(0, 0, 0, Duration.ZERO));
            IndexReport report = KnowledgeBases.index(config, p -> {
                observer.accept(status.updateAndGet(s -> s.progress(p)));
                listener.accept(p);
            }, true);
            KnowledgeBase next = KnowledgeBases.open(config);
            try {
                synchronized (knowledgeLock) {
                    approved.get().teach(next);
                    served.swap(next);
                }
            } catch (RuntimeException e) {
                next.close();
                throw e;
            }
            double seconds = report.elapsed().toNanos() / 1e9;
            set(new Status(State.DONE, started.startedBy(), started.startedAt(), clock.instant().toString(),
                    report.documents(), report.documents(), report.passages(),
                    seconds > 0 ? report.passages() / seconds : 0, seconds, report.problems(), null, "text"));
            log.info("re-indexed by {}: {} documents, {} passages in {} s, {} file(s) skipped; now served",
                    started.startedBy(), report.documents(), report.passages(), Math.round(seconds),
                    report.problems().size());
        } catch (IOException | RuntimeException e) {
            log.error("re-indexing started by {} failed; the previous index is still served", started.startedBy(), e);
            Status s = status.get();
            set(new Status(State.FAILED, s.startedBy(), s.startedAt(), clock.instant().toString(), s.documents(),
                    s.totalDocuments(), s.passages(), s.passagesPerSecond(), s.elapsedSeconds(), s.problems(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), s.stage()));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("a re-index was still running at shutdown; the served index is unchanged");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
