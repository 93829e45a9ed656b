package org.wenzheng.server.faq;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;

/**
 * The review of FAQ proposals ({@code faq_proposals}, V3 and V7): the tickets side inserts them
 * when an officer answers; an administrator edits, approves or rejects them here. Only a pending
 * proposal can be edited or decided, and each decision is taken once: the row is locked and its
 * status checked in the same transaction, so two reviewers cannot both approve.
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
public final class FaqProposalStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "id, ticket_code, question, alternatives, answer, citations, department,"
            + " status, created_at, reviewed_by, reviewed_at, faq_id, reject_reason";

    private final Database database;
    private final Clock clock;

    public FaqProposalStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A proposal that is no longer pending was asked to change. */
    public static final class NotPendingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient FaqProposal proposal;

        NotPendingException(FaqProposal p) {
            super("proposal " + p.id() + " was already " + p.status().id() + " by " + p.reviewedBy(), null, false,
                    false);
            this.proposal = p;
        }

        /** The proposal as it is now, decided. */
        public FaqProposal proposal() {
            return proposal;
        }
    }

    /**
     * Proposes an officer's answer as an FAQ entry, pending review, in the caller's transaction (the
     * one that records the answer): an answer is never proposed without being recorded, nor the
     * other way round.
     *
     * @param citationsJson a JSON array of citations, as the ask API's
     */
    public static void propose(Connection c, String ticketCode, String question, String answer, String citationsJson,
            String department, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO faq_proposals (ticket_code, question, answer,"
                + " citations, department, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)")) {
            s.setString(1, ticketCode);
            s.setString(2, question);
            s.setString(3, answer);
            s.setString(4, citationsJson);
            s.setString(5, department);
            SqlTimes.set(s, 6, at);
            s.executeUpdate();
        }
    }

    /** Proposals in this status, oldest first (the review queue's order), at most {@code limit}. */
    public List<FaqProposal> list(FaqProposal.Status status, int limit) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM faq_proposals WHERE status = ?"
                    + " ORDER BY id LIMIT ?")) {
                s.setString(1, status.id());
                s.setInt(2, limit);
                return read(s);
            }
        });
    }

    /** Every approved proposal: the FAQ entries loaded into the knowledge base at each start. */
    public List<FaqProposal> approved() {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM faq_proposals WHERE status = ?"
                    + " ORDER BY id")) {
                s.setString(1, FaqProposal.Status.APPROVED.id());
                return read(s);
            }
        });
    }

    public Optional<FaqProposal> find(long id) {
        return database.inTransaction(c -> find(c, id, false));
    }

    /**
     * Replaces what the reviewer may edit.
     *
     * @return the proposal as it is now, or empty when there is none with this id
     * @throws NotPendingException when it was approved or rejected already
     */
    public Optional<FaqProposal> edit(long id, String question, List<String> alternatives, String answer,
            String citationsJson) {
        return database.inTransaction(c -> {
            Optional<FaqProposal> p = pending(c, id);
            if (p.isEmpty()) {
                return p;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE faq_proposals SET question = ?, alternatives = ?,"
                    + " answer = ?, citations = ? WHERE id = ?")) {
                s.setString(1, question);
                s.setString(2, json(alternatives));
                s.setString(3, answer);
                s.setString(4, citationsJson);
                s.setLong(5, id);
                s.executeUpdate();
            }
            return find(c, id, false);
        });
    }

    /**
     * Approves a pending proposal as the FAQ entry {@code faqId}.
     *
     * @return the approved proposal, or empty when there is none with this id
     * @throws NotPendingException when it was approved or rejected already
     */
    public Optional<FaqProposal> approve(long id, String reviewer, String faqId) {
        return decide(id, FaqProposal.Status.APPROVED, reviewer, faqId, null);
    }

    /**
     * Rejects a pending proposal.
     *
     * @return the rejected proposal, or empty when there is none with this id
     * @throws NotPendingException when it was approved or rejected already
     */
    public Optional<FaqProposal> reject(long id, String reviewer, String reason) {
        Objects.requireNonNull(reason, "reason");
        return decide(id, FaqProposal.Status.REJECTED, reviewer, null, reason);
    }

    private Optional<FaqProposal> decide(long id, FaqProposal.Status status, String reviewer, String faqId,
            String reason) {
        Objects.requireNonNull(reviewer, "reviewer");
        return database.inTransaction(c -> {
            Optional<FaqProposal> p = pending(c, id);
            if (p.isEmpty()) {
                return p;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE faq_proposals SET status = ?, reviewed_by = ?,"
                    + " reviewed_at = ?, faq_id = ?, reject_reason = ? WHERE id = ?")) {
                s.setString(1, status.id());
                s.setString(2, reviewer);
                SqlTimes.set(s, 3, clock.instant());
                s.setString(4, faqId);
                s.setString(5, reason);
                s.setLong(6, id);
                s.executeUpdate();
            }
            return find(c, id, false);
        });
    }

    /** The proposal locked for a change, empty when missing; refused when no longer pending. */
    private static Optional<FaqProposal> pending(Connection c, long id) throws SQLException {
        Optional<FaqProposal> p = find(c, id, true);
        if (p.isPresent() && p.get().status() != FaqProposal.Status.PENDING) {
            throw new NotPendingException(p.get());
        }
        return p;
    }

    private static Optional<FaqProposal> find(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM faq_proposals WHERE id = ?"
                + (lock ? Dialect.of(c).forUpdate() : ""))) {
            s.setLong(1, id);
            List<FaqProposal> found = read(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<FaqProposal> read(PreparedStatement s) throws SQLException {
        List<FaqProposal> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new FaqProposal(r.getLong(1), r.getString(2), r.getString(3), strings(r.getString(4)),
                        r.getString(5), r.getString(6), r.getString(7), FaqProposal.Status.of(r.getString(8)),
                        nullableInstant(r, 9), r.getString(10), nullableInstant(r, 11), r.getString(12),
                        r.getString(13)));
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("faq_proposals.alternatives is not a JSON array of strings: " + json, e);
        }
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
