package org.wenzheng.server.chat;

import java.util.Objects;

/**
 * A message to append to a conversation; the store gives it its seq and time.
 *
 * @param role          who wrote it
 * @param text          the text, stored as it is
 * @param answered      for a bot message, whether the engine answered; else null
 * @param confidence    for a bot message, the engine's confidence in [0,1]; else null
 * @param citationsJson the sources shown with it, as a JSON array; null for none
 * @param replyTo       the seq of the message it answers; null for none
 */
public record NewMessage(Message.Role role, String text, Boolean answered, Double confidence, String citationsJson,
        Integer replyTo) {

    public NewMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0,1], got " + confidence);
        }
        if (replyTo != null && replyTo < 1) {
            throw new IllegalArgumentException("replyTo must be a seq (1 or more), got " + replyTo);
        }
    }

    /** A citizen's question, as asked. */
    public static NewMessage citizen(String text) {
        return new NewMessage(Message.Role.CITIZEN, text, null, null, null, null);
    }

    /** Wenzheng's reply to the question stored as {@code replyTo}. */
    public static NewMessage bot(String text, boolean answered, double confidence, String citationsJson,
            int replyTo) {
        return new NewMessage(Message.Role.BOT, text, answered, confidence, citationsJson, replyTo);
    }

    /** An officer's answer to the question stored as {@code replyTo}. */
    public static NewMessage officer(String text, int replyTo) {
        return new NewMessage(Message.Role.OFFICER, text, null, null, null, replyTo);
    }
}
