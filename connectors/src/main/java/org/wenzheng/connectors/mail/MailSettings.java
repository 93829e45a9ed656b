package org.wenzheng.connectors.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How Wenzheng reaches mail: the SMTP server its notices leave through and the IMAP mailbox
 * officers' replies arrive in, validated once at start. Each value is named after its key in the
 * {@code smtp:} and {@code imap:} parts of the mail configuration, and so are the messages that
 * reject a bad one ({@code "smtp.port must be in [1,65535], got 0"}), so that the configuration
 * loader can report them under its own section.
 *
 * <p>The two halves are separate records because they go to separate components: {@link MailConnector}
 * receives {@link Smtp}, {@link ImapMailInbox} receives {@link Imap}.
 */
public record MailSettings(Smtp smtp, Imap imap) {

    /** Long enough for a slow server across the country, short enough that a dead one frees the relay thread. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A server that says nothing for this long is treated as gone; IMAP IDLE is broken well before it. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Without IDLE, replies show up within a minute: well inside the working-day deadlines. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_POLL_INTERVAL = Duration.ofHours(1);
    /** The display name appears in every officer's inbox; longer would be cut by mail clients anyway. */
    static final int MAX_DISPLAY_NAME_CHARS = 64;

    /** A host name or an IP literal; nothing a URL or a mail header could be smuggled through. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    /** The right-hand side of our Message-IDs: a domain, RFC 5322 dot-atom. */
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
    /** An IMAP folder name as typed by an operator (INBOX, Wenzheng/Replies); no control characters. */
    private static final Pattern FOLDER = Pattern.compile("[^\\p{Cntrl}]{1,200}");

    public MailSettings {
        Objects.requireNonNull(smtp, "smtp");
        Objects.requireNonNull(imap, "imap");
    }

    /** How a connection is protected. */
    public enum Security {
        /** Plain text: only for a server on loopback, such as the embedded GreenMail. */
        NONE,
        /** Starts in plain text and upgrades; the upgrade is required, never optional. */
        STARTTLS,
        /** TLS from the first byte (SMTPS on 465, IMAPS on 993). */
        TLS
    }

