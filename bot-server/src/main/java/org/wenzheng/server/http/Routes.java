package org.wenzheng.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The route table: path patterns ({@code /api/v1/documents/{id}}, a {@code {name}} segment matches
 * any one segment) with one endpoint per method. Built once at start, read-only after.
 */
public final class Routes {
    /** The metrics label of requests that match no route: unknown paths must not grow the label set. */
    public static final String UNMATCHED = "unmatched";

    private final List<PathRoute> table;

    private Routes(List<PathRoute> table) {
        this.table = List.copyOf(table);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The outcome of looking a request up. */
    public sealed interface Match {
        /** A route serves this method and path. */
        record Found(String pattern, Endpoint endpoint, Map<String, String> params) implements Match {
        }

        /** No route has this path (404). */
        record NotFound() implements Match {
        }

        /** A route has this path but not this method (405 with an Allow header). */
        record MethodNotAllowed(String pattern, Set<HttpMethod> allowed) implements Match {
            /** The value of the Allow header: GET, HEAD, POST. */
            public String allowHeader() {
                return allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            }
        }
    }

    /**
     * Looks up a request. HEAD is served by the GET endpoint (Netty's codec then sends no body).
     *
     * @param rawPath the path as sent, still percent-encoded, without the query
     * @throws ApiException 400 when the path is not valid percent-encoding
     */
    public Match match(HttpMethod method, String rawPath) {
        List<String> segments = segments(rawPath);
        for (PathRoute r : table) {
            Map<String, String> params = r.pattern.match(segments);
            if (params == null) {
                continue;
            }
            Endpoint e = r.endpoints.get(method);
            if (e == null && HttpMethod.HEAD.equals(method)) {
                e = r.endpoints.get(HttpMethod.GET);
            }
            return e == null ? new Match.MethodNotAllowed(r.pattern.text, r.allowed())
                    : new Match.Found(r.pattern.text, e, params);
        }
        return new Match.NotFound();
    }

    /** The pattern serving a path, whatever the method, or {@link #UNMATCHED}: a label of bounded variety. */
    public String label(String rawPath) {
        List<String> segments;
        try {
            segments = segments(rawPath);
        } catch (ApiException e) {
            return UNMATCHED;
        }
        for (PathRoute r : table) {
            if (r.pattern.match(segments) != null) {
                return r.pattern.text;
            }
        }
        return UNMATCHED;
    }

    /**
     * The path as it may be logged: the segments a route declares secret ({@link Builder#secret})
     * replaced by what {@code hide} makes of them, every other segment as sent.
     *
     * @param rawPath the path as sent, still percent-encoded, without the query
     */
    public String loggable(String rawPath, UnaryOperator<String> hide) {
        List<String> segments;
        try {
            segments = segments(rawPath);
        } catch (ApiException e) {
            return rawPath;
        }
        for (PathRoute r : table) {
            if (r.pattern.match(segments) == null) {
                continue;
            }
            if (r.secrets.isEmpty()) {
                return rawPath;
            }
            String[] raw = (rawPath.startsWith("/") ? rawPath.substring(1) : rawPath).split("/", -1);
            for (int i = 0; i < raw.length; i++) {
                if (r.secrets.contains(PathPattern.paramName(r.pattern.segments.get(i)))) {
                    raw[i] = hide.apply(raw[i]);
                }
            }
            return "/" + String.join("/", raw);
        }
        return rawPath;
    }

    /**
     * The largest body a request to this path may carry, when its route declared one
     * ({@link Builder#maxBody}); otherwise the server's limit applies.
     *
     * @param rawPath the path as sent, still percent-encoded, without the query
     */
    public OptionalInt maxBodyBytes(String rawPath) {
        List<String> segments;
        try {
            segments = segments(rawPath);
        } catch (ApiException e) {
            return OptionalInt.empty();
        }
        for (PathRoute r : table) {
            if (r.pattern.match(segments) != null) {
                return r.maxBodyBytes;
            }
        }
        return OptionalInt.empty();
    }

    /** The largest body any route declared ({@link Builder#maxBody}), or 0 when none did. */
    public int largestMaxBodyBytes() {
        return table.stream().mapToInt(r -> r.maxBodyBytes.orElse(0)).max().orElse(0);
    }

    /** The decoded segments of a path: "/" has none, "/a/b/" has "a", "b" and "". */
    static List<String> segments(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return List.of();
        }
        String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] raw = p.split("/", -1);
        List<String> out = new ArrayList<>(raw.length);
        for (String s : raw) {
            try {
                // '+' means itself in a path; URLDecoder would read it as a space (form encoding).
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_REQUEST,
                        "the path is not valid percent-encoding");
            }
        }
        return out;
    }

    /** Adds routes; rejects a method registered twice for one pattern. */
    public static final class Builder {
        private final Map<String, PathRoute> byPattern = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder get(String pattern, Endpoint endpoint) {
            return route(HttpMethod.GET, pattern, endpoint);
        }

        public Builder post(String pattern, Endpoint endpoint) {
            return route(HttpMethod.POST, pattern, endpoint);
        }

        public Builder route(HttpMethod method, String pattern, Endpoint endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            PathRoute r = byPattern.computeIfAbsent(pattern, p -> new PathRoute(PathPattern.parse(p)));
            if (r.endpoints.putIfAbsent(method, endpoint) != null) {
                throw new IllegalStateException(method + " " + pattern + " is routed twice");
            }
            return this;
        }

        /**
         * Declares a parameter of a routed pattern secret: its value is a capability (whoever has it
         * may read what it names), so logs show it only as {@link Routes#loggable} hides it.
         */
        public Builder secret(String pattern, String param) {
            PathRoute r = byPattern.get(pattern);
            if (r == null || !r.pattern.segments.contains("{" + param + "}")) {
                throw new IllegalStateException(pattern + " is not routed or has no parameter " + param);
            }
            r.secrets.add(param);
            return this;
        }

        /**
         * Declares the largest body a routed pattern accepts, in place of the server's limit: an
         * upload of documents needs more than a question. Bodies are still refused before they
         * are buffered when their declared length is over it.
         */
        public Builder maxBody(String pattern, int bytes) {
            PathRoute r = byPattern.get(pattern);
            if (r == null) {
                throw new IllegalStateException(pattern + " is not routed");
            }
            if (bytes < 1) {
                throw new IllegalArgumentException("the body limit of " + pattern + " must be positive, got " + bytes);
            }
            r.maxBodyBytes = OptionalInt.of(bytes);
            return this;
        }

        public Routes build() {
            return new Routes(new ArrayList<>(byPattern.values()));
        }
    }

    private static final class PathRoute {
        final PathPattern pattern;
        final Map<HttpMethod, Endpoint> endpoints = new LinkedHashMap<>();
        final Set<String> secrets = new LinkedHashSet<>();
        OptionalInt maxBodyBytes = OptionalInt.empty();

        PathRoute(PathPattern pattern) {
            this.pattern = pattern;
        }

        Set<HttpMethod> allowed() {
            Set<HttpMethod> s = new LinkedHashSet<>(endpoints.keySet());
            if (s.contains(HttpMethod.GET)) {
                s.add(HttpMethod.HEAD);
            }
            return Collections.unmodifiableSet(s);
        }
    }

    /** A parsed pattern: each segment a literal or a {@code {name}} capturing one segment. */
    private record PathPattern(String text, List<String> segments) {
        static PathPattern parse(String text) {
            if (!text.startsWith("/")) {
                throw new IllegalArgumentException("a route pattern starts with '/': " + text);
            }
            return new PathPattern(text, text.equals("/") ? List.of() : List.of(text.substring(1).split("/", -1)));
        }

        /** The name of a {@code {name}} segment, else null. */
        static String paramName(String segment) {
            return segment.startsWith("{") && segment.endsWith("}") ? segment.substring(1, segment.length() - 1)
                    : null;
        }

        /** The parameters when the segments match, else null. */
        Map<String, String> match(List<String> path) {
            if (path.size() != segments.size()) {
                return null;
            }
            Map<String, String> params = Map.of();
            for (int i = 0; i < segments.size(); i++) {
                String s = segments.get(i);
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (path.get(i).isEmpty()) {
                        return null;
                    }
                    if (params.isEmpty()) {
                        params = new LinkedHashMap<>();
                    }
                    params.put(s.substring(1, s.length() - 1), path.get(i));
                } else if (!s.equals(path.get(i))) {
                    return null;
                }
            }
            return params;
        }
    }
}
