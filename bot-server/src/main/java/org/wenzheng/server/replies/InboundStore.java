package org.wenzheng.server.replies;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;
import static org.wenzheng.server.db.SqlValues.generatedId;
import static org.wenzheng.server.db.SqlValues.setNullable;
import static org.wenzheng.server.replies.OutboxStore.clip;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;

/**
 * What came in: the mailbox checkpoints, the de-duplication keys of every message processed, and
 * the held messages (quarantine, dead letters). The methods taking a {@link Connection} run in the
 * caller's transaction, so that a mail's effect, its de-duplication row and the checkpoint commit
 * together; the others are one transaction each. Blocking.
 */
final class InboundStore {
    static final String QUARANTINE = "quarantine";
    static final String DEAD_LETTER = "dead_letter";
    static final String HELD_PENDING = "pending";
    static final String RELEASED = "released";
    static final String DISCARDED = "discarded";

    private final Database database;

    InboundStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    Database database() {
        return database;
    }

    /** What became of an inbound message (inbound_seen.outcome). */
    enum Outcome {
        ANSWERED, DUPLICATE_ANSWER, IGNORED_AUTO_REPLY, IGNORED_BOUNCE, QUARANTINED, DEAD_LETTER,
        /** A citizen's mail to a mailbox's address, made a letter (its ticket code recorded). */
        LETTER;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A held message, without its raw bytes. */
    record Held(long id, String reason, String detail, String source, String sender, String subject,
            String ticketCode, int rawBytes, Instant receivedAt, String status, String resolvedBy,
            Instant resolvedAt) {
    }

