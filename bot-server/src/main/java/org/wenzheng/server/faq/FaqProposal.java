package org.wenzheng.server.faq;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An FAQ entry proposed from a ticket an officer answered, waiting for an administrator's review
 * (issue 4: a person approves before it answers anyone).
 *
 * @param alternatives  other phrasings of the question, added by the reviewer
 * @param citationsJson the citations as a JSON array (the ask API's citation objects)
 * @param reviewedBy    the reviewer's username, null while pending
 * @param faqId         the id of the FAQ entry the approval created, null unless approved
 * @param rejectReason  why it was rejected, null unless rejected
 */
public record FaqProposal(long id, String ticketCode, String question, List<String> alternatives, String answer,
        String citationsJson, String department, Status status, Instant createdAt, String reviewedBy,
        Instant reviewedAt, String faqId, String rejectReason) {

    public FaqProposal {
        Objects.requireNonNull(ticketCode, "ticketCode");
        Objects.requireNonNull(question, "question");
        alternatives = List.copyOf(alternatives);
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(citationsJson, "citationsJson");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where a proposal is in its review. */
    public enum Status {
        PENDING("pending"), APPROVED("approved"), REJECTED("rejected");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        /** The name stored and shown. */
        public String id() {
            return id;
        }

        /** @throws IllegalArgumentException naming the known statuses */
        public static Status of(String id) {
            for (Status s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("status must be one of " + Arrays.stream(values()).map(Status::id)
                    .collect(Collectors.joining(", ")) + ", got '" + id + "'");
        }
    }
}
