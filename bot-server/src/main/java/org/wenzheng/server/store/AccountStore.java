package org.wenzheng.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Staff accounts, their login sessions and the audit log, in plain JDBC. Every method is one
 * transaction. Times come from the injected clock, truncated to microseconds.
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
public final class AccountStore {
    /** Longest username or typed name kept in the audit log (the column's width). */
    static final int MAX_AUDIT_NAME_CHARS = 64;

    private static final String ACCOUNT_COLUMNS =
            "a.id, a.username, a.display_name, a.role, a.password_hash, a.disabled, a.created_at";

    private final Database database;
    private final Clock clock;

    public AccountStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an account unless one with this username exists; an existing account is left as it
     * is (its password and role may have been changed since).
     *
     * @return whether it was created
     */
    public boolean createIfMissing(String username, String displayName, Role role, String passwordHash) {
        return database.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (username, display_name, role,"
                    + " password_hash, disabled, created_at) VALUES (?, ?, ?, ?, FALSE, ?)")) {
                s.setString(1, username);
                s.setString(2, displayName);
                s.setString(3, role.id());
                s.setString(4, passwordHash);
                s.setObject(5, utc(now()));
                s.executeUpdate();
            }
            return true;
        });
    }

    /** The account with this username, if there is one. */
    public Optional<Account> findByUsername(String username) {
        Objects.requireNonNull(username, "username");
        return database.inTransaction(c -> find(c, username));
    }

    /** Whether any account exists with this username. */
    public boolean exists(String username) {
        return findByUsername(username).isPresent();
    }

    /** Disables or enables an account; disabling also ends its sessions. */
    public void setDisabled(long accountId, boolean disabled) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET disabled = ? WHERE id = ?")) {
                s.setBoolean(1, disabled);
                s.setLong(2, accountId);
                s.executeUpdate();
            }
            if (disabled) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE account_id = ?")) {
                    s.setLong(1, accountId);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Stores a new session, created now. */
    public void createSession(String tokenHash, long accountId, String csrfToken, Instant expiresAt) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, account_id, created_at,"
                    + " expires_at, csrf_token) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, tokenHash);
                s.setLong(2, accountId);
                s.setObject(3, utc(now()));
                s.setObject(4, utc(expiresAt.truncatedTo(ChronoUnit.MICROS)));
                s.setString(5, csrfToken);
                return s.executeUpdate();
            }
        });
    }

    /** The session with this token hash and its account, expired or not (the caller decides). */
    public Optional<StoredSession> findSession(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + ", s.csrf_token, s.created_at,"
                    + " s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?")) {
                s.setString(1, tokenHash);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new StoredSession(account(r), r.getString(8), instant(r, 9),
                            instant(r, 10))) : Optional.<StoredSession>empty();
                }
            }
        });
    }

    /** Deletes a session. @return whether there was one */
    public boolean deleteSession(String tokenHash) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                s.setString(1, tokenHash);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Deletes the sessions that ended at or before now. @return how many */
    public int deleteExpiredSessions() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                s.setObject(1, utc(now()));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Appends a line to the audit log, at the clock's now.
     *
     * @param accountId the actor's account, or null when there is none
     * @param username  the actor's name as given; cut to {@value #MAX_AUDIT_NAME_CHARS} characters
     */
    public void audit(Long accountId, String username, String action, String clientIp) {
        String name = username.length() > MAX_AUDIT_NAME_CHARS ? username.substring(0, MAX_AUDIT_NAME_CHARS)
                : username;
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (at, account_id, username, action,"
                    + " client_ip) VALUES (?, ?, ?, ?, ?)")) {
                s.setObject(1, utc(now()));
                if (accountId == null) {
                    s.setNull(2, Types.BIGINT);
                } else {
                    s.setLong(2, accountId);
                }
                s.setString(3, name);
                s.setString(4, action);
                s.setString(5, clientIp);
                return s.executeUpdate();
            }
        });
    }

    /** The newest lines of the audit log, newest first. */
    public List<AuditEntry> recentAudit(int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT at, account_id, username, action, client_ip FROM audit_log ORDER BY id DESC")) {
                s.setMaxRows(limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditEntry(instant(r, 1), r.getObject(2, Long.class), r.getString(3),
                                r.getString(4), r.getString(5)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    private static Optional<Account> find(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                + " FROM accounts a WHERE a.username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(account(r)) : Optional.empty();
            }
        }
    }

    private static Account account(ResultSet r) throws SQLException {
        return new Account(r.getLong(1), r.getString(2), r.getString(3), Role.of(r.getString(4)), r.getString(5),
                r.getBoolean(6), instant(r, 7));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }
}
