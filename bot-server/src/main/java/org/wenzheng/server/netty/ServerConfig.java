package org.wenzheng.server.netty;

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
 * @param connections      how long a request may take to arrive, and how many one connection may pipeline
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
        Duration shutdownGrace,
        Connections connections) {

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

    /**
     * What one connection may hold of the server while its requests arrive. The idle timeout
     * cannot do this: it restarts with every byte, so a client sending its headers a byte at a
     * time (slowloris) would keep its connection, and a worker's worth of memory, for ever.
     *
     * @param requestHeadTimeout           from the first byte of a request until its request line and
     *                                     headers are read; then the connection is closed (408 when
     *                                     nothing else is still to be answered on it)
     * @param requestBodyTimeout           time allowed to receive a body, on top of the time its size
     *                                     needs at {@code requestBodyMinBytesPerSecond}
     * @param requestBodyMinBytesPerSecond the slowest rate a body may arrive at once its timeout has
     *                                     passed: each such many bytes received earn one more second;
     *                                     0 makes the body timeout a fixed limit
     * @param maxPipelinedRequests         requests one connection may have sent and not yet been
     *                                     answered (HTTP/1.1 pipelining); those are answered in order,
     *                                     the last with {@code Connection: close}, and later ones are
     *                                     not read
     */
    public record Connections(Duration requestHeadTimeout, Duration requestBodyTimeout,
            int requestBodyMinBytesPerSecond, int maxPipelinedRequests) {
        // Before DEFAULT, which the constructor checks against them.
        static final Duration MAX_REQUEST_HEAD_TIMEOUT = Duration.ofMinutes(5);
        static final Duration MAX_REQUEST_BODY_TIMEOUT = Duration.ofHours(1);
        static final int MAX_PIPELINED_REQUESTS = 1024;

        /**
         * A browser sends its headers in one packet; ten seconds is generous over a slow mobile
         * link. Bodies: 20 s, then 500 bytes a second, as Apache's mod_reqtimeout defaults, which
         * lets a 10 MiB upload take about 6 minutes, and a question a few seconds.
         */
        public static final Connections DEFAULT = new Connections(Duration.ofSeconds(10), Duration.ofSeconds(20), 500,
                32);

        public Connections {
            Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
            Objects.requireNonNull(requestBodyTimeout, "requestBodyTimeout");
            if (requestHeadTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || requestHeadTimeout.compareTo(MAX_REQUEST_HEAD_TIMEOUT) > 0) {
                throw new IllegalArgumentException("requestHeadTimeoutSeconds must be in [1,"
                        + MAX_REQUEST_HEAD_TIMEOUT.toSeconds() + "], got " + requestHeadTimeout.toSeconds());
            }
            if (requestBodyTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || requestBodyTimeout.compareTo(MAX_REQUEST_BODY_TIMEOUT) > 0) {
                throw new IllegalArgumentException("requestBodyTimeoutSeconds must be in [1,"
                        + MAX_REQUEST_BODY_TIMEOUT.toSeconds() + "], got " + requestBodyTimeout.toSeconds());
            }
            if (requestBodyMinBytesPerSecond < 0) {
                throw new IllegalArgumentException("requestBodyMinBytesPerSecond must not be negative, got "
                        + requestBodyMinBytesPerSecond);
            }
            if (maxPipelinedRequests < 1 || maxPipelinedRequests > MAX_PIPELINED_REQUESTS) {
                throw new IllegalArgumentException("maxPipelinedRequests must be in [1," + MAX_PIPELINED_REQUESTS
                        + "], got " + maxPipelinedRequests);
            }
        }
    }

    public ServerConfig {
        Objects.requireNonNull(connections, "connections");
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
                AnswerCache.DEFAULT, DEFAULT_SHUTDOWN_GRACE, Connections.DEFAULT);
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, shutdownGrace, connections);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, shutdownGrace, connections);
    }

    public ServerConfig withMaxBodyBytes(int n) {
        return new ServerConfig(host, port, n, maxQuestionChars, maxResults, idleTimeout, workerThreads, workerQueue,
                rateLimit, answerCache, shutdownGrace, connections);
    }

    public ServerConfig withWorkers(int threads, int queue) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, threads, queue,
                rateLimit, answerCache, shutdownGrace, connections);
    }

    public ServerConfig withRateLimit(RateLimit r) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, r, answerCache, shutdownGrace, connections);
    }

    public ServerConfig withAnswerCache(AnswerCache c) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, c, shutdownGrace, connections);
    }

    public ServerConfig withConnections(Connections c) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, shutdownGrace, c);
    }

    public ServerConfig withShutdownGrace(Duration g) {
        return new ServerConfig(host, port, maxBodyBytes, maxQuestionChars, maxResults, idleTimeout, workerThreads,
                workerQueue, rateLimit, answerCache, g, connections);
    }
}
