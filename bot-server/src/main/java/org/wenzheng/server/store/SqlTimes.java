package org.wenzheng.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times in and out of JDBC, one way for every store: columns are {@code TIMESTAMP WITH TIME ZONE},
 * written as UTC {@link OffsetDateTime}s (what both H2 and PostgreSQL drivers take) and read back
 * as {@link Instant}s.
 */
public final class SqlTimes {
    private SqlTimes() {
    }

    /** What both databases keep of a time: microseconds (PostgreSQL would round, not cut, the rest). */
    public static Instant micros(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    /** A time as a column value. */
    public static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    /** A time as a column value, cut to what the database keeps. */
    public static OffsetDateTime utcMicros(Instant t) {
        return utc(micros(t));
    }

    /** The time of a NOT NULL column. */
    public static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The time of a column that may be NULL, or null. */
    public static Instant nullableInstant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
