package org.wenzheng.connectors.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.connectors.DeliveryException;

/**
 * Sends automatic replies to mail that came in: the acknowledgement of a letter written by mail.
 * Each says what it is (RFC 3834 {@code Auto-Submitted: auto-replied}, {@code Precedence:
 * auto_reply}, {@code X-Auto-Response-Suppress: All}), so that the writer's own vacation notice is
 * not sent back, and answers the mail it replies to ({@code In-Reply-To}, {@code References}). Its
 * envelope sender is Wenzheng's own address: a bounce comes back there and is recognised as one.
 * Thread-safe; a connection per mail.
 */
public final class AutoReplyMail {
    private final MailSettings.Smtp settings;
    private final Clock clock;
    private final Session session;

    public AutoReplyMail(MailSettings.Smtp settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(MailConnector.properties(settings));
    }

    /**
     * One automatic reply.
     *
     * @param id        stable id: its Message-ID is derived from it
     * @param from      the address it is from (the mailbox written to)
     * @param fromName  that address's display name
     * @param to        the writer
     * @param inReplyTo the Message-ID of the mail answered, without angle brackets, if it had one
     */
    public record Reply(String id, String from, String fromName, String to, String subject, String body,
            Optional<String> inReplyTo) {
        public Reply {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(fromName, "fromName");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(inReplyTo, "inReplyTo");
        }
    }

    /** The Message-ID (without angle brackets) an automatic reply with this id carries. */
    public String messageId(String id) {
        return MailConnector.messageId(id, settings.messageIdDomain());
    }

    /**
     * Sends it; blocks until the SMTP server accepted it.
     *
     * @return its Message-ID, without angle brackets
     */
    public String send(Reply r) throws DeliveryException {
        String messageId = messageId(r.id());
        try {
            MimeMessage m = new MailConnector.StableIdMessage(session, messageId);
            m.setFrom(new InternetAddress(r.from(), r.fromName(), StandardCharsets.UTF_8.name()));
            m.setRecipients(Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(r.to(), true)});
            m.setSubject(r.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            m.setText(r.body(), StandardCharsets.UTF_8.name(), "plain");
            r.inReplyTo().filter(s -> !s.isBlank()).ifPresent(id -> {
                try {
                    m.setHeader("In-Reply-To", "<" + id + ">");
                    m.setHeader("References", "<" + id + ">");
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            });
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("Precedence", "auto_reply");
            m.setHeader("X-Auto-Response-Suppress", "All");
            m.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                if (settings.authenticated()) {
                    transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
                } else {
                    transport.connect(settings.host(), settings.port(), null, null);
                }
                transport.sendMessage(m, m.getAllRecipients());
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryException("automatic reply " + r.id() + " not sent: " + e.getMessage(), false, e);
        }
        return messageId;
    }
}