    /**
     * The SMTP server notices are sent through, and how they are signed.
     *
     * @param host            the server's host name
     * @param port            its port (25, 587 with STARTTLS, 465 with TLS; 3025 for the embedded one)
     * @param security        how the connection is protected
     * @param username        the login; empty: the server takes mail without login
     * @param password        the login's password; never shown by {@link #toString}
     * @param connectTimeout  how long to wait for the connection
     * @param readTimeout     how long to wait for each reply of the server
     * @param fromAddress     the address notices come from, and that officers reply to
     *                        (Wenzheng's own mailbox, e.g. {@code hotline@wenzheng.local})
     * @param fromName        the display name beside it, e.g. 问政
     * @param messageIdDomain the domain of the Message-IDs ({@code <notice-id@domain>})
     */
    public record Smtp(String host, int port, Security security, String username, String password,
            Duration connectTimeout, Duration readTimeout, String fromAddress, String fromName,
            String messageIdDomain) {
        public Smtp {
            host = checkHost("smtp", host);
            checkPort("smtp", port);
            requireField("smtp.security", security);
            username = username == null ? "" : username.strip();
            password = password == null ? "" : password;
            if (!username.isEmpty() && password.isEmpty()) {
                throw new IllegalArgumentException("smtp.password must be given with smtp.username");
            }
            checkTimeout("smtp.connectTimeoutMs", connectTimeout);
            checkTimeout("smtp.readTimeoutMs", readTimeout);
            fromAddress = checkAddress("smtp.fromAddress", fromAddress);
            fromName = fromName == null ? "" : fromName.strip();
            if (fromName.length() > MAX_DISPLAY_NAME_CHARS || fromName.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("smtp.fromName must be at most " + MAX_DISPLAY_NAME_CHARS
                        + " characters without control characters, got '" + fromName + "'");
            }
            if (messageIdDomain == null || !DOMAIN.matcher(messageIdDomain.strip()).matches()) {
                throw new IllegalArgumentException("smtp.messageIdDomain must be a domain such as wenzheng.local, got '"
                        + messageIdDomain + "'");
            }
            messageIdDomain = messageIdDomain.strip().toLowerCase(Locale.ROOT);
        }

        /** The defaults for a server on loopback without login: the embedded GreenMail of {@code wenzheng serve}. */
        public static Smtp local(int port, String fromAddress) {
            return new Smtp("127.0.0.1", port, Security.NONE, "", "", DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                    fromAddress, "问政", fromAddress.substring(fromAddress.indexOf('@') + 1));
        }

        /** Whether the server wants a login. */
        public boolean authenticated() {
            return !username.isEmpty();
        }

        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                    + ", password=" + (password.isEmpty() ? "none" : "***") + ", connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + ", fromAddress=" + fromAddress + ", fromName=" + fromName
                    + ", messageIdDomain=" + messageIdDomain + "]";
        }
    }

    /**
     * Wenzheng's own mailbox, read over IMAP.
     *
     * @param host           the server's host name
     * @param port           its port (143, 993 with TLS; 3143 for the embedded one)
     * @param security       how the connection is protected
     * @param username       the mailbox's login (IMAP always needs one)
     * @param password       its password; never shown by {@link #toString}
     * @param connectTimeout how long to wait for the connection
     * @param readTimeout    how long to wait for each reply of the server (not for IDLE, which
     *                       is broken by Wenzheng itself before it would time out)
     * @param folder         the folder replies arrive in, usually {@code INBOX}
     * @param idle           whether to wait for new mail with IMAP IDLE when the server offers it
     * @param pollInterval   how long to wait between two looks at the folder without IDLE
     */
    public record Imap(String host, int port, Security security, String username, String password,
            Duration connectTimeout, Duration readTimeout, String folder, boolean idle, Duration pollInterval) {
        public Imap {
            host = checkHost("imap", host);
            checkPort("imap", port);
            requireField("imap.security", security);
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("imap.username must not be empty");
            }
            username = username.strip();
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("imap.password must not be empty");
            }
            checkTimeout("imap.connectTimeoutMs", connectTimeout);
            checkTimeout("imap.readTimeoutMs", readTimeout);
            if (folder == null || !FOLDER.matcher(folder.strip()).matches()) {
                throw new IllegalArgumentException("imap.folder must be a folder name such as INBOX, got '" + folder
                        + "'");
            }
            folder = folder.strip();
            requireField("imap.pollIntervalMs", pollInterval);
            if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0 || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0) {
                throw new IllegalArgumentException("imap.pollIntervalMs must be in [" + MIN_POLL_INTERVAL.toMillis() + ","
                        + MAX_POLL_INTERVAL.toMillis() + "], got " + pollInterval.toMillis());
            }
        }

        /** The defaults for a server on loopback: the embedded GreenMail of {@code wenzheng serve}. */
        public static Imap local(int port, String username, String password) {
            return new Imap("127.0.0.1", port, Security.NONE, username, password, DEFAULT_CONNECT_TIMEOUT,
                    DEFAULT_READ_TIMEOUT, "INBOX", true, DEFAULT_POLL_INTERVAL);
        }

        @Override
        public String toString() {
            return "Imap[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
                    + ", password=***, connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                    + ", folder=" + folder + ", idle=" + idle + ", pollInterval=" + pollInterval + "]";
        }
    }

    private static String checkHost(String prefix, String host) {
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            throw new IllegalArgumentException(prefix + ".host must be a host name or an IP address, got '" + host + "'");
        }
        return host.strip();
    }

    private static void checkPort(String prefix, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(prefix + ".port must be in [1,65535], got " + port);
        }
    }

    private static void checkTimeout(String field, Duration timeout) {
        requireField(field, timeout);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(field + " must be in [" + MIN_TIMEOUT.toMillis() + ","
                    + MAX_TIMEOUT.toMillis() + "], got " + timeout.toMillis());
        }
    }

    private static String checkAddress(String field, String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            if (parsed.getPersonal() != null || parsed.getAddress().indexOf('@') < 1) {
                throw new AddressException("not a bare address");
            }
            return parsed.getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException(field + " must be an address such as hotline@wenzheng.local, got '"
                    + address + "'", e);
        }
    }

    private static void requireField(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be given");
        }
    }
}
