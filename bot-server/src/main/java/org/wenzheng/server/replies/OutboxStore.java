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
            + "next_attempt_at, last_error, delivered_id, created_at, sent_at, claimed_by";

    private final Database database;

    OutboxStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** One outbox row. */
    record Row(String id, String ticketCode, String connector, String kind, String payload, String status,
            int attempts, Instant nextAttemptAt, String lastError, String deliveredId, Instant createdAt,
            Instant sentAt, String claimedBy) {
    }

    /** Rows by status, for the gauges. */
    record Counts(int pending, int failed, int sent) {
    }

    /**
     * Claims the oldest pending row due at {@code now} that no live claim holds, for one delivery
     * by {@code claimer}, until {@code until}: one transaction that locks the row, skipping rows
     * another node is claiming at this moment ({@link org.wenzheng.server.db.Dialect#forUpdateSkipLocked}),
     * and records the claim. No other claimer gets the row before {@code until} (the claimer's
     * lease), unless the delivery is recorded first; a claimer that dies leaves the row to be
     * claimed again once the lease has passed.
     *
     * @return the claimed row, or empty when nothing is due and unclaimed
     */
    Optional<Row> claimNext(Instant now, String claimer, Instant until) {
        return database.inTransaction(c -> {
            Optional<Row> row;
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE status = ?"
                    + " AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
                    + " ORDER BY next_attempt_at, created_at, id LIMIT 1" + database.dialect().forUpdateSkipLocked())) {
                s.setString(1, PENDING);
                SqlTimes.set(s, 2, now);
                SqlTimes.set(s, 3, now);
                row = rows(s).stream().findFirst();
            }
            if (row.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET claimed_by = ?, claimed_until = ?"
                        + " WHERE id = ?")) {
                    s.setString(1, claimer);
                    SqlTimes.set(s, 2, until);
                    s.setString(3, row.get().id());
                    s.executeUpdate();
                }
            }
            return row;
        });
    }

    /**
     * Frees, when a relay starts, the claims of an earlier life of this node that died between a
     * claim and its record, so that they are delivered now rather than after their lease: on
     * SQLite every claim (one process holds the database: any claim is a dead one's); on PostgreSQL
     * those of this node id, which no living node shares (the leadership refuses a second node
     * with the same id at start).
     *
     * @return how many claims were freed
     */
    int releaseAbandonedClaims(String claimer) {
        boolean alone = database.dialect() == org.wenzheng.server.db.Dialect.SQLITE;
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET claimed_until = NULL WHERE status = ?"
                    + " AND claimed_until IS NOT NULL" + (alone ? "" : " AND claimed_by = ?"))) {
                s.setString(1, PENDING);
                if (!alone) {
                    s.setString(2, claimer);
                }
                return s.executeUpdate();
            }
        });
    }

    /**
     * When the next pending row can be claimed, if any is pending: when it falls due, or when the
     * lease of its claim passes if that is later (a row another node is delivering is not due here
     * before then, or the relay would wake again and again while the other node works).
     */
    Optional<Instant> nextDue() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND"
                    + " claimed_until > next_attempt_at THEN claimed_until ELSE next_attempt_at END) FROM outbox"
                    + " WHERE status = ?")) {
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
                    + " sent_at = ?, attempts = attempts + 1, last_error = NULL, claimed_until = NULL"
                    + " WHERE id = ? AND status = ?")) {
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

    /**
     * A transient failure of {@code claimer}'s delivery: counted, retried at {@code next} by
     * whichever node claims it then. Nothing changes when another claimer has taken the row since
     * (this one's lease passed): the row is that one's now.
     */
    void reschedule(String id, String claimer, Instant next, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1,"
                    + " next_attempt_at = ?, last_error = ?, claimed_until = NULL WHERE id = ? AND status = ?"
                    + " AND claimed_by = ?")) {
                SqlTimes.set(s, 1, next);
                s.setString(2, clip(error, MAX_ERROR_CHARS));
                s.setString(3, id);
                s.setString(4, PENDING);
                s.setString(5, claimer);
                return s.executeUpdate();
            }
        });
    }

    /** A permanent failure: kept as failed, with its error, until an administrator retries it. */
    void markFailed(String id, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE outbox SET status = ?, attempts = attempts + 1,"
                    + " last_error = ?, claimed_until = NULL WHERE id = ? AND status = ?")) {
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
                        nullableInstant(r, 11), nullableInstant(r, 12), r.getString(13)));
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
