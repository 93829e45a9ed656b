package org.wenzheng.connectors.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;

/**
 * Delivers ticket notices as e-mail over SMTP: escalations, reminders (催办) and overdue notices to
 * officers and supervisors, answers to citizens who left an address.
 *
 * <p>Every mail carries a Message-ID derived from the notice id alone ({@code <notice-id@domain>}),
 * so a delivery retried after a timeout is the same message to the receiving side (and threads as
 * one), and later notices of a ticket refer to the first one with In-Reply-To/References. The
 * mails say they were sent by a machine ({@code Auto-Submitted: auto-generated}, RFC 3834) so that
 * vacation replies are not sent back, and {@code X-Auto-Response-Suppress: All} asks Exchange
 * for the same.
 *
 * <p>The notices officers answer (escalation, 催办 reminder, overdue notice) carry a
 * {@code Reply-To} of their own, {@code hotline+<token>@…} ({@link ReplyAddresses}), with a token
 * from {@link ReplyTokens}: the server accepts an officer's reply only when it is addressed there.
 * Notices to citizens have none: they are not to be answered by mail.
 *
 * <p>A connection is opened per delivery: notices are few (a handful per ticket), and a fresh
 * connection never fails on a server that dropped an idle one. Thread-safe.
 */
public final class MailConnector implements Connector {
    /** The name outbox rows and the configuration use for this connector. */
    public static final String NAME = "mail";
    /** Names the ticket in a header too, for filters and rules in officers' mail clients. */
    public static final String TICKET_HEADER = "X-Wenzheng-Ticket";

    private final MailSettings.Smtp settings;
    private final Clock clock;
    private final Session session;
    private final InternetAddress from;
    private final ReplyTokens replyTokens;
    private final ReplyAddresses replyAddresses;
    private volatile boolean closed;

