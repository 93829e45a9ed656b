package org.wenzheng.server.chat;

import static org.wenzheng.server.db.SqlTimes.instant;
import static org.wenzheng.server.db.SqlValues.setNullable;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;

/**
 * Conversations and their messages, in plain JDBC. Every method is one transaction, committed
 * before it returns: a message the caller was told is stored survives a crash right after.
 *
 * <p>Conversation ids are 192 random bits from {@link SecureRandom}: an id cannot be guessed or
 * enumerated, so knowing one is what allows reading its conversation. Times come from the
 * injected clock, truncated to microseconds (what both databases keep).
 *
 * <p>Its methods block: call them from worker threads, never from an event loop.
 */
public final class ConversationStore {
    /** 24 bytes: 192 bits, 32 characters of base64url, within the API's 64 for a session. */
    public static final int ID_BYTES = 24;
    /** Longest channel name stored (the column's width). */
    static final int MAX_CHANNEL_CHARS = 16;

    private static final Base64.Encoder ID_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConversationStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts an empty conversation with a fresh id. */
    public Conversation start(String channel) {
        checkChannel(channel);
        return database.inTransaction(c -> insertConversation(c, channel));
    }

    /** The conversation with this id, if there is one. */
    public Optional<Conversation> find(String id) {
        Objects.requireNonNull(id, "id");
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, channel, created_at FROM conversations WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Conversation(r.getString(1), r.getString(2), instant(r, 3)))
                            : Optional.<Conversation>empty();
                }
            }
        });
    }

    /**
     * Appends a message to a conversation, numbered after every message committed before it.
     *
     * @throws IllegalArgumentException when there is no conversation with this id
     */
    public Message append(String conversationId, NewMessage message) {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
        return database.inTransaction(c -> appendIfExists(c, conversationId, message)
                .orElseThrow(() -> new IllegalArgumentException("no conversation with the given id")));
    }

    /**
     * Appends a message in the caller's transaction (an officer's answer committed with the
     * ticket it answers); empty when there is no conversation with this id.
     */
    public Optional<Message> append(Connection c, String conversationId, NewMessage message) throws SQLException {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(message, "message");
        return appendIfExists(c, conversationId, message);
    }

    /**
     * Appends a message to the conversation with this id, or, when there is none (no id, an
     * unknown or expired one), to a new conversation with a fresh id: never to one with the
     * caller's id, which would let a client choose a guessable id. One transaction.
     *
     * @param conversationId the id the client sent, or null
     * @param channel        the channel of a new conversation
     * @return the stored message; its {@code conversationId} is the conversation it went to
     */
    public Message appendOrStart(String conversationId, String channel, NewMessage message) {
        checkChannel(channel);
        Objects.requireNonNull(message, "message");
        return database.inTransaction(c -> {
            if (conversationId != null) {
                Optional<Message> appended = appendIfExists(c, conversationId, message);
                if (appended.isPresent()) {
                    return appended.get();
                }
            }
            Conversation started = insertConversation(c, channel);
            return appendIfExists(c, started.id(), message).orElseThrow();
        });
    }

    /**
     * A question and the reply to it, appended together in one transaction (one durable commit
     * instead of two: the hottest write of the server), to the conversation with this id or to a
     * new one as {@link #appendOrStart} does.
     *
     * @param reply builds the reply from the stored question (its sequence number)
     * @return the two stored messages, question first
     */
    public Exchange appendExchange(String conversationId, String channel, NewMessage question,
            java.util.function.Function<Message, NewMessage> reply) {
        checkChannel(channel);
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(reply, "reply");
        return database.inTransaction(c -> {
            Optional<Message> asked = conversationId == null ? Optional.empty()
                    : appendIfExists(c, conversationId, question);
            Message q = asked.isPresent() ? asked.get()
                    : appendIfExists(c, insertConversation(c, channel).id(), question).orElseThrow();
            Message r = appendIfExists(c, q.conversationId(), reply.apply(q)).orElseThrow();
            return new Exchange(q, r);
        });
    }

    /** A question and its reply, stored together. */
    public record Exchange(Message question, Message reply) {
    }

    /** The messages of a conversation in order; empty when there is no such conversation. */
    public List<Message> messages(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        return database.inTransaction(c -> messages(c, conversationId));
    }

    /** The same, inside a transaction the caller runs. */
    public List<Message> messages(Connection c, String conversationId) throws SQLException {
        Objects.requireNonNull(conversationId, "conversationId");
        try (PreparedStatement s = c.prepareStatement("SELECT seq, role, body, answered, confidence, citations,"
                + " reply_to, created_at FROM messages WHERE conversation_id = ? ORDER BY seq")) {
            s.setString(1, conversationId);
            List<Message> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Message(conversationId, r.getInt(1), Message.Role.of(r.getString(2)),
                            r.getString(3), SqlValues.nullableBoolean(r, 4), SqlValues.nullableDouble(r, 5),
                            r.getString(6), SqlValues.nullableInt(r, 7), instant(r, 8)));
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * The citizens' questions asked since {@code since} that the bot answered (the reply to them is
     * a bot message with {@code answered} true), newest first, at most {@code max}: what the
     * 热点问题 are counted from.
     */
    public List<AnsweredQuestion> answeredQuestionsSince(Instant since, int max) {
        Objects.requireNonNull(since, "since");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT q.conversation_id, q.body FROM messages q"
                    + " JOIN messages a ON a.conversation_id = q.conversation_id AND a.reply_to = q.seq"
                    + " WHERE q.role = ? AND a.role = ? AND a.answered = ? AND q.created_at >= ?"
                    + " ORDER BY q.created_at DESC LIMIT ?")) {
                s.setString(1, Message.Role.CITIZEN.id());
                s.setString(2, Message.Role.BOT.id());
                s.setBoolean(3, true);
                SqlTimes.set(s, 4, since);
                s.setInt(5, max);
                List<AnsweredQuestion> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new AnsweredQuestion(r.getString(1), r.getString(2)));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    /** A citizen's question the bot answered, with the conversation it was asked in. */
    public record AnsweredQuestion(String conversationId, String text) {
    }

    /**
     * Deletes the conversations started before the cutoff, with their messages, except those a
     * ticket refers to: those stay as long as their ticket (the officer and the reports need them).
     *
     * @return how many conversations were deleted
     */
    public int deleteStartedBefore(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        String expired = "SELECT c.id FROM conversations c WHERE c.created_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_id = c.id)";
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM messages WHERE conversation_id IN (" + expired + ")")) {
                SqlTimes.set(s, 1, cutoff);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM conversations WHERE id IN (" + expired + ")")) {
                SqlTimes.set(s, 1, cutoff);
                return s.executeUpdate();
            }
        });
    }

    /** A fresh conversation id: {@value #ID_BYTES} random bytes as base64url. */
    String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return ID_TEXT.encodeToString(bytes);
    }

    private Conversation insertConversation(Connection c, String channel) throws SQLException {
        Conversation conversation = new Conversation(newId(), channel, SqlTimes.now(clock));
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO conversations (id, channel, created_at, last_seq) VALUES (?, ?, ?, 0)")) {
            s.setString(1, conversation.id());
            s.setString(2, conversation.channel());
            SqlTimes.set(s, 3, conversation.createdAt());
            s.executeUpdate();
        }
        return conversation;
    }

    /** The stored message, or empty when the conversation does not exist (nothing is written then). */
    private Optional<Message> appendIfExists(Connection c, String conversationId, NewMessage m) throws SQLException {
        // The update takes the conversation's row lock until commit: a concurrent append waits here
        // and then reads the number this one took.
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ?")) {
            s.setString(1, conversationId);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        int seq;
        try (PreparedStatement s = c.prepareStatement("SELECT last_seq FROM conversations WHERE id = ?")) {
            s.setString(1, conversationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("the conversation vanished while a message was appended");
                }
                seq = r.getInt(1);
            }
        }
        Message stored = new Message(conversationId, seq, m.role(), m.text(), m.answered(), m.confidence(),
                m.citationsJson(), m.replyTo(), SqlTimes.now(clock));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO messages (conversation_id, seq, role, body,"
                + " answered, confidence, citations, reply_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, conversationId);
            s.setInt(2, seq);
            s.setString(3, stored.role().id());
            s.setString(4, stored.text());
            setNullable(s, 5, stored.answered(), Types.BOOLEAN);
            setNullable(s, 6, stored.confidence(), Types.DOUBLE);
            setNullable(s, 7, stored.citationsJson(), Types.VARCHAR);
            setNullable(s, 8, stored.replyTo(), Types.INTEGER);
            SqlTimes.set(s, 9, stored.createdAt());
            s.executeUpdate();
        }
        return Optional.of(stored);
    }



    private static void checkChannel(String channel) {
        if (channel == null || channel.isBlank() || channel.length() > MAX_CHANNEL_CHARS) {
            throw new IllegalArgumentException("channel must be 1 to " + MAX_CHANNEL_CHARS + " characters, got '"
                    + channel + "'");
        }
    }
}
