package org.wenzheng.server.mailbridge;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mail bridge's settings ({@code mail:} and {@code webhooks:} of wenzheng.yaml), validated once
 * at start. Messages of the checks name the key under {@code mail.} so the loader can prefix them.
 *
 * @param embedded         true: {@code serve} starts an in-process GreenMail server on loopback with
 *                         {@link #accounts} (the demo default); false: {@link #smtp}/{@link #imap} are
 *                         real servers
 * @param smtp             where escalations are sent
 * @param imap             Wenzheng's own mailbox, where officers' replies arrive
 * @param folder           the IMAP folder read (INBOX)
 * @param from             the From address of outgoing mail (Wenzheng's mailbox)
 * @param messageIdDomain  the right-hand side of the Message-IDs Wenzheng makes
 * @param idle             how long one IMAP IDLE (or one poll sleep) lasts before the mailbox is
 *                         read again anyway
 * @param poll             the sleep between reads when the server has no IDLE
 * @param fetchBatch       most mails read per round
 * @param relayPoll        the longest the outbox relay sleeps without being woken: a notice
 *                         written by another process is delivered within this
 * @param relayBatch       most outbox rows delivered per round
 * @param relayBackoff     retries of a transient delivery failure
 * @param inboxBackoff     retries after the mailbox could not be read (server down)
 * @param accounts         the embedded server's mailboxes (Wenzheng's own from {@link #imap} is
 *                         added); ignored when not embedded
 * @param webhooks         other ticket systems notified by webhook, each with its callback secret
 * @param maxCallbackBytes largest webhook callback body accepted
 */
public record MailBridgeConfig(
        boolean embedded,
        Server smtp,
        Server imap,
        String folder,
        String from,
        String messageIdDomain,
        Duration idle,
        Duration poll,
        int fetchBatch,
        Duration relayPoll,
        int relayBatch,
        Backoff relayBackoff,
        Backoff inboxBackoff,
        List<Account> accounts,
        List<Webhook> webhooks,
        int maxCallbackBytes) {

    /** The embedded server's SMTP port by default (GreenMail's test port, no root needed). */
    public static final int EMBEDDED_SMTP_PORT = 3025;
    public static final int EMBEDDED_IMAP_PORT = 3143;
    public static final String HOTLINE = "hotline@wenzheng.local";
    public static final int DEFAULT_MAX_CALLBACK_BYTES = 65_536;

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    public MailBridgeConfig {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(imap, "imap");
        Objects.requireNonNull(relayBackoff, "relayBackoff");
        Objects.requireNonNull(inboxBackoff, "inboxBackoff");
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("imap.folder must not be empty");
        }
        if (from == null || !ADDRESS.matcher(from).matches()) {
            throw new IllegalArgumentException("from must be an e-mail address, got '" + from + "'");
        }
        if (messageIdDomain == null || messageIdDomain.isBlank() || messageIdDomain.contains("@")
                || messageIdDomain.contains(">")) {
            throw new IllegalArgumentException("messageIdDomain must be a domain like wenzheng.example.gov.cn, got '"
                    + messageIdDomain + "'");
        }
        positive("idleSeconds", idle);
        positive("pollSeconds", poll);
        positive("relay.pollSeconds", relayPoll);
        if (fetchBatch < 1 || fetchBatch > 1000) {
            throw new IllegalArgumentException("fetchBatch must be in [1,1000], got " + fetchBatch);
        }
        if (relayBatch < 1 || relayBatch > 1000) {
            throw new IllegalArgumentException("relay.batch must be in [1,1000], got " + relayBatch);
        }
        accounts = List.copyOf(accounts);
        webhooks = List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        for (Webhook w : webhooks) {
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("webhooks: the name " + w.name() + " is used twice");
            }
            if (w.name().equals("mail")) {
                throw new IllegalArgumentException("webhooks: the name mail is the mail connector's");
            }
        }
        if (maxCallbackBytes < 256 || maxCallbackBytes > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("maxCallbackBytes must be in [256,10485760], got " + maxCallbackBytes);
        }
    }

    /** The demo default: embedded GreenMail on 127.0.0.1:3025/3143 with the given hotline password. */
    public static MailBridgeConfig embeddedDefaults(String hotlinePassword, List<Account> accounts) {
        return new MailBridgeConfig(true,
                new Server("127.0.0.1", EMBEDDED_SMTP_PORT, Security.NONE, HOTLINE, hotlinePassword),
                new Server("127.0.0.1", EMBEDDED_IMAP_PORT, Security.NONE, HOTLINE, hotlinePassword),
                "INBOX", HOTLINE, "wenzheng.local", Duration.ofMinutes(5), Duration.ofSeconds(10), 50,
                Duration.ofSeconds(2), 20, Backoff.DEFAULT,
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2.0), accounts, List.of(),
                DEFAULT_MAX_CALLBACK_BYTES);
    }

    /** The mailbox's key in {@code mailbox_checkpoints}: user@host/folder. */
    public String mailboxKey() {
        return imap.username() + "@" + imap.host() + "/" + folder;
    }

    /** This configuration with both servers on other ports (tests, free ports). */
    public MailBridgeConfig withPorts(int smtpPort, int imapPort) {
        return new MailBridgeConfig(embedded, smtp.withPort(smtpPort), imap.withPort(imapPort), folder, from,
                messageIdDomain, idle, poll, fetchBatch, relayPoll, relayBatch, relayBackoff, inboxBackoff, accounts,
                webhooks, maxCallbackBytes);
    }

    /** This configuration with the password of both servers replaced (from WENZHENG_MAIL_PASSWORD). */
    public MailBridgeConfig withPassword(String password) {
        return new MailBridgeConfig(embedded, smtp.withPassword(password), imap.withPassword(password), folder, from,
                messageIdDomain, idle, poll, fetchBatch, relayPoll, relayBatch, relayBackoff, inboxBackoff, accounts,
                webhooks, maxCallbackBytes);
    }

    /** This configuration with these webhook connectors. */
    public MailBridgeConfig withWebhooks(List<Webhook> hooks) {
        return new MailBridgeConfig(embedded, smtp, imap, folder, from, messageIdDomain, idle, poll, fetchBatch,
                relayPoll, relayBatch, relayBackoff, inboxBackoff, accounts, hooks, maxCallbackBytes);
    }

    /** The webhook connector with this name. */
    public Optional<Webhook> webhook(String name) {
        return webhooks.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + (d == null ? null : d.toSeconds()));
        }
    }

    /** How the connection to a mail server is protected. */
    public enum Security {
        /** Plain text: loopback (the embedded server) only. */
        NONE,
        /** Plain connection upgraded with STARTTLS, which is required. */
        STARTTLS,
        /** TLS from the first byte (SMTPS 465, IMAPS 993). */
        TLS;

        /** none, starttls or tls, as written in the configuration. */
        public static Security of(String text) {
            for (Security s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("security must be none, starttls or tls, got '" + text + "'");
        }
    }

    /**
     * One mail server and the login on it.
     *
     * @param password never shown in messages or logs
     */
    public record Server(String host, int port, Security security, String username, String password) {
        public Server {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0,65535], got " + port);
            }
            Objects.requireNonNull(security, "security");
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("username must not be empty");
            }
            Objects.requireNonNull(password, "password");
        }

        Server withPort(int p) {
            return new Server(host, p, security, username, password);
        }

        Server withPassword(String p) {
            return new Server(host, port, security, username, p);
        }

        @Override
        public String toString() {
            return "Server[" + username + "@" + host + ":" + port + ", " + security + "]";
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

    /**
     * Another ticket system notified by webhook.
     *
     * @param name   the connector's name (outbox rows, the callback path)
     * @param url    where notices are POSTed
     * @param secret the shared HMAC-SHA256 key of both directions; never logged
     */
    public record Webhook(String name, String url, String secret) {
        public Webhook {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("webhooks: name must be 1 to 32 of a-z 0-9 _ -, got '" + name + "'");
            }
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new IllegalArgumentException("webhooks: url of " + name + " must be an http(s) URL, got '" + url
                        + "'");
            }
            if (secret == null || secret.length() < 16) {
                throw new IllegalArgumentException("webhooks: secret of " + name + " must have at least 16 characters");
            }
        }

        @Override
        public String toString() {
            return "Webhook[" + name + " -> " + url + "]";
        }
    }
}
