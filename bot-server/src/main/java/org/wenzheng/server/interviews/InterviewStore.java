package org.wenzheng.server.interviews;

import static org.wenzheng.server.db.SqlTimes.instant;
import static org.wenzheng.server.db.SqlTimes.micros;
import static org.wenzheng.server.db.SqlTimes.nullableInstant;
import static org.wenzheng.server.db.SqlValues.generatedId;
import static org.wenzheng.server.db.SqlValues.setNullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;
import org.wenzheng.server.staff.Role;

/**
 * Online interviews (在线访谈) in plain JDBC: the events with their guests and moderator, the
 * questions with merged near-duplicates, and the answers published in each event's feed. Every
 * method is one transaction, committed before it returns: a question a citizen was told is
 * received survives a crash right after. The one exception, {@link #publishTicketAnswer}, runs in
 * its caller's transaction: the ticket's answer it publishes.
 *
 * <p>Whatever changes an event's questions first updates its row (the ask counter, the feed's
 * last seq), which locks it until commit: questions of one event are merged one at a time, so two
 * copies of a question sent at once cannot both open an entry, and feed numbers follow commit
 * order, the same way on both databases.
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
final class InterviewStore {
    /** Statuses whose entries a new near-duplicate without a bot answer may join. */
    private static final Set<InterviewQuestion.Status> JOINABLE = EnumSet.of(InterviewQuestion.Status.QUEUED,
            InterviewQuestion.Status.ASSIGNED, InterviewQuestion.Status.ANSWERED);

    private static final String QUESTION_COLUMNS = "q.id, q.interview_id, q.question, q.asker_name, q.status,"
            + " q.ask_count, q.assigned_to, aa.username, aa.display_name, q.feed_seq, q.ticket_code, q.created_at,"
            + " q.updated_at, a.source, a.account_id, ga.username, a.guest_name, a.guest_title, a.body, a.citations,"
            + " a.confidence, a.created_at, a.department_name";
    private static final String QUESTION_FROM = " FROM interview_questions q"
            + " LEFT JOIN accounts aa ON aa.id = q.assigned_to"
            + " LEFT JOIN interview_answers a ON a.question_id = q.id"
            + " LEFT JOIN accounts ga ON ga.id = a.account_id";

    /**
     * How long after a rejection {@link #unreject} still undoes it: the moderator's page offers the
     * undo for less (ten seconds), this leaves room for a slow request, and is short enough that
     * an undo never brings back a question the moderator has long forgotten.
     */
    static final Duration UNDO_WINDOW = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;

    public InterviewStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What an administrator sets on an event.
     *
     * @param moderatorId the moderator's account, or null
     * @param guests      the guests in the order they are listed, each with the title shown for them
     */
    public record Draft(String title, String description, Instant startsAt, Instant endsAt, Long moderatorId,
            List<Seat> guests) {
        public Draft {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
            guests = List.copyOf(guests);
            if (!endsAt.isAfter(startsAt)) {
                throw new IllegalArgumentException("endsAt must be after startsAt");
            }
        }
    }

    /** A guest's place at an event: the account and the title shown beside their answers. */
    public record Seat(long accountId, String title) {
        public Seat {
            Objects.requireNonNull(title, "title");
        }
    }

    /**
     * A citizen's question.
     *
     * @param key       the question reduced for duplicate detection
     * @param askerName the name to show, or null
     */
    /** An entry a new question may join: its id and the key it was stored with. */
    public record Keyed(long id, String key) {
    }

    /** Chooses the entry a new question duplicates, if any, among those it may join (oldest first). */
    @FunctionalInterface
    public interface Join {
        Optional<Keyed> choose(List<Keyed> joinable);
    }

    public record Submission(String question, String key, String askerName) {
        public Submission {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(key, "key");
        }
    }

    /** The bot's confident answer to a question, published at once. */
    public record BotAnswer(String text, String citationsJson, double confidence) {
        public BotAnswer {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(citationsJson, "citationsJson");
        }
    }

    /** What became of a submitted question. */
    public enum Outcome {
        /** A new entry in the moderator's queue. */
        QUEUED,
        /** Joined an entry with the same question (its count went up). */
        MERGED,
        /** Answered by the bot, published in the feed. */
        BOT_ANSWERED,
        /** The event has ended: nothing was stored. */
        CLOSED,
        /** No such event. */
        NOT_FOUND
    }

    /**
     * @param questionId the row stored for this submission (null when nothing was)
     * @param entry      the entry it is shown under: itself, or the one it joined (null when nothing was stored)
     */
    public record Submitted(Outcome outcome, Long questionId, InterviewQuestion entry) {
        public Submitted {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The result of a change a person asked for. */
    public enum Change {
        DONE,
        /** No such event, question or guest at this event. */
        NOT_FOUND,
        /** Not possible in the current state (already answered, event ended …). */
        CONFLICT
    }

    /**
     * What a feed poll needs to know first: whether anything is new. {@code asks} changes with
     * every question sent, merged ones too (they change an item's count).
     */
    public record FeedHead(int lastSeq, Interview.Status status, int asks) {
    }

    /** A staff account offered as a guest or moderator. */
    public record StaffMember(long id, String username, String displayName, Role role) {
    }

    // ------------------------------------------------------------------ events

    /** Creates a scheduled event. */
    public Interview create(Draft draft) {
        Objects.requireNonNull(draft, "draft");
        return database.inTransaction(c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO interviews (title, description, starts_at,"
                    + " ends_at, status, moderator_id, last_seq, asks, created_at) VALUES (?, ?, ?, ?, 'scheduled', ?,"
                    + " 0, 0, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, draft.title());
                s.setString(2, draft.description());
                SqlTimes.set(s, 3, micros(draft.startsAt()));
                SqlTimes.set(s, 4, micros(draft.endsAt()));
                setNullable(s, 5, draft.moderatorId(), Types.BIGINT);
                SqlTimes.set(s, 6, SqlTimes.now(clock));
                s.executeUpdate();
                id = generatedId(s);
            }
            insertGuests(c, id, draft.guests());
            return find(c, id).orElseThrow();
        });
    }

    /**
     * Changes an event's title, description, times, moderator and guests (the guest list is
     * replaced). Guests removed keep the answers they gave; questions assigned to them go back to
     * the queue.
     *
     * @return the event as changed, or empty when there is none with this id
     */
    public Optional<Interview> update(long id, Draft draft) {
        Objects.requireNonNull(draft, "draft");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE interviews SET title = ?, description = ?,"
                    + " starts_at = ?, ends_at = ?, moderator_id = ? WHERE id = ?")) {
                s.setString(1, draft.title());
                s.setString(2, draft.description());
                SqlTimes.set(s, 3, micros(draft.startsAt()));
                SqlTimes.set(s, 4, micros(draft.endsAt()));
                setNullable(s, 5, draft.moderatorId(), Types.BIGINT);
                s.setLong(6, id);
                if (s.executeUpdate() == 0) {
                    return Optional.<Interview>empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM interview_guests WHERE interview_id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            insertGuests(c, id, draft.guests());
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'queued',"
                    + " assigned_to = NULL, updated_at = ? WHERE interview_id = ? AND status = 'assigned'"
                    + " AND assigned_to NOT IN (SELECT account_id FROM interview_guests WHERE interview_id = ?)")) {
                SqlTimes.set(s, 1, SqlTimes.now(clock));
                s.setLong(2, id);
                s.setLong(3, id);
                s.executeUpdate();
            }
            return find(c, id);
        });
    }

    /** The event with this id, with its guests. */
    public Optional<Interview> find(long id) {
        return database.inTransaction(c -> find(c, id));
    }

    /** Every event, the latest start first. */
    public List<Interview> list() {
        return database.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM interviews ORDER BY starts_at DESC, id DESC");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            List<Interview> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                find(c, id).ifPresent(out::add);
            }
            return List.copyOf(out);
        });
    }

    /** Opens a scheduled event: {@link Change#CONFLICT} when it is live or ended already. */
    public Change start(long id) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE interviews SET status = 'live', started_at = ?"
                    + " WHERE id = ? AND status = 'scheduled'")) {
                SqlTimes.set(s, 1, SqlTimes.now(clock));
                s.setLong(2, id);
                if (s.executeUpdate() == 1) {
                    return Change.DONE;
                }
            }
            return exists(c, id) ? Change.CONFLICT : Change.NOT_FOUND;
        });
    }

    /**
     * Ends an event (live or still scheduled): its page becomes the transcript, and every
     * question still open (queued or assigned, not rejected) becomes {@code to_escalate}, in the
     * same transaction, so that none is forgotten between the end and its ticket.
     */
    public Change end(long id) {
        return database.inTransaction(c -> {
            Instant now = SqlTimes.now(clock);
            try (PreparedStatement s = c.prepareStatement("UPDATE interviews SET status = 'ended', ended_at = ?"
                    + " WHERE id = ? AND status <> 'ended'")) {
                SqlTimes.set(s, 1, now);
                s.setLong(2, id);
                if (s.executeUpdate() == 0) {
                    return exists(c, id) ? Change.CONFLICT : Change.NOT_FOUND;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'to_escalate',"
                    + " updated_at = ? WHERE interview_id = ? AND status IN ('queued', 'assigned')")) {
                SqlTimes.set(s, 1, now);
                s.setLong(2, id);
                s.executeUpdate();
            }
            return Change.DONE;
        });
    }

    /** The staff accounts (not disabled) of these roles, by display name: the pickers of the admin page. */
    public List<StaffMember> staff(Set<Role> roles) {
        if (roles.isEmpty()) {
            return List.of();
        }
        String in = roles.stream().map(r -> "'" + r.id() + "'").collect(Collectors.joining(", "));
        return database.inTransaction(c -> {
            List<StaffMember> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, username, display_name, role FROM accounts"
                    + " WHERE disabled = FALSE AND role IN (" + in + ") ORDER BY display_name, username");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new StaffMember(r.getLong(1), r.getString(2), r.getString(3), Role.of(r.getString(4))));
                }
            }
            return List.copyOf(out);
        });
    }

    // ------------------------------------------------------------------ questions

    /**
     * Stores a citizen's question. With a bot answer, it joins the bot-answered entry {@code join}
     * chooses, else it is published at once as a new bot-answered entry. Without one, it joins the
     * open or answered entry {@code join} chooses, else it opens a new entry in the queue. Which
     * entry is a near-duplicate is not the store's decision: it lists the candidates, in the
     * transaction that serialises the event's questions, and asks.
     *
     * @param join chooses the entry the question duplicates among the joinable ones
     * @param bot  the bot's confident answer, or null
     */
    public Submitted submit(long interviewId, Submission question, Join join, BotAnswer bot) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(join, "join");
        return database.inTransaction(c -> {
            // Locks the event's row: merging is serialised per event (see the class comment).
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE interviews SET asks = asks + 1 WHERE id = ? AND status <> 'ended'")) {
                s.setLong(1, interviewId);
                if (s.executeUpdate() == 0) {
                    return new Submitted(exists(c, interviewId) ? Outcome.CLOSED : Outcome.NOT_FOUND, null, null);
                }
            }
            Set<InterviewQuestion.Status> joinable = bot == null ? JOINABLE
                    : EnumSet.of(InterviewQuestion.Status.BOT_ANSWERED);
            List<Keyed> candidates = new ArrayList<>();
            String in = joinable.stream().map(st -> "'" + st.id() + "'").collect(Collectors.joining(", "));
            try (PreparedStatement s = c.prepareStatement("SELECT id, question_key FROM interview_questions"
                    + " WHERE interview_id = ? AND status IN (" + in + ") ORDER BY id")) {
                s.setLong(1, interviewId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.add(new Keyed(r.getLong(1), r.getString(2)));
                    }
                }
            }
            Long best = join.choose(List.copyOf(candidates)).map(Keyed::id).orElse(null);
            Instant now = SqlTimes.now(clock);
            if (best != null) {
                long id = insertQuestion(c, interviewId, question, InterviewQuestion.Status.MERGED, best, now);
                try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET ask_count = ask_count + 1,"
                        + " updated_at = ? WHERE id = ?")) {
                    SqlTimes.set(s, 1, now);
                    s.setLong(2, best);
                    s.executeUpdate();
                }
                return new Submitted(Outcome.MERGED, id, question(c, best).orElseThrow());
            }
            if (bot == null) {
                long id = insertQuestion(c, interviewId, question, InterviewQuestion.Status.QUEUED, null, now);
                return new Submitted(Outcome.QUEUED, id, question(c, id).orElseThrow());
            }
            long id = insertQuestion(c, interviewId, question, InterviewQuestion.Status.BOT_ANSWERED, null, now);
            publish(c, interviewId, id, now);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_answers (question_id, source, body,"
                    + " citations, confidence, created_at) VALUES (?, 'bot', ?, ?, ?, ?)")) {
                s.setLong(1, id);
                s.setString(2, bot.text());
                s.setString(3, bot.citationsJson());
                s.setDouble(4, bot.confidence());
                SqlTimes.set(s, 5, now);
                s.executeUpdate();
            }
            return new Submitted(Outcome.BOT_ANSWERED, id, question(c, id).orElseThrow());
        });
    }

    /** Every entry of an event (merged duplicates counted in theirs, not listed), oldest first. */
    public List<InterviewQuestion> entries(long interviewId) {
        return database.inTransaction(c -> questions(c, " WHERE q.interview_id = ? AND q.status <> 'merged'"
                + " ORDER BY q.id", interviewId));
    }

    /** The questions assigned to this guest at this event (open or answered by them), oldest first. */
    public List<InterviewQuestion> assignedTo(long interviewId, long accountId) {
        return database.inTransaction(c -> questions(c, " WHERE q.interview_id = ? AND q.assigned_to = ?"
                + " AND q.status IN ('assigned', 'answered') ORDER BY q.id", interviewId, accountId));
    }

    /**
     * Gives an open question to a guest of the event (again, to another guest, if it was assigned).
     * {@link Change#NOT_FOUND} when the question is not this event's or the account is not its guest.
     */
    public Change assign(long interviewId, long questionId, long guestAccountId) {
        return database.inTransaction(c -> {
            Optional<Change> closed = lockOpen(c, interviewId);
            if (closed.isPresent()) {
                return closed.get();
            }
            if (!isGuest(c, interviewId, guestAccountId)) {
                return Change.NOT_FOUND;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'assigned',"
                    + " assigned_to = ?, updated_at = ? WHERE id = ? AND interview_id = ?"
                    + " AND status IN ('queued', 'assigned')")) {
                s.setLong(1, guestAccountId);
                SqlTimes.set(s, 2, SqlTimes.now(clock));
                s.setLong(3, questionId);
                s.setLong(4, interviewId);
                if (s.executeUpdate() == 1) {
                    return Change.DONE;
                }
            }
            return questionStatus(c, interviewId, questionId).isPresent() ? Change.CONFLICT : Change.NOT_FOUND;
        });
    }

    /**
     * Refuses an open question: it is never shown publicly, and not escalated. It keeps the guest it
     * was given to (its status, not {@code assigned_to}, says who answers), so that {@link #unreject}
     * can give it back.
     */
    public Change reject(long interviewId, long questionId) {
        return database.inTransaction(c -> {
            Optional<Change> closed = lockOpen(c, interviewId);
            if (closed.isPresent()) {
                return closed.get();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'rejected',"
                    + " updated_at = ? WHERE id = ? AND interview_id = ?"
                    + " AND status IN ('queued', 'assigned')")) {
                SqlTimes.set(s, 1, SqlTimes.now(clock));
                s.setLong(2, questionId);
                s.setLong(3, interviewId);
                if (s.executeUpdate() == 1) {
                    return Change.DONE;
                }
            }
            return questionStatus(c, interviewId, questionId).isPresent() ? Change.CONFLICT : Change.NOT_FOUND;
        });
    }

    /**
     * Undoes a rejection made less than {@link #UNDO_WINDOW} ago: the question goes back to the
     * guest it was given to, when they are still a guest of the event, else to the queue. Nothing
     * else changes a rejected question (near-duplicates do not join it, the end of the event leaves
     * it), so one still rejected within the window is as the rejection left it.
     * {@link Change#CONFLICT} when it is not rejected, the window has passed or the event has ended.
     */
    public Change unreject(long interviewId, long questionId) {
        return database.inTransaction(c -> {
            Optional<Change> closed = lockOpen(c, interviewId);
            if (closed.isPresent()) {
                return closed.get();
            }
            Optional<InterviewQuestion> found = question(c, questionId).filter(q -> q.interviewId() == interviewId
                    && q.status() != InterviewQuestion.Status.MERGED);
            if (found.isEmpty()) {
                return Change.NOT_FOUND;
            }
            InterviewQuestion q = found.get();
            Instant now = SqlTimes.now(clock);
            if (q.status() != InterviewQuestion.Status.REJECTED || q.updatedAt().isBefore(now.minus(UNDO_WINDOW))) {
                return Change.CONFLICT;
            }
            Long guest = q.assignedTo() != null && isGuest(c, interviewId, q.assignedTo().accountId())
                    ? q.assignedTo().accountId() : null;
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = ?, assigned_to = ?,"
                    + " updated_at = ? WHERE id = ? AND status = 'rejected'")) {
                s.setString(1, (guest == null ? InterviewQuestion.Status.QUEUED : InterviewQuestion.Status.ASSIGNED)
                        .id());
                setNullable(s, 2, guest, Types.BIGINT);
                SqlTimes.set(s, 3, now);
                s.setLong(4, questionId);
                return s.executeUpdate() == 1 ? Change.DONE : Change.CONFLICT;
            }
        });
    }

    /**
     * Publishes a guest's answer to a question assigned to them: it takes the next place in the
     * feed. {@link Change#NOT_FOUND} when the question is not this event's or not assigned to
     * this guest; {@link Change#CONFLICT} when it was answered already or the event has ended.
     */
    public Change answer(long interviewId, long questionId, long guestAccountId, String text) {
        Objects.requireNonNull(text, "text");
        return database.inTransaction(c -> {
            Optional<Change> closed = lockOpen(c, interviewId);
            if (closed.isPresent()) {
                return closed.get();
            }
            Optional<Interview.Guest> guest = guest(c, interviewId, guestAccountId);
            Optional<InterviewQuestion> q = question(c, questionId)
                    .filter(x -> x.interviewId() == interviewId && x.assignedTo() != null
                            && x.assignedTo().accountId() == guestAccountId);
            if (guest.isEmpty() || q.isEmpty()) {
                return Change.NOT_FOUND;
            }
            if (q.get().status() != InterviewQuestion.Status.ASSIGNED) {
                return Change.CONFLICT;
            }
            Instant now = SqlTimes.now(clock);
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'answered',"
                    + " updated_at = ? WHERE id = ? AND status = 'assigned'")) {
                SqlTimes.set(s, 1, now);
                s.setLong(2, questionId);
                if (s.executeUpdate() == 0) {
                    return Change.CONFLICT;
                }
            }
            publish(c, interviewId, questionId, now);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_answers (question_id, source,"
                    + " account_id, guest_name, guest_title, body, created_at) VALUES (?, 'guest', ?, ?, ?, ?, ?)")) {
                s.setLong(1, questionId);
                s.setLong(2, guestAccountId);
                s.setString(3, guest.get().displayName());
                s.setString(4, guest.get().title());
                s.setString(5, text);
                SqlTimes.set(s, 6, now);
                s.executeUpdate();
            }
            return Change.DONE;
        });
    }

    // ------------------------------------------------------------------ the feed

    /** The feed's newest seq and the event's status, or empty when there is no such event. One row read. */
    public Optional<FeedHead> feedHead(long interviewId) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT last_seq, status, asks FROM interviews WHERE id = ?")) {
                s.setLong(1, interviewId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new FeedHead(r.getInt(1), Interview.Status.of(r.getString(2)),
                            r.getInt(3))) : Optional.<FeedHead>empty();
                }
            }
        });
    }

    /**
     * The answered questions of an event after a feed seq, in feed order, at most {@code limit}:
     * polled with the last seq seen, read from 0 it is the transcript.
     */
    public List<InterviewQuestion> feed(long interviewId, int afterSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return database.inTransaction(c -> questions(c, " WHERE q.interview_id = ? AND q.feed_seq > ?"
                + " ORDER BY q.feed_seq LIMIT " + limit, interviewId, (long) afterSeq));
    }

    // ------------------------------------------------------------------ escalation

    /** The questions left unanswered at the end of an event and not yet made tickets, oldest first. */
    public List<InterviewQuestion> toEscalate(long interviewId) {
        return database.inTransaction(c -> questions(c, " WHERE q.interview_id = ? AND q.status = 'to_escalate'"
                + " ORDER BY q.id", interviewId));
    }

    /**
     * Records the ticket made of a question waiting for escalation.
     *
     * @return false when it was not waiting (escalated by someone else meanwhile)
     */
    public boolean markEscalated(long questionId, String ticketCode) {
        Objects.requireNonNull(ticketCode, "ticketCode");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'escalated',"
                    + " ticket_code = ?, updated_at = ? WHERE id = ? AND status = 'to_escalate'")) {
                s.setString(1, ticketCode);
                SqlTimes.set(s, 2, SqlTimes.now(clock));
                s.setLong(3, questionId);
                return s.executeUpdate() == 1;
            }
        });
    }

    // ------------------------------------------------------------------ answers after the event

    /**
     * 会后答复: publishes the answer to the ticket made of an escalated question, in the caller's
     * transaction, so that it commits with the ticket's answer or not at all. The question becomes
     * {@code answered_later} and takes its event's next feed seq (the event's row is locked first,
     * as every change to its questions does); the answer is shown under the department's name.
     * Its merged near-duplicates stay counted in it, as with a guest's answer.
     *
     * <p>Nothing happens, and nothing is locked, when no question waits for this ticket's answer:
     * a ticket of another channel, or a question whose answer is published already.
     *
     * @param ticketCode the ticket answered
     * @param department the answering department's display name (never an officer's address)
     * @param text       the answer as the officer wrote it (pages mask it)
     * @param at         when the ticket was answered: the answer's time and date in the transcript
     * @return the question as published, or empty when there was none to publish
     */
    public Optional<InterviewQuestion> publishTicketAnswer(Connection c, String ticketCode, String department,
            String text, Instant at) throws SQLException {
        Objects.requireNonNull(ticketCode, "ticketCode");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(text, "text");
        Instant when = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
        long questionId;
        long interviewId;
        try (PreparedStatement s = c.prepareStatement("SELECT id, interview_id FROM interview_questions"
                + " WHERE ticket_code = ? AND status = 'escalated'")) {
            s.setString(1, ticketCode);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                questionId = r.getLong(1);
                interviewId = r.getLong(2);
            }
        }
        lock(c, interviewId);
        // Checked again under the lock: the status, not the read above, decides who publishes.
        try (PreparedStatement s = c.prepareStatement("UPDATE interview_questions SET status = 'answered_later',"
                + " updated_at = ? WHERE id = ? AND status = 'escalated'")) {
            SqlTimes.set(s, 1, when);
            s.setLong(2, questionId);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        publish(c, interviewId, questionId, when);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_answers (question_id, source,"
                + " department_name, body, created_at) VALUES (?, 'officer', ?, ?, ?)")) {
            s.setLong(1, questionId);
            s.setString(2, department);
            s.setString(3, text);
            SqlTimes.set(s, 4, when);
            s.executeUpdate();
        }
        return question(c, questionId);
    }

    // ------------------------------------------------------------------ machinery

    private Optional<Interview> find(Connection c, long id) throws SQLException {
        Interview withoutGuests;
        try (PreparedStatement s = c.prepareStatement("SELECT i.title, i.description, i.starts_at, i.ends_at,"
                + " i.status, i.moderator_id, m.username, m.display_name, i.last_seq, i.asks, i.created_at,"
                + " i.started_at, i.ended_at FROM interviews i LEFT JOIN accounts m ON m.id = i.moderator_id"
                + " WHERE i.id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                long moderatorId = r.getLong(6);
                Interview.Staff moderator = r.wasNull() ? null
                        : new Interview.Staff(moderatorId, r.getString(7), r.getString(8));
                withoutGuests = new Interview(id, r.getString(1), r.getString(2), instant(r, 3), instant(r, 4),
                        Interview.Status.of(r.getString(5)), moderator, List.of(), r.getInt(9), r.getInt(10),
                        instant(r, 11), nullableInstant(r, 12), nullableInstant(r, 13));
            }
        }
        return Optional.of(withoutGuests.withGuests(guests(c, id)));
    }

    private static List<Interview.Guest> guests(Connection c, long interviewId) throws SQLException {
        List<Interview.Guest> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT g.account_id, a.username, a.display_name, g.guest_title"
                + " FROM interview_guests g JOIN accounts a ON a.id = g.account_id WHERE g.interview_id = ?"
                + " ORDER BY g.list_order")) {
            s.setLong(1, interviewId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Interview.Guest(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return out;
    }

    private static Optional<Interview.Guest> guest(Connection c, long interviewId, long accountId)
            throws SQLException {
        return guests(c, interviewId).stream().filter(g -> g.accountId() == accountId).findFirst();
    }

    private static boolean isGuest(Connection c, long interviewId, long accountId) throws SQLException {
        return guest(c, interviewId, accountId).isPresent();
    }

    private static void insertGuests(Connection c, long interviewId, List<Seat> guests) throws SQLException {
        // One row per account: the same person listed twice keeps the first title.
        Map<Long, String> unique = new LinkedHashMap<>();
        guests.forEach(g -> unique.putIfAbsent(g.accountId(), g.title()));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_guests (interview_id, account_id,"
                + " guest_title, list_order) VALUES (?, ?, ?, ?)")) {
            int order = 0;
            for (Map.Entry<Long, String> g : unique.entrySet()) {
                s.setLong(1, interviewId);
                s.setLong(2, g.getKey());
                s.setString(3, g.getValue());
                s.setInt(4, order++);
                s.addBatch();
            }
            if (order > 0) {
                s.executeBatch();
            }
        }
    }

    private static boolean exists(Connection c, long interviewId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM interviews WHERE id = ?")) {
            s.setLong(1, interviewId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Locks an event that has not ended (moderation and answers happen while it runs, or before);
     * the refusal otherwise.
     */
    private static Optional<Change> lockOpen(Connection c, long interviewId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE interviews SET last_seq = last_seq WHERE id = ? AND status <> 'ended'")) {
            s.setLong(1, interviewId);
            if (s.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        return Optional.of(exists(c, interviewId) ? Change.CONFLICT : Change.NOT_FOUND);
    }

    /** Locks an event's row, whatever its status, until the commit. */
    private static void lock(Connection c, long interviewId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE interviews SET last_seq = last_seq WHERE id = ?")) {
            s.setLong(1, interviewId);
            s.executeUpdate();
        }
    }

    /** Gives a question the event's next feed seq. */
    private static void publish(Connection c, long interviewId, long questionId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE interviews SET last_seq = last_seq + 1 WHERE id = ?")) {
            s.setLong(1, interviewId);
            s.executeUpdate();
        }
        int seq;
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq FROM interviews WHERE id = ?")) {
            s.setLong(1, interviewId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                seq = r.getInt(1);
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE interview_questions SET feed_seq = ?, updated_at = ? WHERE id = ?")) {
            s.setInt(1, seq);
            SqlTimes.set(s, 2, now);
            s.setLong(3, questionId);
            s.executeUpdate();
        }
    }

    private static long insertQuestion(Connection c, long interviewId, Submission q, InterviewQuestion.Status status,
            Long mergedInto, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_questions (interview_id, question,"
                + " question_key, asker_name, status, merged_into, ask_count, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, interviewId);
            s.setString(2, q.question());
            s.setString(3, q.key());
            setNullable(s, 4, q.askerName(), Types.VARCHAR);
            s.setString(5, status.id());
            setNullable(s, 6, mergedInto, Types.BIGINT);
            SqlTimes.set(s, 7, now);
            SqlTimes.set(s, 8, now);
            s.executeUpdate();
            return generatedId(s);
        }
    }

    private static Optional<InterviewQuestion.Status> questionStatus(Connection c, long interviewId, long questionId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT status FROM interview_questions WHERE id = ? AND interview_id = ? AND status <> 'merged'")) {
            s.setLong(1, questionId);
            s.setLong(2, interviewId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(InterviewQuestion.Status.of(r.getString(1))) : Optional.empty();
            }
        }
    }

    private static Optional<InterviewQuestion> question(Connection c, long id) throws SQLException {
        return questions(c, " WHERE q.id = ?", id).stream().findFirst();
    }

    private static List<InterviewQuestion> questions(Connection c, String where, long... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + QUESTION_COLUMNS + QUESTION_FROM + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setLong(i + 1, params[i]);
            }
            List<InterviewQuestion> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(question(r));
                }
            }
            return List.copyOf(out);
        }
    }

    private static InterviewQuestion question(ResultSet r) throws SQLException {
        long assignedId = r.getLong(7);
        Interview.Staff assigned = r.wasNull() ? null : new Interview.Staff(assignedId, r.getString(8), r.getString(9));
        InterviewQuestion.Answer answer = null;
        String source = r.getString(14);
        if (source != null) {
            Interview.Guest guest = null;
            long guestId = r.getLong(15);
            if (!r.wasNull()) {
                guest = new Interview.Guest(guestId, r.getString(16), r.getString(17), r.getString(18));
            }
            answer = new InterviewQuestion.Answer(InterviewQuestion.Answer.Source.valueOf(source.toUpperCase(
                    java.util.Locale.ROOT)), guest, r.getString(23), r.getString(19), r.getString(20),
                    SqlValues.nullableDouble(r, 21), instant(r, 22));
        }
        return new InterviewQuestion(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                InterviewQuestion.Status.of(r.getString(5)), r.getInt(6), assigned, SqlValues.nullableInt(r, 10),
                answer, r.getString(11), instant(r, 12), instant(r, 13));
    }
}
