package org.wenzheng.server.hotline;

import java.time.Instant;
import java.util.Objects;

/**
 * A hotline call and its call log entry.
 *
 * @param integration  the telephony integration that reported it, or {@link CallStore#BY_HAND}
 * @param externalId   the integration's id of the call
 * @param callerPhone  the caller's number, digits only, or null when unknown. Needed for call-backs
 *                     and reports; never shown or logged unmasked (left out of {@link #toString})
 * @param extension    the extension the call was put through to, or null
 * @param operator     the staff username of the operator who took it, or null when no operator has
 *                     the extension
 * @param startedAt    null until the call's start is reported
 * @param endedAt      null until its end is reported
 * @param ticketCode   the ticket made when the question was escalated, or null
 */
record Call(long id, String integration, String externalId, String callerPhone, String extension,
        String operator, Instant startedAt, Instant endedAt, String question, String answerGiven, String notes,
        String ticketCode, Instant createdAt, Instant updatedAt) {

    public Call {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String toString() {
        return "Call[id=" + id + ", integration=" + integration + ", extension=" + extension + ", operator="
                + operator + "]";
    }
}
