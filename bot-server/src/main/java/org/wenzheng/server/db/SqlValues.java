package org.wenzheng.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * Columns that may be NULL, read the same way from both databases: the SQLite driver's
 * {@code getObject(column, Long.class)} refuses a NULL instead of returning null.
 */
public final class SqlValues {
    private SqlValues() {
    }

    public static Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    public static Integer nullableInt(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    public static Double nullableDouble(ResultSet r, int column) throws SQLException {
        double v = r.getDouble(column);
        return r.wasNull() ? null : v;
    }

    public static Boolean nullableBoolean(ResultSet r, int column) throws SQLException {
        boolean v = r.getBoolean(column);
        return r.wasNull() ? null : v;
    }

    /** A DATE column (SQLite: ISO text, 2026-11-26), or null. */
    public static LocalDate nullableDate(ResultSet r, int column) throws SQLException {
        return r.getObject(column) == null ? null : r.getObject(column, LocalDate.class);
    }
}
