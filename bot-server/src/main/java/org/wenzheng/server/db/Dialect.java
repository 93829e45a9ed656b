package org.wenzheng.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The two databases the stores run on, and the few places where their SQL or their errors
 * differ. Everything else is written once: the stores' statements use only what both accept
 * ({@code LIMIT}, {@code TRUE}/{@code FALSE}, {@code ON CONFLICT} is not used), and times go
 * through {@link SqlTimes}.
 */
public enum Dialect {
    /** The embedded default: one file in the data folder, one writer at a time. */
    SQLITE("sqlite"),
    /** Production: a server shared by several nodes. */
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The dialect of a JDBC URL. */
    static Dialect of(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("not a jdbc:sqlite: or jdbc:postgresql: URL");
    }

    /** The dialect of a (pooled) connection. */
    public static Dialect of(Connection c) throws SQLException {
        return c.isWrapperFor(SQLiteConnection.class) ? SQLITE : POSTGRESQL;
    }

    /** Where this dialect's migrations are in the jar: {@code db/migration/<dialect>}. */
    String migrations() {
        return "db/migration/" + folder;
    }

    /**
     * What to append to a {@code SELECT} that reads a row it is about to change, so that no other
     * transaction changes it in between. SQLite has no row locks and needs none: a transaction
     * there holds the database's one write lock from its start ({@code BEGIN IMMEDIATE}).
     */
    public String forUpdate() {
        return this == POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * What to append to a {@code SELECT} that claims rows for work several nodes share (the
     * outbox): on PostgreSQL {@code FOR UPDATE SKIP LOCKED}, so that a row another node is claiming
     * at this moment is passed over rather than waited for or taken twice. Nothing on SQLite, where
     * one process holds the database and its transactions run one at a time.
     */
    public String forUpdateSkipLocked() {
        return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** Whether an insert or update failed on a primary key or unique constraint. */
    public static boolean isUniqueViolation(SQLException e) {
        if (e instanceof SQLiteException s) {
            return s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE;
        }
        return "23505".equals(e.getSQLState());
    }

    /** Whether a statement broke any integrity constraint (key, unique, foreign key, check, not null). */
    public static boolean isIntegrityViolation(SQLException e) {
        if (e instanceof SQLiteException) {
            // The primary result code of every SQLITE_CONSTRAINT_* extended code.
            return (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
        }
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
