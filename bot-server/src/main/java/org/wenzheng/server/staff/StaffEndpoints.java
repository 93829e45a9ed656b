package org.wenzheng.server.staff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import java.util.Objects;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;

/**
 * The staff session API: {@code POST /api/v1/login}, {@code POST /api/v1/logout} and
 * {@code GET /api/v1/me}. Login is open (it is how a session starts); the other two are staff
 * routes behind the {@link Guard}. A login runs on the password-hashing pool, never on a worker
 * (see {@link PasswordHashing}).
 */
final class StaffEndpoints {
    /** Longest username looked up; longer ones cannot exist. */
    static final int MAX_USERNAME_CHARS = 64;

    private final StaffAuth auth;
    private final Guard guard;
    private final PasswordHashing hashing;

    public StaffEndpoints(StaffAuth auth, Guard guard, PasswordHashing hashing) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.hashing = Objects.requireNonNull(hashing, "hashing");
    }

    /** What a login and {@code /me} answer: who is logged in, and the token for X-CSRF-Token. */
    record SessionView(String username, String displayName, String role, String csrf) {
        static SessionView of(StaffSession s) {
            return new SessionView(s.account().username(), s.account().displayName(), s.role().id(), s.csrfToken());
        }
    }

    /** {@code {"loggedOut": true}}. */
    record LoggedOutView(boolean loggedOut) {
    }

    /**
     * {@code POST /api/v1/login} with {@code {"username","password"}}: sets the session cookie and
     * answers {@code {username, displayName, role, csrf}}; 401 {@code login_failed} with one
     * message for any wrong username or password; 429 at once when the hashing pool is full.
     */
    public Endpoint login() {
        return request -> {
            ObjectNode body = JsonBodies.object(request);
            String username = required(body, "username", "用户名");
            String password = required(body, "password", "密码");
            String name = username.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.length() > MAX_USERNAME_CHARS || password.isEmpty()
                    || password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
                throw new ApiException(HttpResponseStatus.UNAUTHORIZED, ErrorCodes.LOGIN_FAILED,
                        StaffAuth.LOGIN_FAILED_MESSAGE);
            }
            return Reply.later(hashing.submit(() -> {
                StaffAuth.LoggedIn in = auth.login(name, password, request.clientIp());
                return Response.json(HttpResponseStatus.OK, SessionView.of(in.session()))
                        .withHeader(HttpHeaderNames.SET_COOKIE.toString(), guard.sessionCookie(in.token(), request));
            }));
        };
    }

    /** {@code POST /api/v1/logout}: ends the session and removes the cookie. */
    public Guard.StaffEndpoint logout() {
        return (request, session) -> {
            auth.logout(session, request.clientIp());
            return Response.json(HttpResponseStatus.OK, new LoggedOutView(true))
                    .withHeader(HttpHeaderNames.SET_COOKIE.toString(), guard.clearedCookie(request));
        };
    }

    /** {@code GET /api/v1/me}: the logged-in account and the session's CSRF token. */
    public Guard.StaffEndpoint me() {
        return (request, session) -> Response.json(HttpResponseStatus.OK, SessionView.of(session));
    }

    private static String required(ObjectNode body, String field, String label) {
        String v = JsonBodies.optionalText(body, field);
        if (v == null) {
            throw ApiException.invalidField(field, "请填写" + label);
        }
        return v;
    }
}
