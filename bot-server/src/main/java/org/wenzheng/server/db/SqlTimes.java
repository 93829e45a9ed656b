package org.wenzheng.server.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.sqlite.core.CorePreparedStatement;

/**
 * Times in and out of JDBC, one way for every store and both databases: PostgreSQL's columns are
 * {@code TIMESTAMP WITH TIME ZONE}, written as UTC {@link OffsetDateTime}s; SQLite has no time type,
 * and its columns hold the time as UTC text of fixed width with microseconds
 * ({@code 2026-11-26T09:30:15.123456Z}), so that the database compares and sorts them as times.
 * Both are read back as {@link Instant}s.
 */
public final class SqlTimes {
    /** Always 27 characters, years 0000-9999: text order is time order. */
    private static final DateTimeFormatter SQLITE_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SqlTimes() {
    }

    /** What both databases keep of a time: microseconds (PostgreSQL would round, not cut, the rest). */
    public static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** The clock's time as both databases keep it: the time every store stamps its rows with. */
    public static Instant now(Clock clock) {
        return micros(clock.instant());
    }

    /**
     * Sets a time parameter, cut to microseconds; null sets SQL NULL.
     *
     * @param s the statement (any pooled statement of either database)
     */
    public static void set(PreparedStatement s, int index, Instant t) throws SQLException {
        boolean sqlite = s.isWrapperFor(CorePreparedStatement.class);
        if (t == null) {
            s.setNull(index, sqlite ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (sqlite) {
            s.setString(index, format(t));
        } else {
            s.setObject(index, OffsetDateTime.ofInstant(micros(t), ZoneOffset.UTC));
        }
    }

    /** A time as SQLite keeps it. */
    static String format(Instant t) {
        return SQLITE_TEXT.format(micros(t));
    }

    /** The time of a NOT NULL column. */
    public static Instant instant(ResultSet r, int column) throws SQLException {
        Instant t = nullableInstant(r, column);
        if (t == null) {
            throw new SQLException("column " + column + " holds no time");
        }
        return t;
    }

    /** The time of a column that may be NULL, or null. */
    public static Instant nullableInstant(ResultSet r, int column) throws SQLException {
        Object value = r.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new SQLException("column " + column + " holds '" + text + "', not a time", e);
            }
        }
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }
}
