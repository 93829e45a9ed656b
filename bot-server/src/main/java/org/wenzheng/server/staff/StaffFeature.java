package org.wenzheng.server.staff;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.netty.Upgrade;

/**
 * Staff in the server: accounts (created at start when missing), logins and sessions, the guard
 * every staff page and API sits behind, the login API ({@code /api/v1/login}, {@code logout},
 * {@code me}), the operators' {@code /console} page, the administrators' accounts and audit-log API
 * under {@code /api/v1/admin/}, and the staff sockets features push to. Passwords are hashed on
 * their own small pool ({@link PasswordHashing}), never on the workers that answer citizens.
 */
public final class StaffFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(StaffFeature.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final String ADMIN_API = "/api/v1/admin";
    /** How long hashing in progress at shutdown gets to finish. */
    private static final Duration HASHING_SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    private final AccountStore accounts;
    private final PasswordHashing passwords;
    private final StaffAuth auth;
    private final Guard guard;
    private final Executor workers;
    private final Clock clock;
    private final StaffEndpoints endpoints;
    private final AccountsApi accountsApi;

    /**
     * @param departments the configured departments, id to name in order: an officer's account may
     *                    belong to one of them
     * @param workers     where the guard runs staff endpoints
     */
    public StaffFeature(StaffConfig config, Map<String, String> departments, Database database, Executor workers,
            ServerMetrics metrics, Clock clock, Ticker ticker) {
        this.accounts = new AccountStore(database, clock);
        this.passwords = new PasswordHashing(new PasswordHasher(), config.hashThreads(), config.hashQueue(), ticker);
        this.auth = new StaffAuth(accounts, passwords.hasher(), config, clock, ticker);
        auth.createMissingAccounts();
        this.workers = Objects.requireNonNull(workers, "workers");
        this.clock = clock;
        this.guard = new Guard(auth, workers);
        this.endpoints = new StaffEndpoints(auth, guard, passwords);
        this.accountsApi = new AccountsApi(accounts, passwords, java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(departments, "departments"))));
        metrics.gauge("wenzheng_password_hash_queue_length", passwords::queued);
        metrics.gauge("wenzheng_password_hashes_busy", passwords::busy);
    }

    /** The staff accounts (and the audit log): features record their administrators' actions there. */
    public AccountStore accounts() {
        return accounts;
    }

    /** The login, role and CSRF checks around staff pages and APIs. */
    public Guard guard() {
        return guard;
    }

    /**
     * The WebSocket through which the features' staff sockets are opened (none: nothing to open).
     *
     * @param allowedOrigins the page origins allowed (the chat's, {@code chat.allowedOrigins})
     * @param idleTimeout    silence before a ping, then a close (the chat's)
     * @param maxConnectionsPerAddress staff sockets open per client address
     * @param host           the server's configured host (its own origin when no origins are configured)
     */
    public Upgrade sockets(List<StaffSocket> sockets, List<String> allowedOrigins, Duration idleTimeout,
            int maxConnectionsPerAddress, String host) {
        return new StaffSockets(new StaffSocketUpgradeHandler.Sockets(sockets, guard, auth, clock, allowedOrigins,
                idleTimeout), host, workers, maxConnectionsPerAddress);
    }

    /**
     * The staff pages and API: login is open, everything else declares the roles it admits and
     * sits behind the guard (401/302 without a session, 403 for another role or a missing CSRF token).
     */
    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.post("/api/v1/login", endpoints.login())
                .post("/api/v1/logout", guard.api(Guard.ANY_ROLE, endpoints.logout()))
                .get("/api/v1/me", guard.api(Guard.ANY_ROLE, endpoints.me()))
                .get("/console", guard.page(EnumSet.of(Role.OPERATOR, Role.ADMIN),
                        new StaffPage(StaffFeature.class.getClassLoader(), "console.html")))
                .get(ADMIN_API + "/accounts", guard.api(ADMIN, accountsApi.list()))
                .post(ADMIN_API + "/accounts", guard.apiLater(ADMIN, accountsApi.create()))
                .post(ADMIN_API + "/accounts/{id}/role", guard.api(ADMIN, accountsApi.setRole()))
                .post(ADMIN_API + "/accounts/{id}/disabled", guard.api(ADMIN, accountsApi.setDisabled()))
                .post(ADMIN_API + "/accounts/{id}/password", guard.apiLater(ADMIN, accountsApi.resetPassword()))
                .get(ADMIN_API + "/audit", guard.api(ADMIN, accountsApi.audit()));
    }

    @Override
    public void close() {
        try {
            if (!passwords.shutdown(HASHING_SHUTDOWN_TIMEOUT)) {
                log.warn("password hashing still busy at shutdown was interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
