package org.wenzheng.server.replies;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.wenzheng.connectors.mail.MailSettings;
import org.wenzheng.connectors.webhook.WebhookSettings;

/**
 * The mail bridge's settings ({@code mail:} and {@code webhooks:} of wenzheng.yaml), validated once
 * at start. Messages of the checks name the key under {@code mail.} so the loader can prefix them.
 *
 * @param embedded         true: {@code serve} starts an in-process GreenMail server on loopback with
 *                         {@link #accounts} (the demo default); false: the servers of {@link #mail}
 *                         are real ones
 * @param mail             the SMTP server notices leave through and the IMAP mailbox replies arrive in
 * @param idle             the longest one wait for new mail lasts (an IMAP IDLE, or a poll sleep)
 *                         before the mailbox is read again anyway
 * @param fetchBatch       most mails read per round
 * @param relayPoll        the longest the outbox relay sleeps without being woken: a notice
 *                         written by another process is delivered within this
 * @param relayBatch       most outbox rows delivered per round
 * @param relayBackoff     retries of a transient delivery failure
 * @param inboxBackoff     retries after the mailbox could not be read (server down)
 * @param accounts         the embedded server's mailboxes besides Wenzheng's own (officers,
 *                         supervisors); ignored when not embedded
 * @param webhooks         other ticket systems notified by webhook, each with its secret and the
 *                         limits of its callbacks
 * @param intake           how incoming mail is read and checked
 */
