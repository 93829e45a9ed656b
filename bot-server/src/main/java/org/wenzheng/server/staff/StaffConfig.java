package org.wenzheng.server.staff;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.wenzheng.server.netty.ServerConfig;

/**
 * Staff logins, validated once at start. Each value is named after its key in the {@code staff:}
 * and {@code accounts:} sections of {@code config/wenzheng.yaml}, and so are the messages that
 * reject a bad one.
 *
 * @param sessionLifetime how long a login lasts (the cookie's Max-Age and the session's expiry)
 * @param secureCookie    whether the session cookie is always marked Secure (served over HTTPS,
 *                        usually behind a proxy); it is anyway when the request came over HTTPS
 *                        (and the cookie is then named {@value Guard#SECURE_COOKIE})
 * @param loginRateLimit  login attempts per username and client address
 * @param hashThreads     password hashes (logins, password changes) computed at once, on a pool
 *                        apart from the workers ({@link PasswordHashing})
 * @param hashQueue       logins and password changes that may wait for a hashing thread; beyond,
 *                        429 at once
 * @param accounts        accounts created at start when missing (never overwritten)
 */
public record StaffConfig(Duration sessionLifetime, boolean secureCookie, ServerConfig.RateLimit loginRateLimit,
        int hashThreads, int hashQueue, List<SeedAccount> accounts) {

    /** A working day's shift: an operator logs in once per shift. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(8);
    static final Duration MAX_SESSION_LIFETIME = Duration.ofDays(30);
    /** Ten attempts a minute after five at once: plenty for typos, hopeless for guessing. */
    public static final ServerConfig.RateLimit DEFAULT_LOGIN_RATE_LIMIT = new ServerConfig.RateLimit(10, 5);
    /**
     * One hash at a time: a core for about two logins a second, so that on a 2-core server a login
     * attack leaves the other core to the citizens. A shift of a hundred logging in at once is
     * through in under a minute.
     */
    public static final int DEFAULT_HASH_THREADS = 1;
    /** Sixteen waiting: about eight seconds at most in line at the default iterations. */
    public static final int DEFAULT_HASH_QUEUE = 16;
    static final int MAX_HASH_THREADS = 64;
    static final int MAX_HASH_QUEUE = 10_000;

    /** What a username may look like: short, lower case, safe in logs and URLs. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_DISPLAY_NAME_CHARS = 64;
    /** Shortest password accepted in the configuration. */
    static final int MIN_PASSWORD_CHARS = 8;

    /**
     * An account to create at start when missing.
     *
     * @param password   the password in clear, as written in the configuration; never shown by {@link #toString}
     * @param department for an officer, the id of the one department whose tickets they handle; null: all
     */
    public record SeedAccount(String username, String displayName, Role role, String password, String department) {
        /** An account of no particular department. */
        public SeedAccount(String username, String displayName, Role role, String password) {
            this(username, displayName, role, password, null);
        }

        public SeedAccount {
            Objects.requireNonNull(role, "role");
            if (username == null || !USERNAME.matcher(username).matches()) {
                throw new IllegalArgumentException("username must be 1 to 64 lower-case letters, digits, '.', '_' or"
                        + " '-', starting with a letter or digit, got '" + username + "'");
            }
            if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME_CHARS) {
                throw new IllegalArgumentException("displayName must be 1 to "
                        + MAX_DISPLAY_NAME_CHARS + " characters");
            }
            displayName = displayName.strip();
            if (password == null || password.length() < MIN_PASSWORD_CHARS
                    || password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
                throw new IllegalArgumentException("password must be " + MIN_PASSWORD_CHARS
                        + " to " + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
            }
            if (department != null && role != Role.OFFICER) {
                throw new IllegalArgumentException("department is for officers only, not for the role " + role.id());
            }
        }

        @Override
        public String toString() {
            return "SeedAccount[username=" + username + ", role=" + role.id() + "]";
        }
    }

    /** The default hashing pool ({@value #DEFAULT_HASH_THREADS} thread, {@value #DEFAULT_HASH_QUEUE} waiting). */
    public StaffConfig(Duration sessionLifetime, boolean secureCookie, ServerConfig.RateLimit loginRateLimit,
            List<SeedAccount> accounts) {
        this(sessionLifetime, secureCookie, loginRateLimit, DEFAULT_HASH_THREADS, DEFAULT_HASH_QUEUE, accounts);
    }

    public StaffConfig {
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(loginRateLimit, "loginRateLimit");
        accounts = List.copyOf(accounts);
        if (sessionLifetime.compareTo(Duration.ofMinutes(1)) < 0 || sessionLifetime.compareTo(MAX_SESSION_LIFETIME) > 0) {
            throw new IllegalArgumentException("sessionLifetimeMinutes must be in [1," + MAX_SESSION_LIFETIME.toMinutes()
                    + "], got " + sessionLifetime.toMinutes());
        }
        if (hashThreads < 1 || hashThreads > MAX_HASH_THREADS) {
            throw new IllegalArgumentException("hashThreads must be in [1," + MAX_HASH_THREADS + "], got "
                    + hashThreads);
        }
        if (hashQueue < 0 || hashQueue > MAX_HASH_QUEUE) {
            throw new IllegalArgumentException("hashQueue must be in [0," + MAX_HASH_QUEUE + "], got " + hashQueue);
        }
        Set<String> seen = new HashSet<>();
        for (SeedAccount a : accounts) {
            if (!seen.add(a.username())) {
                throw new IllegalArgumentException("accounts: the username " + a.username() + " is defined twice");
            }
        }
    }

    /** No accounts, default lifetime and limit, cookie Secure only over HTTPS. */
    public static StaffConfig defaults() {
        return new StaffConfig(DEFAULT_SESSION_LIFETIME, false, DEFAULT_LOGIN_RATE_LIMIT, List.of());
    }

    public StaffConfig withAccounts(List<SeedAccount> a) {
        return new StaffConfig(sessionLifetime, secureCookie, loginRateLimit, hashThreads, hashQueue, a);
    }

    public StaffConfig withLoginRateLimit(ServerConfig.RateLimit r) {
        return new StaffConfig(sessionLifetime, secureCookie, r, hashThreads, hashQueue, accounts);
    }

    public StaffConfig withHashing(int threads, int queue) {
        return new StaffConfig(sessionLifetime, secureCookie, loginRateLimit, threads, queue, accounts);
    }

    public StaffConfig withSecureCookie(boolean secure) {
        return new StaffConfig(sessionLifetime, secure, loginRateLimit, hashThreads, hashQueue, accounts);
    }
}
