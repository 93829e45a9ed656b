package org.wenzheng.server.tickets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A stored ticket: a question escalated to a department, as the {@code tickets} table holds it.
 *
 * @param code           public code, {@code WZ-<yyyyMMdd>-<nnnn>}
 * @param keyHash        SHA-256 (hex) of the citizen's access key
 * @param type           {@code consultation} (咨询) or {@code disclosure} (依申请公开)
 * @param status         open, correction (补正: waiting for the citizen), answered, closed
 * @param channel        web, hotline, interview or api
 * @param conversationId the citizen's conversation, or null
 * @param questionKey    the question normalised for 并单 (duplicate linking)
 * @param duplicateOf    the open ticket this one is answered with, or null
 * @param candidatesJson the bot's best candidates when the ticket was made, a JSON array
 * @param contactEmail   kept only with consent; null otherwise
 * @param contactPhone   kept only with consent; null otherwise
 * @param clockStartedOn the day the clock (re)started
 * @param deadline       the last working day for the answer
 * @param extensionDays  working days added by the one extension (0: none)
 * @param threadId       Message-ID of the first escalation mail, when known
 * @param version        bumped by every update
 */
public record Ticket(String code, String keyHash, String type, String status, String channel, String conversationId,
        String question, String questionKey, String duplicateOf, String department, String candidatesJson,
        String contactEmail, String contactPhone, boolean contactConsent, Instant createdAt, LocalDate clockStartedOn,
        LocalDate deadline, int extensionDays, Instant remindedAt, Instant overdueAt, String answer,
        Instant answeredAt, String answeredBy, String threadId, int version) {

    public static final String OPEN = "open";
    public static final String CORRECTION = "correction";
    public static final String ANSWERED = "answered";
    public static final String CLOSED = "closed";

    public static final String CONSULTATION = "consultation";
    public static final String DISCLOSURE = "disclosure";

    public Ticket {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** Whether it still waits for an answer (open, or 补正 with the clock stopped). */
    public boolean pending() {
        return OPEN.equals(status) || CORRECTION.equals(status);
    }

    Ticket withStatus(String s) {
        return new Ticket(code, keyHash, type, s, channel, conversationId, question, questionKey, duplicateOf,
                department, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStartedOn,
                deadline, extensionDays, remindedAt, overdueAt, answer, answeredAt, answeredBy, threadId, version);
    }

    Ticket withDepartment(String d) {
        return new Ticket(code, keyHash, type, status, channel, conversationId, question, questionKey, duplicateOf,
                d, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStartedOn,
                deadline, extensionDays, null, overdueAt, answer, answeredAt, answeredBy, threadId, version);
    }

    Ticket withDeadline(LocalDate clockStart, LocalDate newDeadline, int extension) {
        return new Ticket(code, keyHash, type, status, channel, conversationId, question, questionKey, duplicateOf,
                department, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStart,
                newDeadline, extension, null, null, answer, answeredAt, answeredBy, threadId, version);
    }

    Ticket withReminded(Instant at) {
        return new Ticket(code, keyHash, type, status, channel, conversationId, question, questionKey, duplicateOf,
                department, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStartedOn,
                deadline, extensionDays, at, overdueAt, answer, answeredAt, answeredBy, threadId, version);
    }

    Ticket withOverdue(Instant at) {
        return new Ticket(code, keyHash, type, status, channel, conversationId, question, questionKey, duplicateOf,
                department, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStartedOn,
                deadline, extensionDays, remindedAt, at, answer, answeredAt, answeredBy, threadId, version);
    }

    Ticket withAnswer(String text, Instant at, String by) {
        return new Ticket(code, keyHash, type, ANSWERED, channel, conversationId, question, questionKey, duplicateOf,
                department, candidatesJson, contactEmail, contactPhone, contactConsent, createdAt, clockStartedOn,
                deadline, extensionDays, remindedAt, overdueAt, text, at, by, threadId, version);
    }
}
