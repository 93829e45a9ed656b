package org.wenzheng.server.staff;

import static org.wenzheng.server.db.SqlTimes.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;

/**
 * Staff accounts, their login sessions and the audit log, in plain JDBC. Every method is one
 * transaction. Times come from the injected clock, truncated to microseconds.
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
public final class AccountStore {
    /** Longest username or typed name kept in the audit log (the column's width). */
    static final int MAX_AUDIT_NAME_CHARS = 64;
    /** Longest detail kept in the audit log (the column's width). */
    static final int MAX_AUDIT_DETAIL_CHARS = 1000;

    private static final String ACCOUNT_COLUMNS =
            "a.id, a.username, a.display_name, a.role, a.password_hash, a.disabled, a.created_at, a.department";

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
        return createIfMissing(username, displayName, role, passwordHash, null);
    }

    /** As {@link #createIfMissing(String, String, Role, String)}, for an officer of one department. */
    public boolean createIfMissing(String username, String displayName, Role role, String passwordHash,
            String department) {
        return database.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (username, display_name, role,"
                    + " password_hash, disabled, created_at, department) VALUES (?, ?, ?, ?, FALSE, ?, ?)")) {
                s.setString(1, username);
                s.setString(2, displayName);
                s.setString(3, role.id());
                s.setString(4, passwordHash);
                SqlTimes.set(s, 5, SqlTimes.now(clock));
                s.setString(6, department);
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

    /**
     * Creates an account.
     *
     * @return the account created
     * @throws UsernameTakenException when an account with this username exists (disabled or not)
     */
    public Account create(String username, String displayName, Role role, String passwordHash) {
        return create(username, displayName, role, passwordHash, null);
    }

    /** As {@link #create(String, String, Role, String)}, for an officer of one department (null: all). */
    public Account create(String username, String displayName, Role role, String passwordHash, String department) {
        return database.inTransaction(c -> {
            if (find(c, username).isPresent()) {
                throw new UsernameTakenException(username);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (username, display_name, role,"
                    + " password_hash, disabled, created_at, department) VALUES (?, ?, ?, ?, FALSE, ?, ?)")) {
                s.setString(1, username);
                s.setString(2, displayName);
                s.setString(3, role.id());
                s.setString(4, passwordHash);
                SqlTimes.set(s, 5, SqlTimes.now(clock));
                s.setString(6, department);
                s.executeUpdate();
            }
            return find(c, username).orElseThrow();
        });
    }

    /** Every account, by username. */
    public List<Account> list() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                    + " FROM accounts a ORDER BY a.username")) {
                List<Account> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(account(r));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** The account with this id, if there is one. */
    public Optional<Account> findById(long accountId) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                    + " FROM accounts a WHERE a.id = ?")) {
                s.setLong(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(account(r)) : Optional.<Account>empty();
                }
            }
        });
    }

    /**
     * Disables or enables an account; disabling also ends its sessions.
     *
     * @return the account as it is now, or empty when there is no such account
     * @throws LastAdminException when this would disable the last enabled administrator
     */
    public Optional<Account> setDisabled(long accountId, boolean disabled) {
        return database.inTransaction(c -> {
            List<Long> admins = lockEnabledAdmins(c);
            Optional<Account> before = lockedAccount(c, accountId);
            if (before.isEmpty()) {
                return before;
            }
            if (disabled) {
                refuseIfLastAdmin(admins, before.get());
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET disabled = ? WHERE id = ?")) {
                s.setBoolean(1, disabled);
                s.setLong(2, accountId);
                s.executeUpdate();
            }
            if (disabled) {
                endSessions(c, accountId);
            }
            return lockedAccount(c, accountId);
        });
    }

    /**
     * Gives an account another role. Its sessions stay (the role is read from the account at each
     * request, so the change applies at once).
     *
     * @return the account as it is now, or empty when there is no such account
     * @throws LastAdminException when this would take the role from the last enabled administrator
     */
    public Optional<Account> setRole(long accountId, Role role) {
        Objects.requireNonNull(role, "role");
        return database.inTransaction(c -> {
            List<Long> admins = lockEnabledAdmins(c);
            Optional<Account> before = lockedAccount(c, accountId);
            if (before.isEmpty()) {
                return before;
            }
            if (role != Role.ADMIN) {
                refuseIfLastAdmin(admins, before.get());
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET role = ? WHERE id = ?")) {
                s.setString(1, role.id());
                s.setLong(2, accountId);
                s.executeUpdate();
            }
            return lockedAccount(c, accountId);
        });
    }

    /**
     * Replaces an account's password hash and ends its sessions: whoever knew the old password
     * and is logged in with it is logged out.
     *
     * @return whether the account exists
     */
    public boolean setPasswordHash(long accountId, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return database.inTransaction(c -> {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE id = ?")) {
                s.setString(1, passwordHash);
                s.setLong(2, accountId);
                updated = s.executeUpdate();
            }
            if (updated > 0) {
                endSessions(c, accountId);
            }
            return updated > 0;
        });
    }

    /**
     * Locks the enabled administrators' rows, in id order, and returns their ids. Every change of
     * a role or of the disabled flag takes these locks first and the changed account's row after:
     * two administrators demoting each other at once are serialised (the second then sees the first
     * alone), and the one order of locking leaves no room for a deadlock.
     */
    private static List<Long> lockEnabledAdmins(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM accounts WHERE role = ? AND disabled = FALSE"
                + " ORDER BY id" + Dialect.of(c).forUpdate())) {
            s.setString(1, Role.ADMIN.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Refuses a change that would leave no enabled administrator (of those locked before). */
    private static void refuseIfLastAdmin(List<Long> enabledAdmins, Account target) {
        if (target.role() != Role.ADMIN || target.disabled()) {
            return;
        }
        if (enabledAdmins.stream().noneMatch(id -> id != target.id())) {
            throw new LastAdminException(target.username());
        }
    }

    private static Optional<Account> lockedAccount(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS
                + " FROM accounts a WHERE a.id = ?" + Dialect.of(c).forUpdate())) {
            s.setLong(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(account(r)) : Optional.empty();
            }
        }
    }

    private static void endSessions(Connection c, long accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE account_id = ?")) {
            s.setLong(1, accountId);
            s.executeUpdate();
        }
    }

    /** An account with this username exists already. */
    public static final class UsernameTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsernameTakenException(String username) {
            super("an account named " + username + " exists already", null, false, false);
        }
    }

    /** The change would leave no enabled administrator, and nobody could manage the accounts any more. */
    public static final class LastAdminException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LastAdminException(String username) {
            super(username + " is the last enabled administrator", null, false, false);
        }
    }

    /** Stores a new session, created now. */
    public void createSession(String tokenHash, long accountId, String csrfToken, Instant expiresAt) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, account_id, created_at,"
                    + " expires_at, csrf_token) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, tokenHash);
                s.setLong(2, accountId);
                SqlTimes.set(s, 3, SqlTimes.now(clock));
                SqlTimes.set(s, 4, expiresAt.truncatedTo(ChronoUnit.MICROS));
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
                    return r.next() ? Optional.of(new StoredSession(account(r), r.getString(9), instant(r, 10),
                            instant(r, 11))) : Optional.<StoredSession>empty();
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
                SqlTimes.set(s, 1, SqlTimes.now(clock));
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
        audit(accountId, username, action, clientIp, null);
    }

    /**
     * Appends a line to the audit log, at the clock's now, saying what the action was about.
     *
     * @param detail what the action changed (the account's username, the file's name), or null;
     *               cut to {@value #MAX_AUDIT_DETAIL_CHARS} characters
     * @see #audit(Long, String, String, String)
     */
    public void audit(Long accountId, String username, String action, String clientIp, String detail) {
        String about = detail == null || detail.length() <= MAX_AUDIT_DETAIL_CHARS ? detail
                : detail.substring(0, MAX_AUDIT_DETAIL_CHARS);
        String name = username.length() > MAX_AUDIT_NAME_CHARS ? username.substring(0, MAX_AUDIT_NAME_CHARS)
                : username;
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (at, account_id, username, action,"
                    + " client_ip, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
                SqlTimes.set(s, 1, SqlTimes.now(clock));
                if (accountId == null) {
                    s.setNull(2, Types.BIGINT);
                } else {
                    s.setLong(2, accountId);
                }
                s.setString(3, name);
                s.setString(4, action);
                s.setString(5, clientIp);
                s.setString(6, about);
                return s.executeUpdate();
            }
        });
    }

    /** The newest lines of the audit log, newest first. */
    public List<AuditEntry> recentAudit(int limit) {
        return auditPage(0, limit);
    }

    /**
     * A page of the audit log, newest first.
     *
     * @param offset lines skipped (the newer pages)
     * @param limit  lines at most
     */
    public List<AuditEntry> auditPage(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must not be negative and limit positive");
        }
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT at, account_id, username, action, client_ip, detail"
                    + " FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?")) {
                s.setInt(1, limit);
                s.setInt(2, offset);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditEntry(instant(r, 1), SqlValues.nullableLong(r, 2), r.getString(3),
                                r.getString(4), r.getString(5), r.getString(6)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** Lines in the audit log. */
    public long auditCount() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_log");
                    ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
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
                r.getBoolean(6), instant(r, 7), r.getString(8));
    }
}
