package org.wenzheng.server.staff;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * The authorization layer of the route table: a staff route is declared with the roles it admits
 * ({@code routes.get("/console", guard.page(EnumSet.of(OPERATOR, ADMIN), console))}), and the guard
 * answers before the endpoint runs:
 * <ul>
 *   <li>no valid session: 401 JSON for the API, 302 to {@value #LOGIN_PAGE} for a page;
 *   <li>a role the route does not admit: 403 {@code forbidden};
 *   <li>a state-changing method (POST, PUT, PATCH, DELETE) without the session's token in
 *       {@value #CSRF_HEADER}: 403 {@code csrf}.
 * </ul>
 * SameSite=Strict already keeps the cookie off cross-site requests in current browsers; the CSRF
 * token also covers older browsers and same-site attackers (another app on a sibling subdomain).
 * Routes not declared through a guard (the citizen chat and API) need no login.
 *
 * <p>The session is looked up in the database, so the check and the endpoint run on a worker; an
 * endpoint declared with {@link #apiLater} hands its slow part (a password hash) to another pool
 * from there, and the worker is free at once.
 */
public final class Guard {
    /** The session cookie's name over plain HTTP. */
    public static final String COOKIE = "wz_session";
    /** The session cookie's name when it is always Secure: the browser then vouches that this host set it. */
    public static final String SECURE_COOKIE = "__Host-" + COOKIE;
    /** The header carrying the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Where a page sends a visitor who is not logged in. */
    public static final String LOGIN_PAGE = "/login";
    /** Every role: for staff routes any logged-in account may use (its own session, logout). */
    public static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);

    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE);

    /** A staff resource: called on a worker thread, only for a session the guard admitted. */
    @FunctionalInterface
    public interface StaffEndpoint {
        Response handle(Request request, StaffSession session) throws Exception;
    }

    /**
     * A staff resource whose answer completes on another pool: called on a worker thread, only
     * for a session the guard admitted, it checks the request and hands the slow part over
     * ({@link PasswordHashing#submit}).
     */
    @FunctionalInterface
    public interface LaterStaffEndpoint {
        CompletionStage<Response> handle(Request request, StaffSession session) throws Exception;
    }

    private final StaffAuth auth;
    private final Executor workers;

    /**
     * @param workers where {@link #apiLater} routes check the session: the server's worker pool,
     *                refusing when saturated
     */
    public Guard(StaffAuth auth, Executor workers) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** An API route admitting these roles; refusals are JSON errors. */
    public Endpoint api(Set<Role> roles, StaffEndpoint endpoint) {
        return guarded(roles, endpoint, false);
    }

    /** A page admitting these roles; a visitor without a session is sent to the login page. */
    public Endpoint page(Set<Role> roles, StaffEndpoint endpoint) {
        return guarded(roles, endpoint, true);
    }

    /**
     * An API route admitting these roles whose endpoint finishes on another pool (a password
     * change, hashed on {@link PasswordHashing}); the checks are those of {@link #api}.
     */
    public Endpoint apiLater(Set<Role> roles, LaterStaffEndpoint endpoint) {
        Set<Role> admitted = admitting(roles);
        Objects.requireNonNull(endpoint, "endpoint");
        return request -> Reply.later(CompletableFuture.supplyAsync(() -> admission(request, admitted, false), workers)
                .thenCompose(a -> {
                    if (a.refusal() != null) {
                        return CompletableFuture.completedFuture(a.refusal());
                    }
                    try {
                        return endpoint.handle(request, a.session());
                    } catch (Exception e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }));
    }

    private Endpoint guarded(Set<Role> roles, StaffEndpoint endpoint, boolean page) {
        Set<Role> admitted = admitting(roles);
        Objects.requireNonNull(endpoint, "endpoint");
        return request -> Reply.blocking(() -> {
            Admission a = admission(request, admitted, page);
            return a.refusal() != null ? a.refusal() : endpoint.handle(request, a.session());
        });
    }

    private static Set<Role> admitting(Set<Role> roles) {
        Set<Role> admitted = roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
        if (admitted.isEmpty()) {
            throw new IllegalArgumentException("a staff route must admit at least one role");
        }
        return admitted;
    }

    /** The guard's verdict on a request: the session admitted, or the answer refusing it. */
    private record Admission(StaffSession session, Response refusal) {
    }

    /** Looks the session up (the database: on a worker) and checks role and CSRF token. */
    private Admission admission(Request request, Set<Role> admitted, boolean page) {
        Optional<StaffSession> session = token(request).flatMap(auth::session);
        if (session.isEmpty()) {
            return new Admission(null, page ? Response.empty(HttpResponseStatus.FOUND)
                    .withHeader(HttpHeaderNames.LOCATION.toString(), LOGIN_PAGE)
                    : Response.error(HttpResponseStatus.UNAUTHORIZED, ErrorCodes.UNAUTHENTICATED, "请先登录"));
        }
        StaffSession s = session.get();
        if (!admitted.contains(s.role())) {
            return new Admission(null, Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                    "当前账号无权访问此功能"));
        }
        if (STATE_CHANGING.contains(request.method()) && !csrfMatches(request, s)) {
            return new Admission(null, Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.CSRF,
                    "页面已过期，请刷新页面后重试"));
        }
        return new Admission(s, null);
    }

    private static boolean csrfMatches(Request request, StaffSession session) {
        return request.header(CSRF_HEADER)
                .map(sent -> MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    /**
     * The session token of the request's cookie, if it sent one.
     *
     * @throws ApiException 400 {@value ErrorCodes#DUPLICATE_SESSION_COOKIE} when it sent two (see
     *                      {@link #token(HttpHeaders)})
     */
    public Optional<String> token(Request request) {
        return token(request.headers());
    }

    /**
     * The session token of the cookie in these request headers (a WebSocket upgrade's), if there
     * is one. Only the name this server issues counts ({@link #cookieName}): with
     * {@code staff.secureCookie}, a plain {@value #COOKIE} is not a session, since anyone who can
     * set cookies for this host (a sibling subdomain, a page served over plain HTTP) could have
     * planted it; the {@code __Host-} prefix is the browser's promise that nobody but this host
     * over HTTPS set the cookie.
     *
     * @throws ApiException 400 {@value ErrorCodes#DUPLICATE_SESSION_COOKIE} when the headers carry
     *                      two session cookies (the same name twice, or both names): one of them
     *                      was planted, and picking either would let the planter choose whose
     *                      session the request runs in. The answer removes the one this server
     *                      would not have issued (else its own), so a browser left with an old
     *                      cookie after a change of {@code staff.secureCookie} recovers at the next
     *                      request.
     */
    public Optional<String> token(HttpHeaders headers) {
        String issued = cookieName();
        List<Cookie> found = new ArrayList<>();
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            // LAX: browsers send cookies of other paths and apps on this host, which must not make ours unreadable.
            // decodeAll: decode() keeps one cookie of a name, and would pick for us.
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (c.name().equals(COOKIE) || c.name().equals(SECURE_COOKIE)) {
                    found.add(c);
                }
            }
        }
        if (found.size() > 1) {
            String stray = found.stream().map(Cookie::name).filter(n -> !n.equals(issued)).findFirst().orElse(issued);
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.DUPLICATE_SESSION_COOKIE,
                    "请求带有多个会话 Cookie，无法确定登录身份。已清除其中一个，请刷新页面；如仍出现，请清除本站 Cookie 后重新登录",
                    Map.of(HttpHeaderNames.SET_COOKIE.toString(), stray + "=; Max-Age=0"
                            + attributes(stray.equals(SECURE_COOKIE) || secure(headers))));
        }
        return found.stream().filter(c -> c.name().equals(issued)).map(Cookie::value).findFirst();
    }

    /**
     * The session cookie's name: {@value #SECURE_COOKIE} when the cookie is always Secure
     * ({@code staff.secureCookie}), else {@value #COOKIE} (browsers accept a {@code __Host-}
     * cookie only from an HTTPS page, so plain HTTP keeps the plain name).
     */
    public String cookieName() {
        return auth.secureCookie() ? SECURE_COOKIE : COOKIE;
    }

    /**
     * The Set-Cookie value of a new session: HttpOnly (scripts cannot read it), SameSite=Strict
     * (not sent with requests from other sites), Path=/ and no Domain (as {@code __Host-} requires),
     * Max-Age the session's lifetime, and Secure when the request came over HTTPS or the
     * configuration asks for it. Written here rather than with Netty's encoder, which adds an
     * Expires computed from the system clock.
     */
    public String sessionCookie(String token, Request request) {
        return cookieName() + "=" + token + "; Max-Age=" + auth.sessionLifetime().toSeconds()
                + attributes(secure(request.headers()));
    }

    /** The Set-Cookie value that removes the session cookie from the browser. */
    public String clearedCookie(Request request) {
        return cookieName() + "=; Max-Age=0" + attributes(secure(request.headers()));
    }

    private boolean secure(HttpHeaders headers) {
        return auth.secureCookie() || https(headers);
    }

    private static String attributes(boolean secure) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /**
     * Whether the request came over HTTPS: the server speaks plain HTTP, so only a reverse proxy
     * terminating TLS can say so ({@code X-Forwarded-Proto}). A client lying about it only makes
     * its own cookie stricter.
     */
    static boolean https(HttpHeaders headers) {
        String proto = headers.get("X-Forwarded-Proto");
        return proto != null && proto.strip().equalsIgnoreCase("https");
    }
}
