package org.wenzheng.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;

/**
 * A checked {@code POST /api/v1/ask} body.
 *
 * @param question the question without invisible characters ({@link InputText#clean}), not blank, at most
 *                 the configured length
 * @param channel  where it was asked
 * @param session  the asker's conversation id, or null
 */
record AskRequest(String question, Channel channel, String session) {
    /** Longest session id: room for a UUID or similar, too short to smuggle a payload. */
    static final int MAX_SESSION_CHARS = 64;
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]+");

    /** Where a question comes from. */
    enum Channel {
        /** The citizen chat page. */
        WEB,
        /** A hotline operator asking on a caller's behalf. */
        HOTLINE,
        /** 在线访谈: an online interview. */
        INTERVIEW,
        /** Another system calling the API. */
        API;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static String ids() {
            return Arrays.stream(values()).map(Channel::id).collect(Collectors.joining("、"));
        }
    }

    AskRequest {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * Checks a body.
     *
     * @throws ApiException 400 naming the field at fault
     */
    static AskRequest parse(ObjectNode body, int maxQuestionChars) {
        JsonNode q = body.get("question");
        if (q == null || q.isNull()) {
            throw ApiException.invalidField("question", "请填写问题");
        }
        if (!q.isTextual()) {
            throw ApiException.invalidField("question", "问题必须是文字");
        }
        String question = InputText.clean(q.textValue());
        if (question.isBlank()) {
            throw ApiException.invalidField("question", "请填写问题");
        }
        // UTF-16 length, as the knowledge engine counts it.
        if (question.length() > maxQuestionChars) {
            throw ApiException.invalidField("question", InputText.questionTooLong(maxQuestionChars, question.length()));
        }
        String channelText = JsonBodies.optionalText(body, "channel");
        Channel channel = Channel.API;
        if (channelText != null) {
            channel = Arrays.stream(Channel.values()).filter(c -> c.id().equals(channelText)).findFirst()
                    .orElseThrow(() -> ApiException.invalidField("channel", InputText.unknownChannel(Channel.ids())));
        }
        String session = JsonBodies.optionalText(body, "session");
        if (session != null && (session.length() > MAX_SESSION_CHARS || !SESSION.matcher(session).matches())) {
            throw ApiException.invalidField("session", InputText.badSession(1, MAX_SESSION_CHARS));
        }
        return new AskRequest(question, channel, session);
    }
}
