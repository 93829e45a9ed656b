package org.wenzheng.app.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.wenzheng.knowledge.KnowledgeBase;

/**
 * {@link KnowledgeBase#answer} throughput in this JVM, with as many threads as the server has
 * workers: the ceiling the HTTP server is compared with. A pass answers every question once; the
 * threads take the next unanswered question from a shared counter, as the server's workers take
 * the next request.
 */
final class AnswerThroughput implements AutoCloseable {
    private final KnowledgeBase knowledge;
    private final List<String> questions;
    private final int threads;
    private final ExecutorService pool;

    AnswerThroughput(KnowledgeBase knowledge, List<String> questions, int threads) {
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("no question to answer");
        }
        this.knowledge = knowledge;
        this.questions = List.copyOf(questions);
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load-answer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One timed run: answers per second, and CPU time of this whole JVM per answer (its other
     * threads are idle meanwhile; GC and JIT count, as they do in the server's figure).
     */
    record Result(double perSecond, double cpuMsPerAnswer) {
    }

    /** Answers every question {@code passes} times. */
    Result run(int passes) throws InterruptedException {
        long cpu0 = processCpuNanos();
        int total = questions.size() * passes;
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>(threads);
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    knowledge.answer(questions.get(n % questions.size()));
                }
            }));
        }
        for (Future<?> f : workers) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("answer() failed: " + e.getCause(), e.getCause());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(total / seconds, (processCpuNanos() - cpu0) / 1e6 / total);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
