package org.wenzheng.server.metrics;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Durations counted into fixed buckets, as a Prometheus histogram; safe for concurrent use. */
final class LatencyHistogram {
    /**
     * Upper bounds in seconds: fine below 50 ms (the p99 target of /api/v1/ask), coarse above,
     * where anything is simply slow.
     */
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(long nanos) {
        double seconds = nanos / 1e9;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(seconds);
    }

    /** Cumulative counts per bound, as the exposition format wants them. */
    long[] cumulative() {
        long[] out = new long[BOUNDS.length];
        long running = 0;
        for (int i = 0; i < BOUNDS.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    long count() {
        return count.sum();
    }

    double sum() {
        return sum.sum();
    }
}