    /**
     * @param replyTokens the tokens of the notices' reply addresses, which are
     *                    {@code smtp.fromAddress} with the token as its +subaddress
     */
    public MailConnector(MailSettings.Smtp settings, Clock clock, ReplyTokens replyTokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replyTokens = Objects.requireNonNull(replyTokens, "replyTokens");
        this.replyAddresses = new ReplyAddresses(settings.fromAddress());
        this.session = Session.getInstance(properties(settings));
        try {
            this.from = new InternetAddress(settings.fromAddress(),
                    settings.fromName().isEmpty() ? null : settings.fromName(), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String deliver(TicketNotice notice) throws DeliveryException {
        Objects.requireNonNull(notice, "notice");
        if (closed) {
            throw new DeliveryException("mail connector is closed", false);
        }
        MimeMessage message = render(notice);
        String messageId = messageId(notice.id(), settings.messageIdDomain());
        try (Transport transport = session.getTransport("smtp")) {
            if (settings.authenticated()) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw failure(notice, e);
        }
        return messageId;
    }

    /** The mail of a notice, exactly as it is sent; failures here are the notice's own, hence permanent. */
    private MimeMessage render(TicketNotice notice) throws DeliveryException {
        List<InternetAddress> to = new ArrayList<>();
        for (String recipient : notice.recipients()) {
            try {
                to.add(new InternetAddress(recipient, true));
            } catch (AddressException e) {
                throw new DeliveryException("notice " + notice.id() + " has an invalid recipient address: "
                        + e.getMessage(), true, e);
            }
        }
        if (to.isEmpty()) {
            throw new DeliveryException("notice " + notice.id() + " has no recipients", true);
        }
        // Asked before rendering: a token that cannot be had now is a transient failure, retried.
        String replyToken = officersNotice(notice) ? replyTokens.tokenFor(notice) : null;
        String body;
        try {
            body = NoticeMail.body(notice);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException(e.getMessage(), true, e);
        }
        try {
            MimeMessage m = new StableIdMessage(session, messageId(notice.id(), settings.messageIdDomain()));
            m.setFrom(from);
            if (replyToken != null) {
                m.setReplyTo(new InternetAddress[] {new InternetAddress(replyAddresses.address(replyToken),
                        from.getPersonal(), StandardCharsets.UTF_8.name())});
            }
            m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
            m.setSubject(NoticeMail.subject(notice), StandardCharsets.UTF_8.name());
            m.setSentDate(Date.from(clock.instant()));
            m.setText(body, StandardCharsets.UTF_8.name(), "plain");
            String thread = notice.threadId().map(MailConnector::bare).orElse("");
            if (!thread.isEmpty()) {
                m.setHeader("In-Reply-To", "<" + thread + ">");
                m.setHeader("References", "<" + thread + ">");
            }
            m.setHeader("Auto-Submitted", "auto-generated");
            m.setHeader("X-Auto-Response-Suppress", "All");
            m.setHeader(TICKET_HEADER, notice.ticketCode());
            m.saveChanges();
            return m;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryException("notice " + notice.id() + " could not be rendered as a mail: " + e.getMessage(),
                    true, e);
        }
    }

    /** The notices an officer or supervisor answers by replying. */
    private static boolean officersNotice(TicketNotice notice) {
        return switch (notice.kind()) {
            case ESCALATION, REMINDER, OVERDUE, SUPPLEMENT, REOPENED -> true;
            case ANSWER, CORRECTION, RECEIPT -> false;
        };
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * The Message-ID of a notice's mail, without angle brackets: the notice id (characters a
     * Message-ID cannot hold written as {@code =XX}) at the configured domain.
     */
    static String messageId(String noticeId, String domain) {
        StringBuilder b = new StringBuilder(noticeId.length() + domain.length() + 1);
        for (byte c : noticeId.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '+') {
                b.append((char) c);
            } else {
                b.append('=').append(String.format("%02X", c & 0xff));
            }
        }
        return b.append('@').append(domain).toString();
    }

    private static String bare(String id) {
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * Sorts a failure into permanent and transient. The SMTP reply code decides where there is
     * one: 5xx will not change by waiting, 4xx may. A refused login is treated as transient: it is
     * the configuration's fault, not the notice's, and the notice should go out once an operator
     * fixes the password, without an administrator retrying every row by hand.
     */
    static DeliveryException failure(TicketNotice notice, MessagingException e) {
        int code = -1;
        String reply = null;
        boolean badAddress = false;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = next(t)) {
            if (t instanceof SMTPAddressFailedException a && code < 0) {
                code = a.getReturnCode();
                reply = a.getMessage();
            } else if (t instanceof SMTPSendFailedException s && code < 0) {
                code = s.getReturnCode();
                reply = s.getMessage();
            } else if (t instanceof SMTPSenderFailedException s && code < 0) {
                code = s.getReturnCode();
                reply = s.getMessage();
            } else if (t instanceof AddressException) {
                badAddress = true;
            }
        }
        String prefix = "notice " + notice.id() + " not delivered: ";
        if (e instanceof AuthenticationFailedException) {
            return new DeliveryException(prefix + "SMTP login refused: " + oneLine(e.getMessage()), false, e);
        }
        if (code >= 500 && code < 600) {
            return new DeliveryException(prefix + "SMTP " + oneLine(reply), true, e);
        }
        if (code >= 400 && code < 500) {
            return new DeliveryException(prefix + "SMTP " + oneLine(reply), false, e);
        }
        if (badAddress || (e instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                && sf.getInvalidAddresses().length > 0)) {
            return new DeliveryException(prefix + "invalid address: " + oneLine(e.getMessage()), true, e);
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new DeliveryException(prefix + oneLine(e.getMessage())
                + (cause != e ? " (" + cause.getClass().getSimpleName() + ": " + oneLine(cause.getMessage()) + ")" : ""),
                false, e);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        return t.getCause();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s+", " ");
    }

    static Properties properties(MailSettings.Smtp s) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty("mail.smtp.timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.writetimeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(s.authenticated()));
        // The envelope sender: bounces come back to Wenzheng's mailbox, where they are recognised.
        p.setProperty("mail.smtp.from", s.fromAddress());
        // The EHLO name: our own domain rather than whatever the local host name resolves to.
        p.setProperty("mail.smtp.localhost", s.messageIdDomain());
        p.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
        switch (s.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                // Never fall back to plain text when the server does not offer STARTTLS.
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    /** A message whose Message-ID is ours, not a random one made up at every {@code saveChanges}. */
    static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