    /** Where reading this mailbox stopped; {@link MailInbox.Checkpoint#START} when never read. */
    MailInbox.Checkpoint checkpoint(String mailbox) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT uid_validity, last_uid FROM mailbox_checkpoints WHERE mailbox = ?")) {
                s.setString(1, mailbox);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new MailInbox.Checkpoint(r.getLong(1), r.getLong(2)) : MailInbox.Checkpoint.START;
                }
            }
        });
    }

    /** Moves the checkpoint (in the caller's transaction). */
    void saveCheckpoint(Connection c, String mailbox, long uidValidity, long uid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE mailbox_checkpoints SET uid_validity = ?, last_uid = ? WHERE mailbox = ?")) {
            s.setLong(1, uidValidity);
            s.setLong(2, uid);
            s.setString(3, mailbox);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        // One reader per mailbox (the processor's thread): no concurrent first insert to race with.
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO mailbox_checkpoints (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)")) {
            s.setString(1, mailbox);
            s.setLong(2, uidValidity);
            s.setLong(3, uid);
            s.executeUpdate();
        }
    }

    /**
     * Claims a de-duplication key: true when it was new. Run first in the transaction: the row lock
     * of the insert makes a concurrent processor of the same message (a webhook retried while the
     * first call is still running) wait and then fail, instead of recording the answer twice.
     */
    boolean claim(Connection c, String dedupKey, String source, Outcome outcome, Optional<String> ticketCode,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM inbound_seen WHERE dedup_key = ?")) {
            s.setString(1, dedupKey);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO inbound_seen (dedup_key, source, outcome,"
                + " ticket_code, processed_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, dedupKey);
            s.setString(2, clip(source, 255));
            s.setString(3, outcome.id());
            s.setString(4, ticketCode.orElse(null));
            SqlTimes.set(s, 5, at);
            s.executeUpdate();
        }
        return true;
    }

    /** Sets the final outcome of a claimed key (in the caller's transaction). */
    void settle(Connection c, String dedupKey, Outcome outcome, Optional<String> ticketCode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE inbound_seen SET outcome = ?, ticket_code = ? WHERE dedup_key = ?")) {
            s.setString(1, outcome.id());
            s.setString(2, ticketCode.orElse(null));
            s.setString(3, dedupKey);
            s.executeUpdate();
        }
    }

    /** The recorded outcome of a key, if it was seen. */
    Optional<String> outcome(String dedupKey) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM inbound_seen WHERE dedup_key = ?")) {
                s.setString(1, dedupKey);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Keeps a message for an administrator (in the caller's transaction); returns its id. */
    long hold(Connection c, String reason, String detail, String source, String sender, String subject,
            Optional<String> ticketCode, byte[] raw, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO inbound_held (reason, detail, source, sender,"
                + " subject, ticket_code, raw, received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, reason);
            s.setString(2, clip(detail, 2000));
            s.setString(3, clip(source, 255));
            setNullable(s, 4, sender == null || sender.isEmpty() ? null : clip(sender, 254));
            setNullable(s, 5, subject == null || subject.isEmpty() ? null : clip(subject, 1000));
            setNullable(s, 6, ticketCode.orElse(null));
            s.setBytes(7, raw);
            SqlTimes.set(s, 8, at);
            s.setString(9, HELD_PENDING);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    /** The columns {@link #held(ResultSet, byte[])} reads, in its order. */
    private static final String HELD_COLUMNS = "id, reason, detail, source, sender, subject, ticket_code, raw,"
            + " received_at, status, resolved_by, resolved_at";

    /** A held message from a row of {@link #HELD_COLUMNS} (its raw bytes already read). */
    private static Held held(ResultSet r, byte[] raw) throws SQLException {
        return new Held(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), raw.length, nullableInstant(r, 9), r.getString(10),
                r.getString(11), nullableInstant(r, 12));
    }

    /** Held messages with a status, oldest first. */
    List<Held> held(String status, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + HELD_COLUMNS + " FROM inbound_held"
                    + " WHERE status = ? ORDER BY id")) {
                s.setString(1, status);
                s.setMaxRows(limit);
                List<Held> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(held(r, r.getBytes(8)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** How many held messages are pending for each ticket that has one. */
    java.util.Map<String, Integer> pendingCountsByTicket() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ticket_code, COUNT(*) FROM inbound_held"
                    + " WHERE status = ? AND ticket_code IS NOT NULL GROUP BY ticket_code")) {
                s.setString(1, HELD_PENDING);
                java.util.Map<String, Integer> out = new java.util.HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getInt(2));
                    }
                }
                return out;
            }
        });
    }

    /** A pending held message with its raw bytes. */
    record PendingMail(Held held, byte[] raw) {
    }

    /** The pending held messages of a ticket, oldest first, with their raw bytes. */
    List<PendingMail> pendingForTicket(String code) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + HELD_COLUMNS + " FROM inbound_held"
                    + " WHERE status = ? AND ticket_code = ? ORDER BY id")) {
                s.setString(1, HELD_PENDING);
                s.setString(2, code);
                List<PendingMail> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byte[] raw = r.getBytes(8);
                        out.add(new PendingMail(held(r, raw), raw));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** The raw bytes of a pending held message, locked for the caller's transaction. */
    Optional<byte[]> pendingRaw(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT raw FROM inbound_held WHERE id = ? AND status = ?"
                        + Dialect.of(c).forUpdate())) {
            s.setLong(1, id);
            s.setString(2, HELD_PENDING);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Whether a held message is still pending; its row stays locked until commit. */
    boolean lockPending(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM inbound_held WHERE id = ? AND status = ?" + Dialect.of(c).forUpdate())) {
            s.setLong(1, id);
            s.setString(2, HELD_PENDING);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The raw bytes of a held message, whatever its status. */
    Optional<byte[]> rawOf(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT raw FROM inbound_held WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Closes a pending held message (released or discarded); false when it was not pending. */
    boolean resolve(Connection c, long id, String status, String by, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_held SET status = ?, resolved_by = ?,"
                + " resolved_at = ? WHERE id = ? AND status = ?")) {
            s.setString(1, status);
            s.setString(2, clip(by, 64));
            SqlTimes.set(s, 3, at);
            s.setLong(4, id);
            s.setString(5, HELD_PENDING);
            return s.executeUpdate() == 1;
        }
    }
}
