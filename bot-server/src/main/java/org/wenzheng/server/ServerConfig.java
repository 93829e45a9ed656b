package org.wenzheng.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the HTTP server needs, validated once at start. Each limit is named after its key in
 * the {@code server:} section of {@code config/wenzheng.yaml}, and so are the messages that reject
 * a bad value, so that the configuration loader can report them under that section.
 *
 * @param host             address to listen on; 127.0.0.1 keeps the server private to this machine
 * @param port             port to listen on; 0 picks a free one (tests)
 * @param maxBodyBytes     largest request body accepted; larger ones are answered 413
 * @param maxQuestionChars longest question or query accepted (the knowledge engine's own limit)
 * @param maxResults       most hits one search may ask for (the knowledge engine's own limit)
 * @param idleTimeout      a connection with no traffic for this long is closed
 * @param workerThreads    threads running knowledge-base work off the event loop
 * @param workerQueue      work waiting for a worker beyond which requests are answered 503 at once
 * @param rateLimit        requests per client address
 * @param answerCache      answers to repeated questions kept in memory
 * @param shutdownGrace    how long requests in flight may take to finish at shutdown
 */
public record ServerConfig(
        String host,
        int port,
        int maxBodyBytes,
        int maxQuestionChars,
        int maxResults,
        Duration idleTimeout,
        int workerThreads,
        int workerQueue,
        RateLimit rateLimit,
        AnswerCache answerCache,
        Duration shutdownGrace) {

    /** Only this machine: exposing the server is a deliberate choice (usually behind a proxy). */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 16 KiB: a question of the longest allowed length in UTF-8 with its JSON fits many times over. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;
    /** Bodies above 16 MiB are never a question; a typo like an extra zero should not allow them. */
    static final int MAX_BODY_BYTES_LIMIT = 16 * 1024 * 1024;
    /** Long enough for a browser's keep-alive between two questions, short enough to free idle sockets. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Two cores: searches are CPU-bound, so a few more threads than cores only add waiting. */
    public static final int DEFAULT_WORKER_THREADS = 4;
    /** About 64 concurrent clients with one request each; beyond it waiting longer helps nobody. */
    public static final int DEFAULT_WORKER_QUEUE = 64;
    static final int MAX_WORKER_THREADS = 1024;
    static final int MAX_WORKER_QUEUE = 100_000;
    /** Enough for an orderly stop of searches that take milliseconds, well below a service manager's kill. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    static final Duration MAX_SHUTDOWN_GRACE = Duration.ofMinutes(10);

    /**
     * Requests per client address to the API, as a token bucket.
     *
     * @param requestsPerMinute the sustained rate a client may keep up
     * @param burst             requests a client may send at once after a pause
     */
    public record RateLimit(int requestsPerMinute, int burst) {
        /** Two questions a second sustained: far above a person typing, below a script hammering. */
        public static final RateLimit DEFAULT = new RateLimit(120, 20);

        public RateLimit {
            if (requestsPerMinute < 1) {
                throw new IllegalArgumentException("rateLimit.requestsPerMinute must be at least 1, got "
                        + requestsPerMinute);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("rateLimit.burst must be at least 1, got " + burst);
            }
        }
    }

    /**
     * Answers to repeated questions (hot during an online interview).
     *
     * @param maxEntries most answers kept; 0 turns the cache off
     * @param ttl        how long an answer is reused
     */
    public record AnswerCache(int maxEntries, Duration ttl) {
        /** Ten minutes: FAQ edits show within that time even without a re-index. */
        public static final AnswerCache DEFAULT = new AnswerCache(10_000, Duration.ofMinutes(10));

        public AnswerCache {
            Objects.requireNonNull(ttl, "ttl");
            if (maxEntries < 0) {
                throw new IllegalArgumentException("answerCache.maxEntries must not be negative, got " + maxEntries);
            }
            if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("answerCache.ttlSeconds must be at least 1, got "
                        + ttl.toSeconds());
            }
        }
    }

    public ServerConfig {
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(answerCache, "answerCache");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        host = host.strip();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0,65535], got " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxBodyBytes must be in [1," + MAX_BODY_BYTES_LIMIT + "], got "
                    + maxBodyBytes);
        }
        if (maxQuestionChars < 1) {
            throw new IllegalArgumentException("maxQuestionChars must be at least 1, got " + maxQuestionChars);
        }
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, got " + maxResults);
        }
        if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("idleTimeoutSeconds must be at least 1, got " + idleTimeout.toSeconds());
        }
        if (workerThreads < 1 || workerThreads > MAX_WORKER_THREADS) {
            throw new IllegalArgumentException("workerThreads must be in [1," + MAX_WORKER_THREADS + "], got "
                    + workerThreads);
        }
        if (workerQueue < 0 || workerQueue > MAX_WORKER_QUEUE) {
            throw new IllegalArgumentException("workerQueue must be in [0," + MAX_WORKER_QUEUE + "], got "
                    + workerQueue);
        }
        if (shutdownGrace.isNegative() || shutdownGrace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
            throw new IllegalArgumentException("shutdownGraceSeconds must be in [0," + MAX_SHUTDOWN_GRACE.toSeconds()
                    + "], got " + shutdownGrace.toSeconds());
        }
    }

    /** The defaults, with the knowledge engine's limits. */
    public static ServerConfig defaults(int maxQuestionChars, int maxResults) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES, maxQuestionChars, maxResults,
                DEFAULT_IDLE_TIMEOUT, DEFAULT_WORKER_THREADS, DEFAULT_WORKER_QUEUE, RateLimit.DEFAULT,
                AnswerCache.DEFAULT, DEFAULT_SHUTDOWN_GRACE);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, shutdownGrace);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, shutdownGrace);
    }

    public ServerConfig withMaxBodyBytes(int n) {
        return new ServerConfig(host, port, n, maxQuestionChars, maxResults, idleTimeout, workerThreads, workerQueue,
                rateLimit, answerCache, shutdownGrace);
    }

    public ServerConfig withWorkers(int threads, int queue) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, threads, queue,
                rateLimit, answerCache, shutdownGrace);
    }

    public ServerConfig withRateLimit(RateLimit r) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, r, answerCache, shutdownGrace);
    }

    public ServerConfig withAnswerCache(AnswerCache c) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, c, shutdownGrace);
    }

    public ServerConfig withShutdownGrace(Duration g) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, g);
    }
}
