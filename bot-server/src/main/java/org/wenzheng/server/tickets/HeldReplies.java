package org.wenzheng.server.tickets;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The held replies to tickets' mail, as the ticket desk sees them: a reply the mail bridge did not
 * record as an answer (from an address that is not the department's, perhaps an automatic reply,
 * with no new text) waits as held mail until a person decides. The desk shows a ticket's held
 * replies on that ticket and lets its staff accept one as the answer after reading it. The mail
 * bridge provides this ({@link TicketDesk#heldRepliesFrom}); without it there are none.
 */
public interface HeldReplies {
    /** No mail bridge: nothing is ever held. */
    HeldReplies NONE = new HeldReplies() {
        @Override
        public Map<String, Integer> pendingCounts(Collection<String> codes) {
            return Map.of();
        }

        @Override
        public List<HeldReply> pendingFor(String code) {
            return List.of();
        }

        @Override
        public Optional<TicketDesk.AnswerOutcome> accept(long id, String code, String by) {
            return Optional.empty();
        }
    };

    /** How many held replies wait for each of these tickets (a ticket with none is left out). */
    Map<String, Integer> pendingCounts(Collection<String> codes);

    /** The held replies that wait for this ticket, oldest first, with what they say. */
    List<HeldReply> pendingFor(String code);

    /**
     * Records a held reply to this ticket as its answer (a person vouches for the sender, who is not
     * checked again) and pushes it to the citizen's open chat; empty when no such reply to this
     * ticket is held any more.
     *
     * @param by the username of the staff account that accepted it
     */
    Optional<TicketDesk.AnswerOutcome> accept(long id, String code, String by);

    /**
     * A held reply.
     *
     * @param reason why it was held, as the mail bridge wrote it (for the administrators' log)
     * @param text   the mail's text as received
     * @param answer the part that would be recorded as the answer (the new text, quotes removed)
     */
    record HeldReply(long id, String sender, String subject, Instant receivedAt, String reason, String text,
            String answer) {
        public HeldReply {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
