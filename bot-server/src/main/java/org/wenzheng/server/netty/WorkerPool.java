package org.wenzheng.server.netty;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pool that runs blocking work off the event loops: the workers (knowledge-base calls,
 * database) and, apart from them, the password hashing of logins. A fixed number of threads and a
 * bounded queue: when both are full, {@link #execute} refuses at once, so that the server answers
 * 503 (429 for a login) instead of letting waiting work pile up without bound.
 */
public final class WorkerPool implements Executor {
    private final ThreadPoolExecutor executor;

    /**
     * @param name    the threads' name prefix, as seen in thread dumps
     * @param threads worker threads
     * @param queue   tasks that may wait for a thread; 0 for none (a task runs at once or is refused)
     */
    public WorkerPool(String name, int threads, int queue) {
        BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, q,
                new DefaultThreadFactory(name, true), new ThreadPoolExecutor.AbortPolicy());
        // With a SynchronousQueue a task is only taken by a thread already waiting: start them all now.
        executor.prestartAllCoreThreads();
    }

    /**
     * Runs a task on a worker.
     *
     * @throws RejectedExecutionException when every worker is busy and the queue is full, or at shutdown
     */
    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Tasks waiting for a worker. */
    public int queued() {
        return executor.getQueue().size();
    }

    /** Workers running a task. */
    public int busy() {
        return executor.getActiveCount();
    }

    /** Refuses new work, lets running and queued work finish for up to {@code timeout}, then interrupts it. */
    public boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        if (executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return true;
        }
        executor.shutdownNow();
        return false;
    }
}
