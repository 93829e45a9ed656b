package org.wenzheng.server.http;

/** The {@code error.code} values of the API: stable, for clients to branch on. */
public final class ErrorCodes {
    /** 400: the body is not JSON, or not a JSON object. */
    public static final String BAD_JSON = "bad_json";
    /** 409: the name is taken, or the proposal was decided already. */
    public static final String CONFLICT = "conflict";
    /** 409: the change would leave no enabled administrator. */
    public static final String LAST_ADMIN = "last_admin";
    /** 400: a field or parameter is missing, of the wrong type, or beyond its limit. */
    public static final String INVALID_FIELD = "invalid_field";
    /** 400: the request line or headers could not be parsed. */
    public static final String BAD_REQUEST = "bad_request";
    public static final String NOT_FOUND = "not_found";
    public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
    public static final String BODY_TOO_LARGE = "body_too_large";
    public static final String URI_TOO_LONG = "uri_too_long";
    public static final String HEADERS_TOO_LARGE = "headers_too_large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
    public static final String RATE_LIMITED = "rate_limited";
    /** 429: a WebSocket refused because its client address holds as many open as allowed. */
    public static final String TOO_MANY_CONNECTIONS = "too_many_connections";
    /** 408: the request's head or body did not arrive in time; the connection is closed. */
    public static final String REQUEST_TIMEOUT = "request_timeout";
    /** 401: the username or password is wrong (one message for both, saying not which). */
    public static final String LOGIN_FAILED = "login_failed";
    /** 401: a staff endpoint was asked without a valid session (none, expired or logged out). */
    public static final String UNAUTHENTICATED = "unauthenticated";
    /** 403: the session's role is not one the endpoint admits. */
    public static final String FORBIDDEN = "forbidden";
    /** 403: a state-changing staff request without the session's X-CSRF-Token. */
    public static final String CSRF = "csrf";
    /** 400: a request carrying two session cookies, refused rather than one of them picked. */
    public static final String DUPLICATE_SESSION_COOKIE = "duplicate_session_cookie";
    /** 403: a chat (WebSocket) was opened from a page whose origin is not allowed. */
    public static final String ORIGIN_NOT_ALLOWED = "origin_not_allowed";
    public static final String INTERNAL = "internal";
    /** 503: every worker is busy and the queue is full. */
    public static final String OVERLOADED = "overloaded";
    /**
     * 503: the knowledge base is closed or cannot be read, the database cannot be reached, or the
     * server is stopping.
     */
    public static final String UNAVAILABLE = "unavailable";

    private ErrorCodes() {
    }
}
