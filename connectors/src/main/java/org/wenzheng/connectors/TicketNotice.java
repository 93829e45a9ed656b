package org.wenzheng.connectors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notice about a ticket, complete in itself: a connector renders it (as a mail, as JSON)
 * without reading anything else. Built by the server when the ticket changes and stored, as JSON,
 * in the outbox row committed with that change.
 *
 * @param id             unique and stable id of this notice (the outbox row's): a mail's
 *                       Message-ID and a webhook's idempotency key are derived from it, so a
 *                       retried delivery is recognisably the same notice
 * @param kind           what happened
 * @param ticketCode     the ticket's public code, e.g. {@code WZ-20261126-0007}
 * @param department     id of the responsible department
 * @param departmentName its display name, e.g. 人力资源和社会保障局
 * @param recipients     the addresses to deliver to (mail); empty for connectors that have
 *                       their own endpoint
 * @param question       the citizen's question, as asked
 * @param channel        web, hotline, interview or api
 * @param askedAt        when the question was asked
 * @param conversation   the conversation before the question, oldest first (may be empty)
 * @param candidates     the bot's best candidate passages, as a head start for the officer
 * @param deadline       the statutory deadline (last working day)
 * @param contact        the citizen's contact details as the department may see them (masked
 *                       unless it is configured to see them), empty when none were left
 * @param answer         the officer's answer, for {@link Kind#ANSWER}; the 补正 note for
 *                       {@link Kind#CORRECTION}; the citizen's comment for {@link Kind#REOPENED}
 * @param threadId       the Message-ID of the first escalation mail of this ticket, for
 *                       threading later notices (In-Reply-To, References); empty for the first
 * @param ticketUrl      where staff can open the ticket in /admin; for {@link Kind#ANSWER}, where
 *                       the citizen opens it to read and rate the answer (/track); empty when unknown
 * @param filing         the ticket's type, and a letter's mailbox and title
 */
public record TicketNotice(
        String id,
        Kind kind,
        String ticketCode,
        String department,
        String departmentName,
        List<String> recipients,
        String question,
        String channel,
        Instant askedAt,
        List<Line> conversation,
        List<Source> candidates,
        LocalDate deadline,
        Optional<String> contact,
        Optional<String> answer,
        Optional<String> threadId,
        Optional<String> ticketUrl,
        Filing filing) {

    /**
     * How the ticket is filed: its type as people read it (咨询, 投诉, 依申请公开 …) and, for a
     * letter, the mailbox it was written to (主任信箱), the title its writer gave it and the files
     * the notice is about (attached to the letter or to a 补充; listed, never carried: staff
     * download them from the server).
     */
    public record Filing(String typeName, Optional<String> mailboxName, Optional<String> title,
            List<Attachment> attachments) {
        /** A consultation that is not a letter: what every ticket was before types and letters. */
        public static final Filing CONSULTATION = new Filing("咨询", Optional.empty(), Optional.empty());

        public Filing {
            Objects.requireNonNull(typeName, "typeName");
            Objects.requireNonNull(mailboxName, "mailboxName");
            Objects.requireNonNull(title, "title");
            attachments = List.copyOf(attachments);
        }

        /** A filing without attachments. */
        public Filing(String typeName, Optional<String> mailboxName, Optional<String> title) {
            this(typeName, mailboxName, title, List.of());
        }
    }

    /** A file a citizen attached: its name as given and its size in bytes. */
    public record Attachment(String name, long bytes) {
        public Attachment {
            Objects.requireNonNull(name, "name");
        }
    }

    /** This notice with another filing (the same id). */
    public TicketNotice withFiling(Filing f) {
        return new TicketNotice(id, kind, ticketCode, department, departmentName, recipients, question, channel,
                askedAt, conversation, candidates, deadline, contact, answer, threadId, ticketUrl, f);
    }

    /** A notice of a consultation that is not a letter. */
    public TicketNotice(String id, Kind kind, String ticketCode, String department, String departmentName,
            List<String> recipients, String question, String channel, Instant askedAt, List<Line> conversation,
            List<Source> candidates, LocalDate deadline, Optional<String> contact, Optional<String> answer,
            Optional<String> threadId, Optional<String> ticketUrl) {
        this(id, kind, ticketCode, department, departmentName, recipients, question, channel, askedAt, conversation,
                candidates, deadline, contact, answer, threadId, ticketUrl, Filing.CONSULTATION);
    }

    public TicketNotice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ticketCode, "ticketCode");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(departmentName, "departmentName");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(askedAt, "askedAt");
        conversation = List.copyOf(conversation);
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(threadId, "threadId");
        Objects.requireNonNull(ticketUrl, "ticketUrl");
        Objects.requireNonNull(filing, "filing");
    }

    /** What a notice is about. */
    public enum Kind {
        /** A new ticket for the department's officers (or one transferred to them). */
        ESCALATION,
        /** 催办: the deadline is near and the ticket is still open; to the officers. */
        REMINDER,
        /** The deadline has passed; to the department's supervisor. */
        OVERDUE,
        /** The officer's answer, to the citizen who left an e-mail address and agreed. */
        ANSWER,
        /**
         * 补正 (Art. 30 of the disclosure regulations): what the citizen must complete, in the
         * notice's {@code answer}; to the citizen who left an e-mail address and agreed.
         */
        CORRECTION,
        /**
         * 补充: the citizen added to the letter while it is open; what was added is the notice's
         * {@code answer} (empty when only files were added), the files in its filing; to the officers.
         */
        SUPPLEMENT,
        /**
         * 不满意: the citizen was not satisfied with the answer, and the ticket is open again with
         * a new deadline; to the department's supervisor, the citizen's comment in the notice's
         * {@code answer}.
         */
        REOPENED,
        /**
         * 受理回执: an application for disclosure was received (the day of receipt is the day the
         * ticket was made), with its deadline; to the applicant who left an e-mail address.
         */
        RECEIPT
    }

    /** One earlier message of the conversation: who said it (citizen, bot, officer) and what. */
    public record Line(String role, String text, Instant at) {
        public Line {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A candidate passage with its citation, as the bot found it. Fields a document lacks are
     * empty strings.
     */
    public record Source(String title, String article, String docNumber, String issuer, String date,
            String snippet) {
        public Source {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(docNumber, "docNumber");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(snippet, "snippet");
        }
    }
}
