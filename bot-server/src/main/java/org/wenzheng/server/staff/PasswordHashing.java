package org.wenzheng.server.staff;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.wenzheng.server.netty.WorkerPool;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;

/**
 * The work that hashes passwords (a login's check, an administrator's password change), on a
 * small pool of its own: PBKDF2 costs a third of a second to a second of CPU per password by
 * design, so on the workers that answer citizens a few dozen logins (an attack, or a shift logging
 * in at once) would take every core and every worker from them. Here at most
 * {@code staff.hashThreads} hashes run at once and {@code staff.hashQueue} wait; beyond that a
 * task is refused at once with 429 and {@code Retry-After}, holding no thread.
 *
 * <p>A task runs whole on the pool, with the few milliseconds of database work around its hash
 * (finding the account, opening the session): a login then never waits for a citizen's worker,
 * and the database work of logins is bounded by the same cap.
 */
final class PasswordHashing implements AutoCloseable {
    /** The message of a refusal; the wait is filled in. */
    static final String BUSY_MESSAGE = "登录和密码操作过多，请 %d 秒后再试";
    /** What a task is assumed to take until one has been measured: a hash at the default iterations. */
    static final Duration INITIAL_TASK_ESTIMATE = Duration.ofMillis(500);

    private final PasswordHasher hasher;
    private final WorkerPool pool;
    private final int threads;
    private final int queue;
    private final Ticker ticker;
    /** A moving average of the tasks' durations, for Retry-After. */
    private final AtomicLong meanTaskNanos = new AtomicLong(INITIAL_TASK_ESTIMATE.toNanos());

    /**
     * @param threads hashes run at once ({@code staff.hashThreads})
     * @param queue   tasks that may wait for one of them ({@code staff.hashQueue}); 0 for none
     * @param ticker  the time of the tasks' durations
     */
    public PasswordHashing(PasswordHasher hasher, int threads, int queue, Ticker ticker) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must not be negative, got " + queue);
        }
        this.threads = threads;
        this.queue = queue;
        this.pool = new WorkerPool("wenzheng-password", threads, queue);
    }

    /** The hasher the tasks use (on the pool's threads only). */
    public PasswordHasher hasher() {
        return hasher;
    }

    /**
     * Runs a task that hashes on the pool.
     *
     * @return the task's result or failure, completed on the pool's thread
     * @throws ApiException 429 {@code rate_limited} with {@code Retry-After} when every thread is
     *                      busy and the queue is full, or at shutdown
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            pool.execute(() -> {
                long start = ticker.read();
                try {
                    result.complete(task.call());
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    long took = ticker.read() - start;
                    // A quarter of the newest: a few tasks move the estimate, one outlier hardly.
                    meanTaskNanos.updateAndGet(mean -> mean + (took - mean) / 4);
                }
            });
        } catch (RejectedExecutionException e) {
            long seconds = retryAfterSeconds();
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                    String.format(BUSY_MESSAGE, seconds),
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds)));
        }
        return result;
    }

    /** Whole seconds until the tasks now waiting are done, at least 1. */
    long retryAfterSeconds() {
        long nanos = Math.max(0, meanTaskNanos.get()) * (queue + threads) / threads;
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /** Tasks waiting for a thread. */
    public int queued() {
        return pool.queued();
    }

    /** Threads running a task. */
    public int busy() {
        return pool.busy();
    }

    /**
     * Refuses new tasks, lets running and queued ones finish for up to {@code timeout}, then
     * interrupts them.
     *
     * @return whether every task finished in time
     */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        return pool.shutdown(timeout);
    }

    /** Shuts down, giving the tasks a second. */
    @Override
    public void close() {
        try {
            shutdown(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
