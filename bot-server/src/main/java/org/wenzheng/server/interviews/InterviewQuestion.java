package org.wenzheng.server.interviews;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A question of an online interview as the queue and the feed show it: an entry with the
 * near-duplicates merged into it counted in {@code askCount}, and its answer once published.
 *
 * @param question   as typed (unmasked: pages mask it)
 * @param askerName  the name the asker chose to show, or null
 * @param assignedTo the guest a moderator picked, or null
 * @param feedSeq    its place in the public feed once answered, else null
 * @param answer     the published answer, or null
 * @param ticketCode the escalation ticket made of it after the event, or null
 */
record InterviewQuestion(long id, long interviewId, String question, String askerName, Status status,
        int askCount, Interview.Staff assignedTo, Integer feedSeq, Answer answer, String ticketCode,
        Instant createdAt, Instant updatedAt) {

    public InterviewQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Where a question is. */
    public enum Status {
        /** Waiting for the moderator. */
        QUEUED,
        /** Given to a guest to answer. */
        ASSIGNED,
        /** A guest's answer is published. */
        ANSWERED,
        /** The bot's confident answer is published (智能回答). */
        BOT_ANSWERED,
        /** Refused by the moderator; never shown publicly. */
        REJECTED,
        /** A near-duplicate, counted in the entry it joined. */
        MERGED,
        /** Unanswered at the end, waiting for the tickets service to take it. */
        TO_ESCALATE,
        /** Unanswered at the end, and now a ticket. */
        ESCALATED,
        /** 会后答复: escalated, and its ticket's answer is now published in the transcript. */
        ANSWERED_LATER;

        /** The name stored and shown ("bot_answered"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        /** Still waiting for an answer during the event. */
        public boolean open() {
            return this == QUEUED || this == ASSIGNED;
        }
    }

    /**
     * A published answer.
     *
     * @param guest         the guest who answered (with the title shown then), or null for the others
     * @param department    for an officer's answer after the event, the answering department's name as
     *                      shown when it answered; else null
     * @param text          as written (an officer's answer unmasked: pages mask it)
     * @param citationsJson the bot's citations as the ask API's JSON array, or null
     * @param confidence    the bot's confidence, or null
     */
    public record Answer(Source source, Interview.Guest guest, String department, String text, String citationsJson,
            Double confidence, Instant createdAt) {
        public Answer {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        /** Who answered. */
        public enum Source {
            /** A guest, during the event. */
            GUEST,
            /** The bot, at once (智能回答). */
            BOT,
            /** 会后答复: the department that answered the question's ticket, after the event. */
            OFFICER;

            public String id() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
