package org.wenzheng.server.tickets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * A stored ticket: a question escalated to a department, as the {@code tickets} table holds it.
 * Built with {@link #builder()}; changed only through the {@code with…} methods, which keep the
 * rules of a change together (a new department is reminded afresh, a new deadline is neither
 * reminded nor overdue).
 *
 * @param code           public code, {@code WZ-<yyyyMMdd>-<nnnn>}
 * @param keyHash        SHA-256 (hex) of the citizen's access key
 * @param pinHash        SHA-256 (hex) of the ticket's code and its 查询码 (the short code a citizen
 *                       repeats to a hotline operator); null for tickets made before it existed
 * @param channel        web, hotline, interview or api
 * @param conversationId the citizen's conversation, or null
 * @param contact        how to reach the citizen; kept only with consent
 * @param timing         the statutory clock: start, deadline, extension, reminders
 * @param answer         the officer's answer, null until answered
 * @param threadId       Message-ID of the first escalation mail, when known
 * @param assignee       the username of the staff account handling it on the desk (领取 or 指派), or null
 * @param mailbox        the id of the mailbox (信箱) a letter was written to, or null for other channels
 * @param title          the title its writer gave it (a letter's), or null
 * @param version        bumped by every update
 */
public record Ticket(String code, String keyHash, String pinHash, TicketType type, Status status, String channel,
        String conversationId, Question question, String department, Contact contact, Instant createdAt,
        Timing timing, Answer answer, String threadId, String assignee, String mailbox, String title, int version) {

    /** Where a ticket is in its life; stored in {@code tickets.status} by {@link #id()}. */
    public enum Status {
        /** Waiting for the department's answer. */
        OPEN,
        /** 补正: waiting for the citizen to complete the request, the clock stopped. */
        CORRECTION,
        /** Answered; the citizen may still rate or reopen it. */
        ANSWERED,
        /** Closed. */
        CLOSED;

        /** The name in the database and the API: open, correction, answered, closed. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The name staff read, as the ticket desk shows it: 办理中, 待补正, 已答复, 已关闭. */
        public String label() {
            return switch (this) {
                case OPEN -> "办理中";
                case CORRECTION -> "待补正";
                case ANSWERED -> "已答复";
                case CLOSED -> "已关闭";
            };
        }

        /** @throws IllegalArgumentException naming the accepted values */
        public static Status of(String id) {
            for (Status s : values()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("ticket status must be open, correction, answered or closed, got '"
                    + id + "'");
        }
    }

    /**
     * What was asked.
     *
     * @param text           the citizen's question
     * @param key            the question normalised for 并单 (duplicate linking)
     * @param duplicateOf    the open ticket this one is answered with, or null
     * @param candidatesJson the bot's best candidates when the ticket was made, a JSON array
     */
    public record Question(String text, String key, String duplicateOf, String candidatesJson) {
    }

    /**
     * How to reach the citizen: e-mail and phone are kept only with consent, null otherwise.
     */
    public record Contact(String email, String phone, boolean consent) {
        /** No contact given, or given without consent. */
        public static final Contact NONE = new Contact(null, null, false);
    }

    /**
     * The ticket's clock, on the working-day calendar.
     *
     * @param clockStartedOn the day the clock (re)started
     * @param deadline       the last working day for the answer
     * @param extensionDays  working days added by the one extension (0: none)
     * @param remindedAt     when the department was reminded, or null
     * @param overdueAt      when it was escalated as overdue, or null
     */
    public record Timing(LocalDate clockStartedOn, LocalDate deadline, int extensionDays, Instant remindedAt,
            Instant overdueAt) {
        public Timing {
            Objects.requireNonNull(deadline, "deadline");
        }

        /** A clock started on a day, with no extension, reminder or escalation yet. */
        public static Timing startedOn(LocalDate day, LocalDate deadline) {
            return new Timing(day, deadline, 0, null, null);
        }
    }

    /** The officer's answer: its text, when and by whom it was given. */
    public record Answer(String text, Instant at, String by) {
    }

    public Ticket {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(timing, "timing");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().code(code).keyHash(keyHash).pinHash(pinHash).type(type).status(status).channel(channel)
                .conversationId(conversationId).question(question).department(department).contact(contact)
                .createdAt(createdAt).timing(timing).answer(answer).threadId(threadId).assignee(assignee).mailbox(mailbox).title(title).version(version);
    }

    /** Whether it still waits for an answer (open, or 补正 with the clock stopped). */
    public boolean pending() {
        return status == Status.OPEN || status == Status.CORRECTION;
    }

    /** The last working day for the answer. */
    public LocalDate deadline() {
        return timing.deadline();
    }

    /** The answer's text, or null when not answered. */
    public String answerText() {
        return answer == null ? null : answer.text();
    }

    /** When it was answered, or null. */
    public Instant answeredAt() {
        return answer == null ? null : answer.at();
    }

    /** Who answered it (the officer's address or staff username), or null. */
    public String answeredBy() {
        return answer == null ? null : answer.by();
    }

    Ticket withStatus(Status s) {
        return toBuilder().status(s).build();
    }

    /**
     * Routed to another department, which has not been reminded yet; nobody there has taken it
     * (whoever had it works for the department it left).
     */
    Ticket withDepartment(String d) {
        Timing t = timing;
        return toBuilder().department(d).assignee(null)
                .timing(new Timing(t.clockStartedOn(), t.deadline(), t.extensionDays(), null, t.overdueAt())).build();
    }

    /** A new deadline (a restarted clock, an extension): neither reminded nor overdue. */
    Ticket withDeadline(LocalDate clockStart, LocalDate newDeadline, int extension) {
        return toBuilder().timing(new Timing(clockStart, newDeadline, extension, null, null)).build();
    }

    Ticket withReminded(Instant at) {
        Timing t = timing;
        return toBuilder().timing(new Timing(t.clockStartedOn(), t.deadline(), t.extensionDays(), at, t.overdueAt()))
                .build();
    }

    Ticket withOverdue(Instant at) {
        Timing t = timing;
        return toBuilder().timing(new Timing(t.clockStartedOn(), t.deadline(), t.extensionDays(), t.remindedAt(), at))
                .build();
    }

    /** Taken by (or assigned to) this staff account. */
    Ticket withAssignee(String username) {
        return toBuilder().assignee(username).build();
    }

    Ticket withAnswer(String text, Instant at, String by) {
        return toBuilder().status(Status.ANSWERED).answer(new Answer(text, at, by)).build();
    }

    /**
     * Builds a ticket by name. A new ticket needs code, type, question, department and timing;
     * the rest default to open, no contact, not answered, version 0.
     */
    public static final class Builder {
        private String code;
        private String keyHash;
        private String pinHash;
        private TicketType type;
        private Status status = Status.OPEN;
        private String channel;
        private String conversationId;
        private Question question;
        private String department;
        private Contact contact = Contact.NONE;
        private Instant createdAt;
        private Timing timing;
        private Answer answer;
        private String threadId;
        private String assignee;
        private String mailbox;
        private String title;
        private int version;

        private Builder() {
        }

        public Builder code(String v) {
            code = v;
            return this;
        }

        public Builder keyHash(String v) {
            keyHash = v;
            return this;
        }

        public Builder pinHash(String v) {
            pinHash = v;
            return this;
        }

        public Builder type(TicketType v) {
            type = v;
            return this;
        }

        public Builder status(Status v) {
            status = v;
            return this;
        }

        public Builder channel(String v) {
            channel = v;
            return this;
        }

        public Builder conversationId(String v) {
            conversationId = v;
            return this;
        }

        public Builder question(Question v) {
            question = v;
            return this;
        }

        public Builder department(String v) {
            department = v;
            return this;
        }

        public Builder contact(Contact v) {
            contact = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder timing(Timing v) {
            timing = v;
            return this;
        }

        public Builder answer(Answer v) {
            answer = v;
            return this;
        }

        public Builder threadId(String v) {
            threadId = v;
            return this;
        }

        public Builder assignee(String v) {
            assignee = v;
            return this;
        }

        public Builder mailbox(String v) {
            mailbox = v;
            return this;
        }

        public Builder title(String v) {
            title = v;
            return this;
        }

        /** @throws IllegalArgumentException when negative */
        public Builder version(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("ticket version must be 0 or more: " + v);
            }
            version = v;
            return this;
        }

        /** @throws NullPointerException naming the first required part that is missing */
        public Ticket build() {
            return new Ticket(code, keyHash, pinHash, type, status, channel, conversationId, question, department, contact,
                    createdAt, timing, answer, threadId, assignee, mailbox, title, version);
        }
    }
}
