package org.wenzheng.server.replies;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before the next attempt after a transient failure: {@code initial}, multiplied
 * by {@code factor} after each failed attempt, never more than {@code max}; then a random share of
 * it (between half and all of it) so that many rows failing together (SMTP down) do not all retry
 * in the same second when it comes back.
 *
 * @param initial the wait after the first failure
 * @param max     the longest wait: a row retried for days is still retried at least this often
 * @param factor  the growth per failed attempt, at least 1
 */
public record Backoff(Duration initial, Duration max, double factor) {
    /** 5 s, doubling, at most one hour: a short SMTP outage costs seconds, a long one an hourly try. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), 2.0);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initialBackoffSeconds must be positive, got " + initial.toSeconds());
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maxBackoffSeconds must be at least initialBackoffSeconds ("
                    + initial.toSeconds() + "), got " + max.toSeconds());
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("backoffFactor must be a number of at least 1, got " + factor);
        }
    }

    /**
     * The wait after {@code failures} failed attempts (1: the first failure).
     *
     * @param jitter a random number in [0,1): 0 waits half the computed time, almost 1 all of it
     */
    public Duration delay(int failures, double jitter) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0,1), got " + jitter);
        }
        double millis = initial.toMillis() * Math.pow(factor, failures - 1);
        double capped = Math.min(millis, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (0.5 + jitter / 2)));
    }
}