public record RepliesConfig(
        boolean embedded,
        MailSettings mail,
        Duration idle,
        int fetchBatch,
        Duration relayPoll,
        int relayBatch,
        Backoff relayBackoff,
        Backoff inboxBackoff,
        List<Account> accounts,
        List<WebhookSettings> webhooks,
        Intake intake) {

    /** The embedded server's SMTP port by default (GreenMail's usual port, no root needed). */
    public static final int EMBEDDED_SMTP_PORT = 3025;
    public static final int EMBEDDED_IMAP_PORT = 3143;
    /** Wenzheng's own mailbox in the demo. */
    public static final String HOTLINE = "hotline@wenzheng.local";
    /** IDLE is renewed well within the 29 minutes servers allow (RFC 2177). */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);
    public static final int DEFAULT_FETCH_BATCH = 50;
    /** Within the 5 s an escalation has to reach the mailbox, even when nobody wakes the relay. */
    public static final Duration DEFAULT_RELAY_POLL = Duration.ofSeconds(2);
    public static final int DEFAULT_RELAY_BATCH = 20;
    /** A mail server down is tried again after 1 s, then less and less often, at least once a minute. */
    public static final Backoff DEFAULT_INBOX_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0);

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");

    public RepliesConfig {
        Objects.requireNonNull(mail, "mail");
        Objects.requireNonNull(relayBackoff, "relayBackoff");
        Objects.requireNonNull(inboxBackoff, "inboxBackoff");
        Objects.requireNonNull(intake, "intake");
        positive("idleSeconds", idle);
        positive("relay.pollSeconds", relayPoll);
        if (fetchBatch < 1 || fetchBatch > 1000) {
            throw new IllegalArgumentException("fetchBatch must be in [1,1000], got " + fetchBatch);
        }
        if (relayBatch < 1 || relayBatch > 1000) {
            throw new IllegalArgumentException("relay.batch must be in [1,1000], got " + relayBatch);
        }
        if (embedded && (mail.smtp().security() != MailSettings.Security.NONE
                || mail.imap().security() != MailSettings.Security.NONE)) {
            throw new IllegalArgumentException("embedded: the embedded server speaks plain SMTP and IMAP on loopback;"
                    + " set smtp.security and imap.security to none, or embedded: false for real servers");
        }
        if (mail.smtp().fromAddress().substring(0, mail.smtp().fromAddress().indexOf('@')).contains("+")) {
            throw new IllegalArgumentException("smtp.fromAddress must be the mailbox's plain address, without a"
                    + " +subaddress: officers reply to it with a +token of their notice, got " + mail.smtp().fromAddress());
        }
        accounts = List.copyOf(accounts);
        webhooks = List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (WebhookSettings w : webhooks) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("webhooks: the name " + w.name() + " is used twice");
            }
            if (w.name().equals("mail")) {
                throw new IllegalArgumentException("webhooks: the name mail is the mail connector's");
            }
        }
    }

    /** The demo default: embedded GreenMail on 127.0.0.1 with these ports, accounts and hotline password. */
    public static RepliesConfig embeddedDefaults(int smtpPort, int imapPort, String hotlinePassword,
            List<Account> accounts) {
        return new RepliesConfig(true, new MailSettings(MailSettings.Smtp.local(smtpPort, HOTLINE),
                MailSettings.Imap.local(imapPort, HOTLINE, hotlinePassword)), DEFAULT_IDLE, DEFAULT_FETCH_BATCH,
                DEFAULT_RELAY_POLL, DEFAULT_RELAY_BATCH, Backoff.DEFAULT, DEFAULT_INBOX_BACKOFF, accounts, List.of(),
                Intake.DEFAULTS);
    }

    /** The mailbox's key in {@code mailbox_checkpoints}: user@host/folder. */
    public String mailboxKey() {
        return mail.imap().username() + "@" + mail.imap().host() + "/" + mail.imap().folder();
    }

    /** This configuration with these mail settings. */
    public RepliesConfig withMail(MailSettings settings) {
        return new RepliesConfig(embedded, settings, idle, fetchBatch, relayPoll, relayBatch, relayBackoff,
                inboxBackoff, accounts, webhooks, intake);
    }

    /** This configuration with the SMTP and IMAP servers on other ports (a second embedded server, tests). */
    public RepliesConfig withPorts(int smtpPort, int imapPort) {
        MailSettings.Smtp s = mail.smtp();
        MailSettings.Imap i = mail.imap();
        return withMail(new MailSettings(
                new MailSettings.Smtp(s.host(), smtpPort, s.security(), s.username(), s.password(), s.connectTimeout(),
                        s.readTimeout(), s.fromAddress(), s.fromName(), s.messageIdDomain()),
                new MailSettings.Imap(i.host(), imapPort, i.security(), i.username(), i.password(), i.connectTimeout(),
                        i.readTimeout(), i.folder(), i.idle(), i.pollInterval())));
    }

    /** This configuration with these webhook connectors. */
    public RepliesConfig withWebhooks(List<WebhookSettings> hooks) {
        return new RepliesConfig(embedded, mail, idle, fetchBatch, relayPoll, relayBatch, relayBackoff,
                inboxBackoff, accounts, hooks, intake);
    }

    /** This configuration with these embedded accounts. */
    public RepliesConfig withAccounts(List<Account> list) {
        return new RepliesConfig(embedded, mail, idle, fetchBatch, relayPoll, relayBatch, relayBackoff,
                inboxBackoff, list, webhooks, intake);
    }

    /** This configuration with other relay timings (tests: short backoff). */
    public RepliesConfig withRelay(Duration poll, Backoff backoff) {
        return new RepliesConfig(embedded, mail, idle, fetchBatch, poll, relayBatch, backoff, inboxBackoff,
                accounts, webhooks, intake);
    }

    /** This configuration with these intake settings. */
    public RepliesConfig withIntake(Intake settings) {
        return new RepliesConfig(embedded, mail, idle, fetchBatch, relayPoll, relayBatch, relayBackoff,
                inboxBackoff, accounts, webhooks, settings);
    }

    /** The webhook connector with this name. */
    public Optional<WebhookSettings> webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + (d == null ? null : d.toSeconds()));
        }
    }

    /**
     * How incoming mail is read and checked.
     *
     * @param maxMessageBytes   the largest mail fetched whole ({@code mail.maxMessageBytes}); a
     *                          larger one is fetched as its headers and text only, its attachments
     *                          left on the server
     * @param trustedAuthservId the authserv-id with which the office's mail server stamps
     *                          Authentication-Results on incoming mail ({@code mail.trustedAuthservId});
     *                          officers' mail must then pass DMARC, DKIM or SPF for their domain.
     *                          Empty: not checked
     */
    public record Intake(long maxMessageBytes, String trustedAuthservId) {
        /** A reply with a few scanned pages fits; a 30 MB attachment is left on the server. */
        public static final long DEFAULT_MAX_MESSAGE_BYTES = 10L * 1024 * 1024;
        static final long MIN_MAX_MESSAGE_BYTES = 1024;
        static final long MAX_MAX_MESSAGE_BYTES = 1024L * 1024 * 1024;
        public static final Intake DEFAULTS = new Intake(DEFAULT_MAX_MESSAGE_BYTES, "");
        /** An authserv-id is a host name, usually the receiving server's (RFC 8601 §2.5). */
        private static final Pattern AUTHSERV_ID = Pattern.compile("[A-Za-z0-9._-]{1,253}");

        public Intake {
            trustedAuthservId = trustedAuthservId == null ? "" : trustedAuthservId.strip();
            if (!trustedAuthservId.isEmpty() && !AUTHSERV_ID.matcher(trustedAuthservId).matches()) {
                throw new IllegalArgumentException("trustedAuthservId must be the host name the office's mail server"
                        + " writes in Authentication-Results (e.g. mx.example.gov.cn), or empty, got '"
                        + trustedAuthservId + "'");
            }
            if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES || maxMessageBytes > MAX_MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("maxMessageBytes must be in [" + MIN_MAX_MESSAGE_BYTES + ","
                        + MAX_MAX_MESSAGE_BYTES + "], got " + maxMessageBytes);
            }
        }
    }

    /** A mailbox of the embedded server: the address is also the login. */
    public record Account(String address, String password) {
        public Account {
            if (address == null || !ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("accounts: address must be an e-mail address, got '" + address + "'");
            }
            address = address.toLowerCase(Locale.ROOT);
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("accounts: the password of " + address + " must not be empty");
            }
        }

        @Override
        public String toString() {
            return "Account[" + address + "]";
        }
    }
}
