package org.wenzheng.server.satisfaction;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;

/**
 * The satisfaction tables ({@code ticket_ratings}, {@code follow_up_calls}) in plain JDBC, each
 * method in the caller's transaction; it reads {@code tickets} (written only by the ticket desk) for
 * the counts and the follow-up list. Stateless and thread-safe.
 */
final class SatisfactionStore {

    /** One stored rating. */
    record StoredRating(String ticketCode, int round, Instant answeredAt, Rating rating, String comment,
            Instant ratedAt) {
    }

    /** A ticket answered in a period, its department and its latest rating (null: unrated). */
    record AnsweredTicket(String code, String department, Rating latest, boolean reopened) {
    }

    /** An answered ticket of a follow-up type, with what a call-back needs. */
    record FollowUpTicket(String code, String type, String department, String title, String question,
            String phone, boolean consent, Instant answeredAt, String answer) {
    }

    /** One recorded call-back. */
    record Call(long id, String ticketCode, boolean reached, Boolean satisfied, String note, String recordedBy,
            Instant recordedAt) {
    }

    List<StoredRating> ratings(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ticket_code, round, answered_at, rating, comment,"
                + " rated_at FROM ticket_ratings WHERE ticket_code = ? ORDER BY round")) {
            s.setString(1, code);
            List<StoredRating> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredRating(r.getString(1), r.getInt(2), nullableInstant(r, 3),
                            Rating.parse(r.getString(4)), r.getString(5), nullableInstant(r, 6)));
                }
            }
            return out;
        }
    }

    void insertRating(Connection c, StoredRating rating) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_ratings (ticket_code, round, answered_at,"
                + " rating, comment, rated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, rating.ticketCode());
            s.setInt(2, rating.round());
            SqlTimes.set(s, 3, rating.answeredAt());
            s.setString(4, rating.rating().id());
            SqlValues.setNullable(s, 5, rating.comment());
            SqlTimes.set(s, 6, rating.ratedAt());
            s.executeUpdate();
        }
    }

    /** Tickets whose (latest) answer was given in [from, to), with their latest rating. */
    List<AnsweredTicket> answered(Connection c, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT t.code, t.department, r.rating,"
                + " (SELECT COUNT(*) FROM ticket_ratings u WHERE u.ticket_code = t.code AND u.rating = 'unsatisfied')"
                + " FROM tickets t LEFT JOIN ticket_ratings r ON r.ticket_code = t.code AND r.round ="
                + " (SELECT MAX(x.round) FROM ticket_ratings x WHERE x.ticket_code = t.code)"
                + " WHERE t.answered_at >= ? AND t.answered_at < ? ORDER BY t.code")) {
            SqlTimes.set(s, 1, from);
            SqlTimes.set(s, 2, to);
            List<AnsweredTicket> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new AnsweredTicket(r.getString(1), r.getString(2), Rating.parse(r.getString(3)),
                            r.getInt(4) > 0));
                }
            }
            return out;
        }
    }

    /**
     * Answered or closed tickets of these types answered at or after {@code since}, newest answer
     * first (the caller keeps those still within their working days).
     */
    List<FollowUpTicket> followUpCandidates(Connection c, List<String> types, Instant since) throws SQLException {
        if (types.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT code, ticket_type, department, title, question,"
                + " contact_phone, contact_consent, answered_at, answer FROM tickets WHERE ticket_type IN (" + marks
                + ") AND status IN ('answered', 'closed') AND answered_at IS NOT NULL AND answered_at >= ?"
                + " ORDER BY answered_at DESC, code DESC")) {
            int i = 1;
            for (String t : types) {
                s.setString(i++, t);
            }
            SqlTimes.set(s, i, since);
            List<FollowUpTicket> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new FollowUpTicket(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6), r.getBoolean(7), nullableInstant(r, 8), r.getString(9)));
                }
            }
            return out;
        }
    }

    /** The call-backs recorded for a ticket, oldest first. */
    List<Call> calls(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, ticket_code, reached, satisfied, note, recorded_by,"
                + " recorded_at FROM follow_up_calls WHERE ticket_code = ? ORDER BY id")) {
            s.setString(1, code);
            List<Call> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Call(r.getLong(1), r.getString(2), r.getBoolean(3), SqlValues.nullableBoolean(r, 4),
                            r.getString(5), r.getString(6), nullableInstant(r, 7)));
                }
            }
            return out;
        }
    }

    long insertCall(Connection c, String code, boolean reached, Boolean satisfied, String note, String by,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO follow_up_calls (ticket_code, reached, satisfied,"
                + " note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, code);
            s.setBoolean(2, reached);
            SqlValues.setNullable(s, 3, satisfied, Types.BOOLEAN);
            SqlValues.setNullable(s, 4, note);
            s.setString(5, by);
            SqlTimes.set(s, 6, at);
            s.executeUpdate();
            return SqlValues.generatedId(s);
        }
    }

    /** The type and status of a ticket, when there is one. */
    Optional<String[]> typeAndStatus(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT ticket_type, status, department FROM tickets"
                + " WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2), r.getString(3)})
                        : Optional.empty();
            }
        }
    }
}
