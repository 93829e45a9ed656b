package org.wenzheng.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wenzheng.connectors.Fingerprint;
import org.wenzheng.connectors.InboundReply;

/**
 * Reads the answer another ticket system sends back for a ticket Wenzheng gave it:
 * {@code {"id": "<their id>", "ticket": "WZ-…", "answer": "…", "answeredBy": "…"}}, signed like
 * the notices ({@link WebhookSignature}). The signature is checked before anything in the body is
 * looked at; sizes are checked before the signature, so an oversized body costs nothing to refuse.
 */
public final class WebhookCallback {
    /** Their id: an idempotency key, not prose. */
    public static final int MAX_ID_CHARS = 128;
    /** A name or an e-mail address. */
    public static final int MAX_ANSWERED_BY_CHARS = 254;
    private static final Pattern TICKET = Pattern.compile("(?i)WZ-\\d{8}-\\d{4,12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookCallback() {
    }

    /** Parses a callback received now. */
    public static InboundReply parse(byte[] body, String signatureHeader, WebhookSettings settings)
            throws CallbackException {
        return parse(body, signatureHeader, settings, Instant.now());
    }

    /**
     * Parses a callback.
     *
     * @param body            the request body, exactly as received
     * @param signatureHeader the {@value WebhookSignature#HEADER} header, null if absent
     * @param settings        the webhook it came to (its secret and limits)
     * @param receivedAt      when it was received (the server's clock)
     * @throws CallbackException naming the field, when the signature is wrong or a field is
     *                           missing, malformed or too long
     */
    public static InboundReply parse(byte[] body, String signatureHeader, WebhookSettings settings,
            Instant receivedAt) throws CallbackException {
        if (body == null || body.length == 0) {
            throw new CallbackException("body", "body must not be empty");
        }
        if (body.length > settings.maxCallbackBytes()) {
            throw new CallbackException("body", "body must be at most " + settings.maxCallbackBytes() + " bytes, got "
                    + body.length);
        }
        if (!WebhookSignature.verify(body, signatureHeader, settings.secret())) {
            throw new CallbackException(WebhookSignature.HEADER, WebhookSignature.HEADER
                    + " must be sha256=<hex HMAC-SHA256 of the body with the shared secret>");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CallbackException("body", "body must be a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CallbackException("body", "body must be a JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new CallbackException("body", "body must be a JSON object");
        }
        String id = text(root, "id", MAX_ID_CHARS, true);
        if (id.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new CallbackException("id", "id must not contain spaces or control characters");
        }
        String ticket = text(root, "ticket", 32, true);
        if (!TICKET.matcher(ticket).matches()) {
            throw new CallbackException("ticket", "ticket must be a ticket code such as WZ-20261126-0007, got '"
                    + ticket + "'");
        }
        String answer = text(root, "answer", settings.maxAnswerChars(), true);
        String answeredBy = text(root, "answeredBy", MAX_ANSWERED_BY_CHARS, false);
        return new InboundReply(
                "webhook:" + settings.name() + ":" + id,
                Optional.of(id),
                Optional.empty(),
                List.of(),
                answeredBy,
                List.of(),
                List.of(),
                "",
                Optional.of(ticket.toUpperCase(Locale.ROOT)),
                answer,
                answer,
                receivedAt,
                InboundReply.Kind.PERSON,
                "",
                Fingerprint.of(body),
                Optional.empty());
    }

    private static String text(JsonNode root, String field, int maxChars, boolean required) throws CallbackException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new CallbackException(field, field + " is missing");
            }
            return "";
        }
        if (!node.isTextual()) {
            throw new CallbackException(field, field + " must be a string");
        }
        String value = node.textValue().strip();
        if (required && value.isEmpty()) {
            throw new CallbackException(field, field + " must not be empty");
        }
        if (value.codePointCount(0, value.length()) > maxChars) {
            throw new CallbackException(field, field + " must be at most " + maxChars + " characters");
        }
        return value;
    }
}
