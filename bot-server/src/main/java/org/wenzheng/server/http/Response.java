package org.wenzheng.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A complete response as a plain value: built anywhere (on a worker thread too), turned into a
 * Netty message only on the event loop that writes it, so no reference-counted buffer crosses
 * threads or leaks when the client has gone.
 *
 * @param status      the status
 * @param contentType the media type, or empty for no body
 * @param body        the body (not copied: callers hand it over)
 * @param headers     further headers
 */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    /**
     * For every HTML page: scripts and styles only from our own files (no inline code, so injected
     * markup cannot run), connections (fetch, the chat's WebSocket) only to this server, no plugins,
     * no framing (clickjacking), no base-URL rewriting. {@code connect-src 'self'} covers ws: and
     * wss: to the page's own host and port in CSP Level 3 browsers (Chromium, Firefox).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";
    static final String REFERRER_POLICY = "Referrer-Policy";

    public Response {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** A value written as JSON. */
    public static Response json(HttpResponseStatus status, Object value) {
        return new Response(status, JSON, Json.bytes(value), Map.of());
    }

    /** The error shape every failure shares. */
    public static Response error(HttpResponseStatus status, String code, String message) {
        return error(status, code, message, null);
    }

    /**
     * The error shape every failure shares, naming the request's field at fault.
     *
     * @param field the field's name in the request (as the API names it: {@code contact.email}), or
     *              null when no one field is at fault
     */
    public static Response error(HttpResponseStatus status, String code, String message, String field) {
        return json(status, new ErrorBody(new ErrorBody.Error(code, message, field)));
    }

    /** A body of the given type. */
    public static Response of(HttpResponseStatus status, String contentType, byte[] body) {
        return new Response(status, contentType, body, Map.of());
    }

    /** A text body in UTF-8. */
    public static Response text(HttpResponseStatus status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A response without a body (304). */
    public static Response empty(HttpResponseStatus status) {
        return new Response(status, "", new byte[0], Map.of());
    }

    /** This response with one more header (replacing one of the same name). */
    public Response withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }

    /**
     * {@code {"error":{"code":…,"message":…,"field":…}}}: the code for programs to branch on, the
     * message for the person at the form (in Chinese, naming the field as the form labels it), and
     * the field's name in the request, for the page to mark the input (absent when no one field is
     * at fault).
     */
    public record ErrorBody(Error error) {
        public record Error(String code, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String field) {
            public Error(String code, String message) {
                this(code, message, null);
            }
        }
    }

    /**
     * The Netty message, with the headers every response carries: no MIME sniffing (a JSON answer
     * quoting {@code <script>} is never run as HTML), no referrer leaking citizens' questions in
     * URLs, API answers never cached by intermediaries, and the content security policy on pages.
     */
    public FullHttpResponse toHttp() {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        HttpHeaders h = r.headers();
        if (!contentType.isEmpty()) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(X_CONTENT_TYPE_OPTIONS, "nosniff");
        h.set(REFERRER_POLICY, "no-referrer");
        if (contentType.startsWith("text/html")) {
            h.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        }
        if (contentType.startsWith("application/json")) {
            h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        }
        headers.forEach(h::set);
        return r;
    }
}
