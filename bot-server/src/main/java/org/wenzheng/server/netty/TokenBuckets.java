package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;

/**
 * One {@link TokenBucket} per key (a client address; a username and address), all with the same
 * rate. They live in a bounded Caffeine cache and expire once they would be full again anyway, so
 * that idle keys cost nothing; beyond {@code maxKeys} the least recently used are forgotten (they
 * get a full bucket). Thread-safe.
 */
public final class TokenBuckets {
    private final ServerConfig.RateLimit limit;
    private final Ticker ticker;
    private final Cache<String, TokenBucket> buckets;

    /**
     * @param maxKeys keys tracked at once
     * @param ticker  the time of the refill
     */
    public TokenBuckets(ServerConfig.RateLimit limit, int maxKeys, Ticker ticker) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        long refill = TokenBucket.refillNanos(limit.requestsPerMinute(), limit.burst());
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofNanos(Math.max(refill, TimeUnit.SECONDS.toNanos(1))))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Takes a token of this key's bucket: 0 when one was there, else the nanoseconds until the next one. */
    public long tryTake(String key) {
        long now = ticker.read();
        return buckets.get(key, k -> new TokenBucket(limit.requestsPerMinute(), limit.burst(), now)).tryTake(now);
    }

    /**
     * Takes a token of this key's bucket, or refuses.
     *
     * @param what what was too frequent, as a person reads it (提交太频繁了)
     * @throws ApiException 429 {@code rate_limited} with {@code Retry-After} and "{what}，请 N 秒后再试"
     */
    public void take(String key, String what) {
        long wait = tryTake(key);
        if (wait > 0) {
            long seconds = retryAfterSeconds(wait);
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                    what + "，请 " + seconds + " 秒后再试", Map.of(HttpHeaderNames.RETRY_AFTER.toString(),
                            Long.toString(seconds)));
        }
    }

    /** A wait in whole seconds, rounded up and at least 1: the value of a {@code Retry-After}. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }
}
