package org.wenzheng.server.faq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.wenzheng.server.db.SqlTimes;

/**
 * Rows the tickets side writes when an officer answers (an answered ticket and its FAQ proposal),
 * inserted with plain SQL as that side would: the review must work on what it finds in the table.
 */
public final class ProposalFixtures {
    private ProposalFixtures() {
    }

    /**
     * Inserts an answered ticket and a pending proposal made from it.
     *
     * @param citationsJson a JSON array of citations, as the ask API's
     * @return the proposal's id
     */
    public static long insertPending(Connection c, String ticketCode, String question, String answer,
            String citationsJson) throws SQLException {
        Instant at = Instant.parse("2026-11-20T09:00:00Z");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                + " channel, question, question_key, department, candidates, contact_consent, created_at,"
                + " clock_started_on, deadline, extension_days, answer, answered_at, answered_by, version)"
                + " VALUES (?, ?, 'consultation', 'answered', 'web', ?, ?, 'general', '[]', FALSE, ?, ?, ?, 0, ?, ?,"
                + " 'officer@wenzheng.local', 1)")) {
            s.setString(1, ticketCode);
            s.setString(2, "0".repeat(64));
            s.setString(3, question);
            s.setString(4, question);
            SqlTimes.set(s, 5, at);
            s.setObject(6, LocalDate.of(2026, 11, 20));
            s.setObject(7, LocalDate.of(2026, 11, 25));
            s.setString(8, answer);
            SqlTimes.set(s, 9, at.plus(Duration.ofDays(1)));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO faq_proposals (ticket_code, question, answer,"
                + " citations, department, status, created_at) VALUES (?, ?, ?, ?, 'general', 'pending', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, ticketCode);
            s.setString(2, question);
            s.setString(3, answer);
            s.setString(4, citationsJson);
            SqlTimes.set(s, 5, at.plus(Duration.ofDays(1)));
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
