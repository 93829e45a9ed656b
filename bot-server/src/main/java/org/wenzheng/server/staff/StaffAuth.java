package org.wenzheng.server.staff;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;

/**
 * Staff logins: checks a username and password, opens a session named by a random token (the
 * browser holds the token, the database its SHA-256), finds the session of a token until it
 * expires, and ends it at logout. Every login, failed or not, and every logout is written to the
 * audit log.
 *
 * <p>Logins are rate limited per username and client address, so that one address cannot guess
 * one account's password quickly and a guesser cannot lock a colleague out from elsewhere.
 *
 * <p>Its methods block (database, and PBKDF2 on purpose): call {@link #login} on the
 * password-hashing pool ({@link PasswordHashing}), the others from worker threads.
 */
final class StaffAuth {
    private static final Logger log = LoggerFactory.getLogger(StaffAuth.class);

    /** The one message of every failed login: it never says whether the username exists. */
    public static final String LOGIN_FAILED_MESSAGE = "用户名或密码错误";
    /** 32 random bytes: 256 bits, for the session token and the CSRF token. */
    static final int TOKEN_BYTES = 32;
    /** Username and address pairs tracked at once by the login rate limit. */
    static final int MAX_TRACKED_LOGINS = 100_000;

    /** The audit log's action names. */
    public static final String LOGIN_SUCCESS = "login_success";
    public static final String LOGIN_FAILURE = "login_failure";
    public static final String LOGIN_RATE_LIMITED = "login_rate_limited";
    public static final String LOGOUT = "logout";
    public static final String ACCOUNT_CREATED = "account_created";

    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final StaffConfig config;
    private final Clock clock;
    private final TokenBuckets attempts;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param clock  the time of sessions' creation and expiry
     * @param ticker the time of the login rate limit
     */
    public StaffAuth(AccountStore accounts, PasswordHasher hasher, StaffConfig config, Clock clock, Ticker ticker) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.attempts = new TokenBuckets(config.loginRateLimit(), MAX_TRACKED_LOGINS,
                Objects.requireNonNull(ticker, "ticker"));
    }

    /** A successful login: the token for the cookie and the session it names. */
    public record LoggedIn(String token, StaffSession session) {
        @Override
        public String toString() {
            return "LoggedIn[" + session + "]";
        }
    }

    /** How long a session lasts. */
    public Duration sessionLifetime() {
        return config.sessionLifetime();
    }

    /** Whether the session cookie is always marked Secure. */
    public boolean secureCookie() {
        return config.secureCookie();
    }

    /**
     * Creates the configured accounts that do not exist yet; existing ones are left unchanged.
     *
     * @return the usernames created now
     */
    public List<String> createMissingAccounts() {
        List<String> created = new ArrayList<>();
        for (StaffConfig.SeedAccount a : config.accounts()) {
            // Hashing is slow on purpose: only for accounts that are really missing.
            if (!accounts.exists(a.username())
                    && accounts.createIfMissing(a.username(), a.displayName(), a.role(), hasher.hash(a.password()),
                            a.department())) {
                accounts.audit(null, a.username(), ACCOUNT_CREATED, null);
                created.add(a.username());
            }
        }
        if (!created.isEmpty()) {
            log.info("staff accounts created from the configuration: {}", created);
        }
        return List.copyOf(created);
    }

    /**
     * Logs in.
     *
     * @throws ApiException 429 when this username was tried too often from this address, 401
     *                      {@value #LOGIN_FAILED_MESSAGE} when the account does not exist, is
     *                      disabled or the password is wrong (the same answer for each)
     */
    public LoggedIn login(String username, String password, String clientIp) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        long wait = attempts.tryTake(username.toLowerCase(Locale.ROOT) + '\n' + clientIp);
        if (wait > 0) {
            accounts.audit(null, username, LOGIN_RATE_LIMITED, clientIp);
            long seconds = TokenBuckets.retryAfterSeconds(wait);
            throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                    "登录尝试过于频繁，请 " + seconds + " 秒后再试",
                    Map.of(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds)));
        }
        Optional<Account> found = accounts.findByUsername(username);
        boolean ok;
        if (found.isPresent()) {
            ok = hasher.verify(password, found.get().passwordHash()) && !found.get().disabled();
        } else {
            hasher.verifyDecoy(password);
            ok = false;
        }
        if (!ok) {
            accounts.audit(found.map(Account::id).orElse(null), username, LOGIN_FAILURE, clientIp);
            throw new ApiException(HttpResponseStatus.UNAUTHORIZED, ErrorCodes.LOGIN_FAILED, LOGIN_FAILED_MESSAGE);
        }
        Account account = found.get();
        String token = randomToken();
        String csrf = randomToken();
        Instant expires = clock.instant().plus(config.sessionLifetime());
        String hash = tokenHash(token);
        accounts.createSession(hash, account.id(), csrf, expires);
        accounts.audit(account.id(), account.username(), LOGIN_SUCCESS, clientIp);
        return new LoggedIn(token, new StaffSession(hash, account, csrf, expires));
    }

    /**
     * The live session named by a cookie token: none when the token is unknown, the session has
     * expired (it is deleted then) or its account has been disabled.
     */
    public Optional<StaffSession> session(String token) {
        if (token == null || token.isEmpty() || token.length() > 2 * TOKEN_BYTES) {
            return Optional.empty();
        }
        String hash = tokenHash(token);
        Optional<StoredSession> stored = accounts.findSession(hash);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        StoredSession s = stored.get();
        if (!clock.instant().isBefore(s.expiresAt())) {
            accounts.deleteSession(hash);
            return Optional.empty();
        }
        if (s.account().disabled()) {
            return Optional.empty();
        }
        return Optional.of(new StaffSession(hash, s.account(), s.csrfToken(), s.expiresAt()));
    }

    /** Ends a session: its token names nothing after this. */
    public void logout(StaffSession session, String clientIp) {
        accounts.deleteSession(session.tokenHash());
        accounts.audit(session.account().id(), session.account().username(), LOGOUT, clientIp);
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return TOKEN_TEXT.encodeToString(bytes);
    }

    /** The SHA-256 of a token, in hex: what the sessions table keeps. */
    static String tokenHash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
