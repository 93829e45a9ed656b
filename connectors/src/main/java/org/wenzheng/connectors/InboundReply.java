package org.wenzheng.connectors;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What came back from outside: an officer's mail, or another ticket system's callback, parsed
 * and classified but not yet matched to a ticket (the server does that, in the same transaction
 * that records the answer).
 *
 * @param source       where it came from, for the dead-letter store and logs: e.g.
 *                     {@code imap:INBOX:1700000000:42} (folder, UIDVALIDITY, UID) or
 *                     {@code webhook:12345}
 * @param messageId    the Message-ID header, without angle brackets; empty when the mail has none
 * @param inReplyTo    In-Reply-To, without angle brackets; empty when absent
 * @param references   References, oldest first, without angle brackets
 * @param from         the sender's address, lower case (envelope From header), empty if none
 * @param recipients   the addresses it was sent to, lower case: To, Cc, and the Delivered-To and
 *                     X-Original-To that the receiving server adds; empty for a callback
 * @param authenticationResults the values of its Authentication-Results headers (RFC 8601), topmost
 *                     (the last server's) first; empty for a callback
 * @param subject      the subject, decoded; empty if none
 * @param ticketCode   the ticket code the message names: a webhook callback's ticket field, or a
 *                     code like WZ-20261126-0007 found in a mail's subject; empty if none
 * @param answer       the new text of the reply: quoted earlier mail and the signature removed,
 *                     trimmed; may be empty (then it is not an answer)
 * @param fullText     the whole plain text, as received, kept for an administrator
 * @param receivedAt   when it was received (the mail's internal date, else now)
 * @param kind         whether a person wrote it
 * @param kindReason   the evidence for {@code kind} when it is not {@link Kind#PERSON} (the header
 *                     or phrase that decided, for the administrator); empty for a person's mail
 * @param fingerprint  a stable digest of the raw message: the de-duplication key of a mail
 *                     without Message-ID
 * @param note         what the reader left out, for the ticket's history: e.g. the attachments of a
 *                     mail over the size limit, of which only the headers and text were fetched
 */
public record InboundReply(
        String source,
        Optional<String> messageId,
        Optional<String> inReplyTo,
        List<String> references,
        String from,
        List<String> recipients,
        List<String> authenticationResults,
        String subject,
        Optional<String> ticketCode,
        String answer,
        String fullText,
        Instant receivedAt,
        Kind kind,
        String kindReason,
        String fingerprint,
        Optional<String> note) {

    public InboundReply {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        references = List.copyOf(references);
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
        authenticationResults = List.copyOf(authenticationResults);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ticketCode, "ticketCode");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(fullText, "fullText");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(kindReason, "kindReason");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(note, "note");
    }

    /** This reply with a note of what the reader left out. */
    public InboundReply withNote(String text) {
        return new InboundReply(source, messageId, inReplyTo, references, from, recipients, authenticationResults,
                subject, ticketCode, answer, fullText, receivedAt, kind, kindReason, fingerprint, Optional.of(text));
    }

    /**
     * Who wrote it. Only {@link #PERSON} becomes an answer by itself; {@link #POSSIBLE_AUTO_REPLY}
     * only when an administrator releases it; the others never, and none triggers a mail back.
     */
    public enum Kind {
        /** Written by a person. */
        PERSON,
        /**
         * An automatic reply: Auto-Submitted other than "no", X-Autoreply, Precedence bulk/junk/list,
         * a body that says it is automatic, or two signs of one (subject, opening, Exchange's headers).
         */
        AUTO_REPLY,
        /**
         * One sign of an automatic reply and nothing else: a subject such as 自动回复：…, or a body
         * opening with the writer's absence. Perhaps a person's answer: a person decides.
         */
        POSSIBLE_AUTO_REPLY,
        /** A delivery status notification: empty Return-Path, mailer-daemon, multipart/report. */
        BOUNCE
    }
}
