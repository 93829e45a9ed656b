package org.wenzheng.server.tickets;

import java.util.List;
import java.util.Objects;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * A question to escalate, checked by the caller.
 *
 * @param question the question, as asked (a letter's content)
 * @param channel  web, hotline, interview, api or letter
 * @param session  the conversation it came from, or null
 * @param type     a {@link TicketType}'s name: consultation, complaint, disclosure …
 * @param email    the citizen's address, or null; kept only with consent
 * @param phone    the citizen's phone, or null; kept only with consent
 * @param consent  whether the citizen agreed that the contact is kept and used to answer
 * @param letter   what a letter to a mailbox adds, or null for every other ticket
 * @param application what an application for disclosure adds, or null for every other ticket
 */
public record NewTicket(String question, String channel, String session, String type, String email, String phone,
        boolean consent, Letter letter, Application application) {

    /**
     * A letter's mailbox and title, and what the bot looks up to find candidates and route it.
     *
     * @param mailbox the mailbox it was written to: it goes only to that mailbox's departments
     * @param title   the title its writer gave it
     * @param lookup  the text looked up in the knowledge base (the title and the start of the
     *                content, within the engine's length limit)
     * @param attachments the files sent with it (stored by the caller with the ticket), listed in
     *                the officers' notice and in the ticket's events
     */
    public record Letter(Mailbox mailbox, String title, String lookup, List<TicketNotice.Attachment> attachments) {
        public Letter {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(lookup, "lookup");
            attachments = List.copyOf(attachments);
        }

        /** A letter without attachments. */
        public Letter(Mailbox mailbox, String title, String lookup) {
            this(mailbox, title, lookup, List.of());
        }
    }

    /**
     * An application for disclosure (依申请公开): its applicant's own legal record, so never linked
     * to another ticket (并单), however alike the requests.
     *
     * @param lookup the text looked up in the knowledge base to route it: what is requested, not
     *               who asks
     */
    public record Application(String lookup) {
        public Application {
            Objects.requireNonNull(lookup, "lookup");
        }
    }

    public NewTicket {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
        TicketType.of(type);
        if (letter != null && application != null) {
            throw new IllegalArgumentException("a ticket is a letter or an application, not both");
        }
        if ((email != null || phone != null) && !consent) {
            throw new IllegalArgumentException("contact details are kept only with consent");
        }
    }

    /** A ticket that is not an application; a letter when {@code letter} is given. */
    public NewTicket(String question, String channel, String session, String type, String email, String phone,
            boolean consent, Letter letter) {
        this(question, channel, session, type, email, phone, consent, letter, null);
    }

    /** A ticket that is not a letter. */
    public NewTicket(String question, String channel, String session, String type, String email, String phone,
            boolean consent) {
        this(question, channel, session, type, email, phone, consent, null);
    }

    /** What the bot looks up for candidates and routing: the question, or a letter's title and content. */
    String lookup() {
        return letter != null ? letter.lookup() : application != null ? application.lookup() : question;
    }

    /** Whether this ticket is its sender's own record, never linked to another (letters, applications). */
    boolean ownRecord() {
        return letter != null || application != null;
    }
}
