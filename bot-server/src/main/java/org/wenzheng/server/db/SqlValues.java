package org.wenzheng.server.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Values in and out of JDBC, one way for every store and both databases (times are
 * {@link SqlTimes}'): parameters and columns that may be NULL (the SQLite driver's
 * {@code getObject(column, Long.class)} refuses a NULL instead of returning null), and the id an
 * insert generated.
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

    /** Sets a text parameter; null sets SQL NULL. */
    public static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    /** Sets a parameter of the given {@link Types SQL type}; null sets SQL NULL of that type. */
    public static void setNullable(PreparedStatement s, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            s.setNull(index, sqlType);
        } else {
            s.setObject(index, value, sqlType);
        }
    }

    /**
     * The id the last insert of a statement prepared with {@link Statement#RETURN_GENERATED_KEYS}
     * generated.
     *
     * @throws SQLException when the database returned none
     */
    public static long generatedId(Statement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id");
            }
            return keys.getLong(1);
        }
    }
}
