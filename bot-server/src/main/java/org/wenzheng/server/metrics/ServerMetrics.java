package org.wenzheng.server.metrics;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The server's counters, exposed on {@code /metrics} in the Prometheus text format (version
 * 0.0.4). Label values are route patterns and fixed words, never raw paths or user input, so the
 * number of series stays bounded.
 */
public final class ServerMetrics {
    /** Why a request was refused before any work was done. */
    public enum Rejection {
        /** 429: the client's token bucket was empty. */
        RATE_LIMITED,
        /** 503: every worker busy and the queue full. */
        OVERLOADED,
        /** 408 or a closed connection: a request's line and headers took longer than requestHeadTimeoutSeconds. */
        REQUEST_HEAD_TIMEOUT,
        /** 408 or a closed connection: a request's body arrived slower than its timeout allows. */
        REQUEST_BODY_TIMEOUT,
        /** Not read: a request pipelined beyond maxPipelinedRequests (the connection closes after the last answer). */
        PIPELINED_TOO_DEEP;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record RequestKey(String endpoint, String method, int status) {
    }

    private static final Comparator<RequestKey> ORDER = Comparator.comparing(RequestKey::endpoint)
            .thenComparing(RequestKey::method).thenComparingInt(RequestKey::status);

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LatencyHistogram> latency = new ConcurrentHashMap<>();
    private final LongAdder answered = new LongAdder();
    private final LongAdder notAnswered = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    private record Counter(String help, LongSupplier value) {
    }
    private final JvmMemory jvm = new JvmMemory();

    /** One request answered: by route pattern, method and status, with its duration. */
    public void request(String endpoint, String method, int status, long nanos) {
        requests.computeIfAbsent(new RequestKey(endpoint, method, status), k -> new LongAdder()).increment();
        latency.computeIfAbsent(endpoint, k -> new LatencyHistogram()).observe(nanos);
    }

    /** A question answered with confidence, or not. */
    public void answer(boolean wasAnswered) {
        (wasAnswered ? answered : notAnswered).increment();
    }

    /** An answer-cache lookup. */
    public void cacheLookup(boolean hit) {
        (hit ? cacheHits : cacheMisses).increment();
    }

    public void rejected(Rejection why) {
        rejected.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    /** A value read at each scrape (requests in flight, queue depth). */
    public void gauge(String name, IntSupplier value) {
        gauges.put(name, value);
    }

    /** A counter kept by a feature (deliveries, failures), read at each scrape; its name ends in _total. */
    public void counter(String name, String help, LongSupplier value) {
        counters.put(name, new Counter(help, value));
    }

    /** Requests counted so far with this endpoint and status (for tests and checks). */
    public long requests(String endpoint, int status) {
        return requests.entrySet().stream()
                .filter(e -> e.getKey().endpoint().equals(endpoint) && e.getKey().status() == status)
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** All metrics in the Prometheus text exposition format. */
    public String exposition() {
        StringBuilder sb = new StringBuilder(4096);
        header(sb, "wenzheng_http_requests_total", "counter", "HTTP requests answered, by route, method and status.");
        Map<RequestKey, LongAdder> sorted = new TreeMap<>(ORDER);
        sorted.putAll(requests);
        sorted.forEach((k, v) -> sb.append("wenzheng_http_requests_total{endpoint=\"").append(escape(k.endpoint()))
                .append("\",method=\"").append(escape(k.method())).append("\",status=\"").append(k.status())
                .append("\"} ").append(v.sum()).append('\n'));

        header(sb, "wenzheng_http_request_duration_seconds", "histogram",
                "Time from receiving a request to writing its answer, by route.");
        new TreeMap<>(latency).forEach((endpoint, h) -> histogram(sb, endpoint, h));

        header(sb, "wenzheng_answers_total", "counter", "Questions to /api/v1/ask, answered with confidence or not.");
        sb.append("wenzheng_answers_total{answered=\"true\"} ").append(answered.sum()).append('\n');
        sb.append("wenzheng_answers_total{answered=\"false\"} ").append(notAnswered.sum()).append('\n');

        header(sb, "wenzheng_answer_cache_requests_total", "counter", "Answer cache lookups, by result.");
        sb.append("wenzheng_answer_cache_requests_total{result=\"hit\"} ").append(cacheHits.sum()).append('\n');
        sb.append("wenzheng_answer_cache_requests_total{result=\"miss\"} ").append(cacheMisses.sum()).append('\n');

        header(sb, "wenzheng_rejected_requests_total", "counter",
                "Requests refused before any work: rate limited (429), overloaded (503), too slow to arrive"
                        + " (408: request_head_timeout, request_body_timeout), pipelined too deep (not read).");
        for (Rejection r : Rejection.values()) {
            LongAdder n = rejected.get(r);
            sb.append("wenzheng_rejected_requests_total{reason=\"").append(r.label()).append("\"} ")
                    .append(n == null ? 0 : n.sum()).append('\n');
        }

        new TreeMap<>(counters).forEach((name, counter) -> {
            header(sb, name, "counter", counter.help());
            sb.append(name).append(' ').append(counter.value().getAsLong()).append('\n');
        });

        new TreeMap<>(gauges).forEach((name, value) -> {
            header(sb, name, "gauge", "Current value.");
            sb.append(name).append(' ').append(value.getAsInt()).append('\n');
        });
        jvm.appendTo(sb);
        return sb.toString();
    }

    private static void histogram(StringBuilder sb, String endpoint, LatencyHistogram h) {
        String label = "endpoint=\"" + escape(endpoint) + "\"";
        long[] cumulative = h.cumulative();
        for (int i = 0; i < LatencyHistogram.BOUNDS.length; i++) {
            sb.append("wenzheng_http_request_duration_seconds_bucket{").append(label).append(",le=\"")
                    .append(number(LatencyHistogram.BOUNDS[i])).append("\"} ").append(cumulative[i]).append('\n');
        }
        long count = h.count();
        sb.append("wenzheng_http_request_duration_seconds_bucket{").append(label).append(",le=\"+Inf\"} ")
                .append(count).append('\n');
        sb.append("wenzheng_http_request_duration_seconds_sum{").append(label).append("} ").append(number(h.sum()))
                .append('\n');
        sb.append("wenzheng_http_request_duration_seconds_count{").append(label).append("} ").append(count)
                .append('\n');
    }

    private static void header(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double d) {
        return Double.toString(d);
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
