package org.wenzheng.server.replies;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;

/**
 * The outbox table as the relay and the staff API use it (the tickets side inserts the rows, in
 * the transaction of the ticket change). Nothing is ever deleted: a sent row keeps its Message-ID,
 * a failed one its error. Each method is one transaction. Blocking.
 */
final class OutboxStore {
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    /** The width of last_error. */
    static final int MAX_ERROR_CHARS = 2000;

    private static final String COLUMNS = "id, ticket_code, connector, kind, payload, status, attempts, "
            + "next_attempt_at, last_error, delivered_id, created_at, sent_at";

    private final Database database;

    OutboxStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** One outbox row. */
    record Row(String id, String ticketCode, String connector, String kind, String payload, String status,
            int attempts, Instant nextAttemptAt, String lastError, String deliveredId, Instant createdAt,
            Instant sentAt) {
    }

    /** Rows by status, for the gauges. */
    record Counts(int pending, int failed, int sent) {
    }

    /** The pending rows due at {@code now}, oldest first (by due time, then creation). */
    List<Row> due(Instant now, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE status = ?"
                    + " AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, id")) {
                s.setString(1, PENDING);
                SqlTimes.set(s, 2, now);
                s.setMaxRows(limit);
                return rows(s);
            }
        });
    }

    /** When the next pending row falls due, if any is pending. */
    Optional<Instant> nextDue() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT MIN(next_attempt_at) FROM outbox WHERE status = ?")) {
                s.setString(1, PENDING);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.ofNullable(nullableInstant(r, 1));
                }
            }
        });
    }

    /**
     * Records a delivery, in one transaction: the row sent with the receiving system's id, and for
     * an escalation the ticket's thread id when it has none yet (replies to the first mail then
     * find the ticket; a later escalation, after a transfer, does not rethread it).
     *
     * @return false when the row was no longer pending (nothing changed)
     */
    boolean markSent(Row row, String deliveredId, Instant at) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET status = ?, delivered_id = ?,"
                    + " sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = ?")) {
                s.setString(1, SENT);
                s.setString(2, clip(deliveredId, 255));
                SqlTimes.set(s, 3, at);
                s.setString(4, row.id());
                s.setString(5, PENDING);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            String thread = bare(deliveredId);
            if (row.kind().equalsIgnoreCase("escalation") && !thread.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE tickets SET thread_id = ?, version = version + 1"
                        + " WHERE code = ? AND thread_id IS NULL")) {
                    s.setString(1, clip(thread, 255));
                    s.setString(2, row.ticketCode());
                    s.executeUpdate();
                }
            }
            return true;
        });
    }

    /** A transient failure: counted, retried at {@code next}. */
    void reschedule(String id, Instant next, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1,"
                    + " next_attempt_at = ?, last_error = ? WHERE id = ? AND status = ?")) {
                SqlTimes.set(s, 1, next);
                s.setString(2, clip(error, MAX_ERROR_CHARS));
                s.setString(3, id);
                s.setString(4, PENDING);
                return s.executeUpdate();
            }
        });
    }

    /** A permanent failure: kept as failed, with its error, until an administrator retries it. */
    void markFailed(String id, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET status = ?, attempts = attempts + 1,"
                    + " last_error = ? WHERE id = ? AND status = ?")) {
                s.setString(1, FAILED);
                s.setString(2, clip(error, MAX_ERROR_CHARS));
                s.setString(3, id);
                s.setString(4, PENDING);
                return s.executeUpdate();
            }
        });
    }

    /**
     * An administrator's retry of a failed row: pending again, due at once, its attempts and last
     * error kept for the record.
     *
     * @return false when there is no failed row with this id
     */
    boolean retry(String id, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET status = ?, next_attempt_at = ?"
                    + " WHERE id = ? AND status = ?")) {
                s.setString(1, PENDING);
                SqlTimes.set(s, 2, now);
                s.setString(3, id);
                s.setString(4, FAILED);
                return s.executeUpdate() == 1;
            }
        });
    }

    Counts counts() {
        return database.inTransaction(c -> {
            int pending = 0;
            int failed = 0;
            int sent = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    switch (r.getString(1)) {
                        case PENDING -> pending = r.getInt(2);
                        case FAILED -> failed = r.getInt(2);
                        case SENT -> sent = r.getInt(2);
                        default -> { }
                    }
                }
            }
            return new Counts(pending, failed, sent);
        });
    }

    /** The rows with a status, newest first. */
    List<Row> list(String status, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox WHERE status = ? ORDER BY created_at DESC, id")) {
                s.setString(1, status);
                s.setMaxRows(limit);
                return rows(s);
            }
        });
    }

    Optional<Row> find(String id) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
                s.setString(1, id);
                return rows(s).stream().findFirst();
            }
        });
    }

    private static List<Row> rows(PreparedStatement s) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getInt(7), nullableInstant(r, 8), r.getString(9), r.getString(10),
                        nullableInstant(r, 11), nullableInstant(r, 12)));
            }
        }
        return out;
    }

    /** A Message-ID without its angle brackets and blanks, as tickets.thread_id keeps it. */
    static String bare(String messageId) {
        String m = messageId == null ? "" : messageId.strip();
        if (m.startsWith("<") && m.endsWith(">")) {
            m = m.substring(1, m.length() - 1).strip();
        }
        return m;
    }

    static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
