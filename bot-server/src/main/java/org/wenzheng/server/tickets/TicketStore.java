package org.wenzheng.server.tickets;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The ticket tables in plain JDBC: every method works in the caller's transaction ({@code c}), so
 * that a ticket change, its events and its outbox rows commit together (see {@link TicketService},
 * which draws the transaction boundaries). Stateless and thread-safe.
 */
final class TicketStore {
    private static final String COLUMNS = "code, key_hash, ticket_type, status, channel, conversation_id, question,"
            + " question_key, duplicate_of, department, candidates, contact_email, contact_phone, contact_consent,"
            + " created_at, clock_started_on, deadline, extension_days, reminded_at, overdue_at, answer, answered_at,"
            + " answered_by, thread_id, version, pin_hash, assignee, mailbox, title";

    /**
     * The next number of this day. The counter row is created on the day's first ticket (a
     * concurrent creator that loses the insert rolls back to a savepoint and increments instead);
     * the increment locks the row until commit, so concurrent tickets get distinct numbers.
     */
    int nextNumber(Connection c, LocalDate day) throws SQLException {
        if (increment(c, day)) {
            return current(c, day);
        }
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO ticket_counters (ticket_day, last_number) VALUES (?, 1)")) {
            s.setObject(1, day);
            s.executeUpdate();
            c.releaseSavepoint(sp);
            return 1;
        } catch (SQLException e) {
            // Another transaction created the row first: it exists now, increment it.
            c.rollback(sp);
            if (!increment(c, day)) {
                throw e;
            }
            return current(c, day);
        }
    }

    private static boolean increment(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE ticket_counters SET last_number = last_number + 1 WHERE ticket_day = ?")) {
            s.setObject(1, day);
            return s.executeUpdate() == 1;
        }
    }

    private static int current(Connection c, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_number FROM ticket_counters WHERE ticket_day = ?")) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    void insert(Connection c, Ticket t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, t.code());
            s.setString(2, t.keyHash());
            s.setString(3, t.type().dbName());
            s.setString(4, t.status().id());
            s.setString(5, t.channel());
            s.setString(6, t.conversationId());
            s.setString(7, t.question().text());
            s.setString(8, t.question().key());
            s.setString(9, t.question().duplicateOf());
            s.setString(10, t.department());
            s.setString(11, t.question().candidatesJson());
            s.setString(12, t.contact().email());
            s.setString(13, t.contact().phone());
            s.setBoolean(14, t.contact().consent());
            SqlTimes.set(s, 15, t.createdAt());
            s.setObject(16, t.timing().clockStartedOn());
            s.setObject(17, t.deadline());
            s.setInt(18, t.timing().extensionDays());
            SqlTimes.set(s, 19, t.timing().remindedAt());
            SqlTimes.set(s, 20, t.timing().overdueAt());
            s.setString(21, t.answerText());
            SqlTimes.set(s, 22, t.answeredAt());
            s.setString(23, t.answeredBy());
            s.setString(24, t.threadId());
            s.setInt(25, t.version());
            s.setString(26, t.pinHash());
            s.setString(27, t.assignee());
            s.setString(28, t.mailbox());
            s.setString(29, t.title());
            s.executeUpdate();
        }
    }

    /**
     * Writes the ticket's changeable fields and bumps its version, provided nobody changed it since
     * it was read ({@code t.version()}).
     *
     * @throws IllegalStateException when it was changed meanwhile
     */
    Ticket update(Connection c, Ticket t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tickets SET status = ?, department = ?,"
                + " clock_started_on = ?, deadline = ?, extension_days = ?, reminded_at = ?, overdue_at = ?,"
                + " answer = ?, answered_at = ?, answered_by = ?, thread_id = ?, assignee = ?, version = version + 1"
                + " WHERE code = ? AND version = ?")) {
            s.setString(1, t.status().id());
            s.setString(2, t.department());
            s.setObject(3, t.timing().clockStartedOn());
            s.setObject(4, t.deadline());
            s.setInt(5, t.timing().extensionDays());
            SqlTimes.set(s, 6, t.timing().remindedAt());
            SqlTimes.set(s, 7, t.timing().overdueAt());
            s.setString(8, t.answerText());
            SqlTimes.set(s, 9, t.answeredAt());
            s.setString(10, t.answeredBy());
            s.setString(11, t.threadId());
            s.setString(12, t.assignee());
            s.setString(13, t.code());
            s.setInt(14, t.version());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("ticket " + t.code() + " was changed meanwhile");
            }
        }
        return find(c, t.code(), false).orElseThrow();
    }

    /** The ticket with this code; {@code lock} holds its row until commit (one writer at a time). */
    Optional<Ticket> find(Connection c, String code, boolean lock) throws SQLException {
        List<Ticket> found = query(c, "SELECT " + COLUMNS + " FROM tickets WHERE code = ?" + (lock ? Dialect.of(c).forUpdate() : ""),
                code);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The oldest open ticket of this type that is no duplicate itself and has this question key (a
     * disclosure application is never merged into a consultation: their procedures differ).
     */
    Optional<Ticket> openWithKey(Connection c, String questionKey, String type) throws SQLException {
        List<Ticket> found = query(c, "SELECT " + COLUMNS + " FROM tickets WHERE question_key = ?"
                + " AND ticket_type = ? AND status IN ('open', 'correction') AND duplicate_of IS NULL"
                + " ORDER BY created_at, code LIMIT 1", questionKey, type);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The tickets linked to this one, oldest first, locked. */
    List<Ticket> duplicatesOf(Connection c, String code) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM tickets WHERE duplicate_of = ? ORDER BY created_at, code"
                + Dialect.of(c).forUpdate(), code);
    }

    /**
     * The tickets a query asks for, newest first, at most {@code limit}. Its text is matched here
     * against the code, the question and a letter's title as stored; the caller drops what the question as shown
     * (masked) no longer contains.
     *
     * @param today decides what is overdue: open, and past its deadline
     */
    List<Ticket> list(Connection c, TicketQuery q, LocalDate today, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tickets WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.department() != null) {
            sql.append(" AND department = ?");
            args.add(q.department());
        }
        if (q.channel() != null) {
            sql.append(" AND channel = ?");
            args.add(q.channel());
        }
        if (q.type() != null) {
            sql.append(" AND ticket_type = ?");
            args.add(q.type().dbName());
        }
        if (q.mailbox() != null) {
            sql.append(" AND mailbox = ?");
            args.add(q.mailbox());
        }
        if (q.overdue() != null) {
            sql.append(q.overdue() ? " AND (status = 'open' AND deadline < ?)"
                    : " AND NOT (status = 'open' AND deadline < ?)");
            args.add(today);
        }
        if (q.assignee() != null) {
            sql.append(" AND assignee = ?");
            args.add(q.assignee());
        } else if (q.unassigned()) {
            sql.append(" AND assignee IS NULL");
        }
        if (q.text() != null) {
            String like = "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (code LIKE ? ESCAPE '\\' OR question LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')");
            args.add(like.toUpperCase(java.util.Locale.ROOT));
            args.add(like);
            args.add(like);
        }
        sql.append(" ORDER BY created_at DESC, code DESC LIMIT ").append(limit);
        return query(c, sql.toString(), args.toArray());
    }

    /** Open tickets (no duplicates: they follow theirs) not yet reminded, whose deadline is not past. */
    List<Ticket> dueForReminder(Connection c, LocalDate today) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM tickets WHERE status = 'open' AND duplicate_of IS NULL"
                + " AND reminded_at IS NULL AND deadline >= ? ORDER BY deadline, code", today);
    }

    /** Open tickets (no duplicates) past their deadline and not yet reported overdue. */
    List<Ticket> overdue(Connection c, LocalDate today) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM tickets WHERE status = 'open' AND duplicate_of IS NULL"
                + " AND overdue_at IS NULL AND deadline < ? ORDER BY deadline, code", today);
    }

    /** The code of the ticket a mail with this Message-ID was about: its thread, or a notice sent for it. */
    Optional<String> codeForMessageId(Connection c, String messageId) throws SQLException {
        for (String sql : new String[] {"SELECT code FROM tickets WHERE thread_id = ?",
                "SELECT ticket_code FROM outbox WHERE delivered_id = ?"}) {
            for (String id : new String[] {messageId, "<" + messageId + ">"}) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            return Optional.of(r.getString(1));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The Message-ID of the first escalation mail delivered for this ticket, when one was. */
    Optional<String> firstEscalationId(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT delivered_id FROM outbox WHERE ticket_code = ?"
                + " AND kind = 'escalation' AND delivered_id IS NOT NULL ORDER BY created_at, id"
                + " LIMIT 1")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    void event(Connection c, String code, Instant at, String kind, String actor, String detail) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_events (ticket_code, occurred_at, kind, actor,"
                + " detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, code);
            SqlTimes.set(s, 2, at);
            s.setString(3, kind);
            s.setString(4, actor);
            s.setString(5, detail);
            s.executeUpdate();
        }
    }

    List<TicketEvent> events(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, ticket_code, occurred_at, kind, actor, detail"
                + " FROM ticket_events WHERE ticket_code = ? ORDER BY id")) {
            s.setString(1, code);
            List<TicketEvent> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new TicketEvent(r.getLong(1), r.getString(2), nullableInstant(r, 3), r.getString(4),
                            r.getString(5), r.getString(6)));
                }
            }
            return out;
        }
    }

    /** A pending outbox row for this notice, due at once. */
    void enqueue(Connection c, TicketNotice n, String connector, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (id, ticket_code, connector, kind, payload,"
                + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)")) {
            s.setString(1, n.id());
            s.setString(2, n.ticketCode());
            s.setString(3, connector);
            s.setString(4, n.kind().name().toLowerCase(java.util.Locale.ROOT));
            s.setString(5, NoticePayload.write(n));
            SqlTimes.set(s, 6, now);
            SqlTimes.set(s, 7, now);
            s.executeUpdate();
        }
    }

    /** The tickets a statement finds, its parameters bound in order (strings, dates). */
    private List<Ticket> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return read(s);
        }
    }

    private static List<Ticket> read(PreparedStatement s) throws SQLException {
        List<Ticket> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String answer = r.getString(21);
                out.add(Ticket.builder()
                        .code(r.getString(1))
                        .keyHash(r.getString(2))
                        .type(TicketType.of(r.getString(3)))
                        .status(Ticket.Status.of(r.getString(4)))
                        .channel(r.getString(5))
                        .conversationId(r.getString(6))
                        .question(new Ticket.Question(r.getString(7), r.getString(8), r.getString(9), r.getString(11)))
                        .department(r.getString(10))
                        .contact(new Ticket.Contact(r.getString(12), r.getString(13), r.getBoolean(14)))
                        .createdAt(nullableInstant(r, 15))
                        .timing(new Ticket.Timing(SqlValues.nullableDate(r, 16), SqlValues.nullableDate(r, 17),
                                r.getInt(18), nullableInstant(r, 19), nullableInstant(r, 20)))
                        .answer(answer == null ? null : new Ticket.Answer(answer, nullableInstant(r, 22),
                                r.getString(23)))
                        .threadId(r.getString(24))
                        .version(r.getInt(25))
                        .pinHash(r.getString(26))
                        .assignee(r.getString(27))
                        .mailbox(r.getString(28))
                        .title(r.getString(29))
                        .build());
            }
        }
        return out;
    }
}
