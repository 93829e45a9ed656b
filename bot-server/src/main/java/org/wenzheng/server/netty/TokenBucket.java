package org.wenzheng.server.netty;

/**
 * A token bucket: holds up to {@code burst} tokens, refilled continuously at the configured rate;
 * each request takes one. Time comes from the caller (a Ticker's nanoseconds) so that tests
 * advance it instead of sleeping.
 */
public final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long last;

    public TokenBucket(int requestsPerMinute, int burst, long nowNanos) {
        this.capacity = burst;
        this.tokensPerNano = requestsPerMinute / 60e9;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes a token: 0 when one was there, else the nanoseconds until the next one (nothing taken). */
    public synchronized long tryTake(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * tokensPerNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
    }

    /** Nanoseconds a bucket needs to fill up from empty: after that long unused it equals a new one. */
    public static long refillNanos(int requestsPerMinute, int burst) {
        return (long) Math.ceil(burst / (requestsPerMinute / 60e9));
    }
}
