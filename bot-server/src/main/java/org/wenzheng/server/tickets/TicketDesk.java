package org.wenzheng.server.tickets;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.wenzheng.knowledge.Citation;
import java.util.Optional;

/**
 * What the inbound side (officers' mail, webhook callbacks) needs from the tickets: find the ticket
 * a reply refers to, check that the sender may answer it, and record the answer. Every method runs
 * in the caller's transaction ({@code c}), so that recording an answer, the mailbox checkpoint and
 * the de-duplication row commit together or not at all.
 */
public interface TicketDesk {
    /**
     * The ticket a reply refers to: first by the Message-IDs it names (In-Reply-To, then References,
     * newest first) against the Message-IDs of the mails sent for tickets, else by the ticket code
     * it names (subject, callback field).
     */
    Optional<TicketRef> findForReply(Connection c, List<String> referencedMessageIds, Optional<String> code);

    /** Whether this address belongs to an officer or the supervisor of the department (case-insensitive). */
    boolean mayAnswer(String department, String address);

    /**
     * An officer's answer with the articles it cites (依据《…》第X条), read from the knowledge base
     * before the transaction that records it: a search never runs while the ticket's row is locked.
     */
    PreparedAnswer prepare(String answer);

    /**
     * Records an officer's answer ({@link #prepare prepared} before the transaction): the ticket and its linked duplicates become answered, the answer
     * is appended to their conversations, notices to citizens who left an e-mail address (with
     * consent) go into the outbox, an FAQ entry is proposed, and the {@link AnswerListener}s are
     * told (an escalated interview question's answer is published). Does nothing when the ticket
     * was already answered (a second reply is kept as an event, not a new answer).
     *
     * @param answeredBy the officer's address or staff username
     * @param via        how it came: mail, webhook, admin
     * @return what changed, including the conversations to push the answer to after the commit
     */
    AnswerOutcome recordAnswer(Connection c, String code, PreparedAnswer answer, String answeredBy, String via,
            Instant at);

    /**
     * Registers what to call after a change of the tickets' own (a new ticket, a transfer, a
     * reminder) has committed notices to the outbox: the relay's wake-up, so that they leave at
     * once instead of at its next poll. Replaces an earlier listener.
     */
    void onOutboxChange(Runnable listener);

    /**
     * Registers where the desk reads the held replies to tickets and accepts one (the mail
     * bridge's held mail). Replaces an earlier source; until then there are none.
     */
    void heldRepliesFrom(HeldReplies source);

    /** An answer's text and the articles in force that it cites (none: the bot's candidates are kept). */
    record PreparedAnswer(String text, List<Citation> cited) {
        public PreparedAnswer {
            Objects.requireNonNull(text, "text");
            cited = List.copyOf(cited);
        }
    }

    /** A ticket as the inbound side sees it. */
    record TicketRef(String code, String department, String status) {
        public TicketRef {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(department, "department");
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * @param recorded      false when the ticket already had an answer (nothing changed but an event)
     * @param answeredCodes the ticket and its linked duplicates that this answer answered
     * @param pushes        open chats to push the answer to once the transaction has committed
     */
    record AnswerOutcome(boolean recorded, List<String> answeredCodes, List<Push> pushes) {
        public AnswerOutcome {
            answeredCodes = List.copyOf(answeredCodes);
            pushes = List.copyOf(pushes);
        }
    }

    /** A message to push to a citizen's open chat: the conversation, and the stored message's seq. */
    record Push(String conversationId, int seq, String ticketCode, String answer) {
        public Push {
            Objects.requireNonNull(conversationId, "conversationId");
            Objects.requireNonNull(ticketCode, "ticketCode");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
