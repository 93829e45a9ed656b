package org.wenzheng.server.chat;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One stored message of a conversation.
 *
 * @param conversationId the conversation
 * @param seq            its place in the conversation: 1, 2, 3 … in the order messages were stored
 * @param role           who wrote it
 * @param text           the text as written or answered (a citizen's personal data included: mask
 *                       it before logging)
 * @param answered       for a bot message, whether the engine answered; null otherwise
 * @param confidence     for a bot message, the engine's confidence in [0,1]; null otherwise
 * @param citationsJson  the sources shown with the message as a JSON array (citations of an answer,
 *                       candidates when not answered); null when none were shown
 * @param replyTo        the seq of the message this one answers, or null
 * @param createdAt      when it was stored
 */
public record Message(String conversationId, int seq, Role role, String text, Boolean answered, Double confidence,
        String citationsJson, Integer replyTo, Instant createdAt) {

    /** Who wrote a message. */
    public enum Role {
        /** The citizen asking. */
        CITIZEN,
        /** Wenzheng's automatic answer. */
        BOT,
        /** An officer answering an escalated question. */
        OFFICER;

        /** The stored and published name: citizen, bot, officer. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Role of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    public Message {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
