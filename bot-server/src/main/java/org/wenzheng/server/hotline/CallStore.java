package org.wenzheng.server.hotline;

import static org.wenzheng.server.db.SqlTimes.instant;
import static org.wenzheng.server.db.SqlTimes.nullableInstant;
import static org.wenzheng.server.db.SqlValues.generatedId;
import static org.wenzheng.server.db.SqlValues.setNullable;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;
import org.wenzheng.server.db.StoreException;

/**
 * Hotline calls and their call log entries (接线记录), in plain JDBC; every method is one
 * transaction. A call is reported by a telephony integration ({@link #report}: each report counts
 * once, whatever the PBX retries) or logged by an operator by hand ({@link #createByHand}). An
 * operator reads and writes only the calls put through to them: every staff method takes the
 * operator's username and finds nothing for a call of someone else.
 *
 * <p>The caller's number is stored as given (digits): call-backs and reports need it. Whoever
 * shows it masks it. Times come from the injected clock, truncated to microseconds.
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
final class CallStore {
    /** The integration name of calls an operator logs by hand, without a PBX report. */
    public static final String BY_HAND = "console";

    /** The SQLSTATE of a unique key violation, in H2 and PostgreSQL alike. */
    private static final String CALL_COLUMNS = "id, integration, external_id, caller_phone, extension, operator,"
            + " started_at, ended_at, question, answer_given, notes, ticket_code, created_at, updated_at";

    /** What a telephony system reports about a call. */
    public enum Event {
        STARTED, ENDED;

        /** The name stored and sent ("started"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A report as received.
     *
     * @param callerPhone digits, or null when the PBX did not send one (an ended report need not)
     * @param operator    the username the extension belongs to, or null
     * @param at          when it happened, as the PBX says
     */
    public record Report(String integration, String externalId, Event event, String callerPhone, String extension,
            String operator, Instant at) {
        public Report {
            Objects.requireNonNull(integration, "integration");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The call after a report, and whether the report had been received before (nothing changed then). */
    public record Reported(Call call, boolean duplicate) {
    }

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CallStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records a report: the call is created by whichever of its reports arrives first ("ended" may
     * overtake "started"); "started" sets its caller, extension, operator and start, "ended" its
     * end. A report received before (same integration, call id and event) changes nothing, also
     * when two copies arrive at once.
     */
    public Reported report(Report report) {
        Objects.requireNonNull(report, "report");
        try {
            return database.inTransaction(c -> apply(c, report));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException s) || !Dialect.isUniqueViolation(s)) {
                throw e;
            }
            // A copy of this report (or the other report of a new call) committed first: this run
            // now finds what it wrote.
            return database.inTransaction(c -> apply(c, report));
        }
    }

    private Reported apply(Connection c, Report r) throws SQLException {
        Optional<Long> seen = seen(c, r);
        if (seen.isPresent()) {
            return new Reported(byId(c, seen.get()).orElseThrow(), true);
        }
        Instant now = SqlTimes.now(clock);
        Instant at = r.at().truncatedTo(ChronoUnit.MICROS);
        Optional<Call> existing = byExternalId(c, r.integration(), r.externalId());
        long id;
        if (existing.isEmpty()) {
            id = insert(c, r.integration(), r.externalId(), r.event() == Event.STARTED ? r : null, now);
        } else {
            id = existing.get().id();
        }
        if (r.event() == Event.STARTED) {
            if (existing.isPresent()) {
                try (PreparedStatement s = c.prepareStatement("UPDATE hotline_calls SET caller_phone = ?,"
                        + " extension = ?, operator = ?, started_at = ?, updated_at = ? WHERE id = ?")) {
                    setNullable(s, 1, r.callerPhone());
                    setNullable(s, 2, r.extension());
                    setNullable(s, 3, r.operator());
                    SqlTimes.set(s, 4, at);
                    SqlTimes.set(s, 5, now);
                    s.setLong(6, id);
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE hotline_calls SET started_at = ? WHERE id = ?")) {
                    SqlTimes.set(s, 1, at);
                    s.setLong(2, id);
                    s.executeUpdate();
                }
            }
        } else {
            try (PreparedStatement s = c.prepareStatement("UPDATE hotline_calls SET ended_at = ?, updated_at = ?,"
                    + " caller_phone = COALESCE(caller_phone, ?), extension = COALESCE(extension, ?),"
                    + " operator = COALESCE(operator, ?) WHERE id = ?")) {
                SqlTimes.set(s, 1, at);
                SqlTimes.set(s, 2, now);
                setNullable(s, 3, r.callerPhone());
                setNullable(s, 4, r.extension());
                setNullable(s, 5, r.operator());
                s.setLong(6, id);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_call_events (integration, external_id,"
                + " event, call_id, received_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, r.integration());
            s.setString(2, r.externalId());
            s.setString(3, r.event().id());
            s.setLong(4, id);
            SqlTimes.set(s, 5, now);
            s.executeUpdate();
        }
        return new Reported(byId(c, id).orElseThrow(), false);
    }

    /**
     * A call the operator logs by hand (the PBX reported none: it is down, or not connected yet),
     * started now.
     */
    public Call createByHand(String operator) {
        Objects.requireNonNull(operator, "operator");
        return database.inTransaction(c -> {
            Instant now = SqlTimes.now(clock);
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            long id = insert(c, BY_HAND, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                    new Report(BY_HAND, "-", Event.STARTED, null, null, operator, now), now);
            try (PreparedStatement s = c.prepareStatement("UPDATE hotline_calls SET started_at = ? WHERE id = ?")) {
                SqlTimes.set(s, 1, now);
                s.setLong(2, id);
                s.executeUpdate();
            }
            return byId(c, id).orElseThrow();
        });
    }

    /** The call with this id when it is this operator's. */
    public Optional<Call> find(long id, String operator) {
        Objects.requireNonNull(operator, "operator");
        return database.inTransaction(c -> byId(c, id).filter(call -> operator.equals(call.operator())));
    }

    /**
     * Writes the call log entry of one of the operator's calls.
     *
     * @return the call as stored now; empty when there is no such call of this operator (nothing written)
     */
    public Optional<Call> writeLog(long id, String operator, CallLogEntry entry) {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(entry, "entry");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE hotline_calls SET"
                    + " question = COALESCE(?, question), answer_given = COALESCE(?, answer_given),"
                    + " notes = COALESCE(?, notes), updated_at = ? WHERE id = ? AND operator = ?")) {
                setNullable(s, 1, entry.question());
                setNullable(s, 2, entry.answerGiven());
                setNullable(s, 3, entry.notes());
                SqlTimes.set(s, 4, SqlTimes.now(clock));
                s.setLong(5, id);
                s.setString(6, operator);
                if (s.executeUpdate() == 0) {
                    return Optional.<Call>empty();
                }
            }
            return byId(c, id);
        });
    }

    /**
     * Links one of the operator's calls to the ticket its question was escalated to.
     *
     * @return the call as stored now; empty when there is no such call of this operator
     */
    public Optional<Call> linkTicket(long id, String operator, String ticketCode) {
        Objects.requireNonNull(ticketCode, "ticketCode");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE hotline_calls SET ticket_code = ?, updated_at = ?"
                    + " WHERE id = ? AND operator = ?")) {
                s.setString(1, ticketCode);
                SqlTimes.set(s, 2, SqlTimes.now(clock));
                s.setLong(3, id);
                s.setString(4, operator);
                if (s.executeUpdate() == 0) {
                    return Optional.<Call>empty();
                }
            }
            return byId(c, id);
        });
    }

    /** The operator's calls first reported in [from, to), newest first. */
    public List<Call> callsOf(String operator, Instant from, Instant to) {
        Objects.requireNonNull(operator, "operator");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM hotline_calls"
                    + " WHERE operator = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC, id DESC")) {
                s.setString(1, operator);
                SqlTimes.set(s, 2, from);
                SqlTimes.set(s, 3, to);
                return list(s);
            }
        });
    }

    /** The most recent calls from this number other than {@code exceptId}, newest first, at most {@code limit}. */
    public List<Call> earlierCalls(String callerPhone, long exceptId, int limit) {
        Objects.requireNonNull(callerPhone, "callerPhone");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM hotline_calls"
                    + " WHERE caller_phone = ? AND id <> ? ORDER BY created_at DESC, id DESC")) {
                s.setString(1, callerPhone);
                s.setLong(2, exceptId);
                s.setMaxRows(limit);
                return list(s);
            }
        });
    }

    /**
     * The tickets not yet answered whose contact phone is this number, newest first, at most
     * {@code limit}: read from the tickets table (open, or waiting for the citizen's 补正). A
     * citizen may have written the number with spaces, dashes or +86: those are ignored. Only the
     * unanswered tickets are compared (the status index finds them), so the comparison on a
     * rewritten column costs little.
     *
     * @param contactPhone digits only, without +86
     */
    public List<OpenTicket> openTickets(String contactPhone, int limit) {
        Objects.requireNonNull(contactPhone, "contactPhone");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT code, status, question, created_at, deadline"
                    + " FROM tickets WHERE status IN ('open', 'correction')"
                    + " AND REPLACE(REPLACE(contact_phone, ' ', ''), '-', '') IN (?, ?, ?)"
                    + " ORDER BY created_at DESC")) {
                s.setString(1, contactPhone);
                s.setString(2, "+86" + contactPhone);
                s.setString(3, "0086" + contactPhone);
                s.setMaxRows(limit);
                List<OpenTicket> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new OpenTicket(r.getString(1), r.getString(2), r.getString(3), instant(r, 4),
                                SqlValues.nullableDate(r, 5)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    private long insert(Connection c, String integration, String externalId, Report started, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_calls (integration, external_id,"
                + " caller_phone, extension, operator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            s.setString(1, integration);
            s.setString(2, externalId);
            setNullable(s, 3, started == null ? null : started.callerPhone());
            setNullable(s, 4, started == null ? null : started.extension());
            setNullable(s, 5, started == null ? null : started.operator());
            SqlTimes.set(s, 6, now);
            SqlTimes.set(s, 7, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    private static Optional<Long> seen(Connection c, Report r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT call_id FROM hotline_call_events"
                + " WHERE integration = ? AND external_id = ? AND event = ?")) {
            s.setString(1, r.integration());
            s.setString(2, r.externalId());
            s.setString(3, r.event().id());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Call> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM hotline_calls WHERE id = ?")) {
            s.setLong(1, id);
            return list(s).stream().findFirst();
        }
    }

    private static Optional<Call> byExternalId(Connection c, String integration, String externalId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + CALL_COLUMNS + " FROM hotline_calls"
                + " WHERE integration = ? AND external_id = ?")) {
            s.setString(1, integration);
            s.setString(2, externalId);
            return list(s).stream().findFirst();
        }
    }

    private static List<Call> list(PreparedStatement s) throws SQLException {
        List<Call> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Call(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), nullableInstant(r, 7), nullableInstant(r, 8), r.getString(9),
                        r.getString(10), r.getString(11), r.getString(12), instant(r, 13), instant(r, 14)));
            }
        }
        return List.copyOf(out);
    }
}
