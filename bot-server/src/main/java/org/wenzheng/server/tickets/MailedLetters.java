package org.wenzheng.server.tickets;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Letters that came by mail to a mailbox's public address: the letters feature turns a mail into a
 * letter (its type, title and content, the writer's address as the contact), the mail bridge, which
 * reads the mailbox, decides which mail is one and acknowledges it.
 */
public interface MailedLetters {
    /**
     * A citizen's mail to a mailbox.
     *
     * @param mailbox the mailbox whose address it was sent to
     * @param sender  the writer's address, lower case
     * @param subject the decoded subject, may be empty
     * @param text    the plain text of the body (HTML already read as text), may be empty
     */
    record Mail(Mailbox mailbox, String sender, String subject, String text) {
        public Mail {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
        }
    }

    /** The letter a mail became, with what its acknowledgement tells the writer (the key and 查询码, this once). */
    record Accepted(String code, String key, String pin, String typeName, String title, String departmentName,
            LocalDate deadline) {
    }

    /**
     * Why this mail may not become a letter now (a rate limit crossed, nothing written in it), in
     * words for the administrator who finds it held; empty when it may.
     */
    Optional<String> refusal(Mail mail);

    /** Makes the mail a letter, storing {@code also} in the same transaction. */
    Accepted accept(Mail mail, StoredWithTicket also);
}
