package org.wenzheng.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;

/**
 * A request the server refuses, with the status, the machine-readable code and the message the
 * client receives as {@code {"error":{"code":…,"message":…,"field":…}}} (the field only when one
 * is at fault and named). The message is written for the
 * client: it names the field or limit at fault and never holds internals.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;
    private final transient Map<String, String> headers;
    private final String field;

    public ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(HttpResponseStatus status, String code, String message, Map<String, String> headers) {
        this(status, code, message, headers, null);
    }

    private ApiException(HttpResponseStatus status, String code, String message, Map<String, String> headers,
            String field) {
        // No stack trace: these are expected outcomes of bad input, answered and never logged as failures.
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
        this.field = field;
    }

    /** 400 for a field that is missing, of the wrong type or out of its limits. */
    public static ApiException invalidField(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.INVALID_FIELD, message);
    }

    /**
     * 400 for a field a person filled in: the message in Chinese naming it as the form labels it
     * (电子邮箱), the field's request name ({@code contact.email}) in {@code error.field}.
     */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.INVALID_FIELD, message, Map.of(),
                Objects.requireNonNull(field, "field"));
    }

    /** 409 for a state the action does not apply to, the message in Chinese for the person who tried. */
    public static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, ErrorCodes.CONFLICT, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The error as the response the client receives. */
    public Response toResponse() {
        Response r = Response.error(status, code, getMessage(), field);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }
}
