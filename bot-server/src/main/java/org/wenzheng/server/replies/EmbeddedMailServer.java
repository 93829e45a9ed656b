package org.wenzheng.server.replies;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.mail.MailSettings;

/**
 * The demo mailbox: an in-process GreenMail SMTP and IMAP server on loopback, without TLS and with
 * plain logins, so that a new user can point any mail client at it, see an escalation arrive and
 * answer it. Production points the mail settings at real servers instead.
 *
 * <p>GreenMail keeps mail in memory; {@link MailSpool} keeps a copy of every mailbox in a folder of
 * the data folder ({@code <data>/mail/}), written before a mail is acknowledged, and loads it back
 * at start, before the server accepts a connection. After a restart the folders have a new
 * UIDVALIDITY: the inbound processor's checkpoint then no longer applies and it falls back to
 * de-duplicating by Message-ID, so nothing is processed twice and nothing is lost.
 */
final class EmbeddedMailServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    /** Milliseconds GreenMail waits for its services to start and stop. */
    private static final long STARTUP_TIMEOUT_MILLIS = 10_000;

    private final GreenMail greenMail;
    private final List<RepliesConfig.Account> accounts;
    private final ScheduledExecutorService scanner;

    private EmbeddedMailServer(GreenMail greenMail, List<RepliesConfig.Account> accounts,
            ScheduledExecutorService scanner) {
        this.greenMail = greenMail;
        this.accounts = List.copyOf(accounts);
        this.scanner = scanner;
    }

    /**
     * Starts SMTP and IMAP on the configured hosts and ports with Wenzheng's own mailbox and the
     * configured accounts, their mail loaded from {@code store} (created when missing).
     *
     * @param store the folder that keeps the mail across restarts ({@code <data>/mail})
     * @throws IllegalStateException when a port cannot be bound or the store cannot be read
     */
    public static EmbeddedMailServer start(RepliesConfig config, Path store) {
        return start(config, store, List.of());
    }

    /**
     * {@link #start(RepliesConfig, Path)}, delivering mail to each of {@code aliases} (the
     * mailboxes' public addresses) into Wenzheng's own mailbox, as the office's server does with an
     * alias.
     */
    public static EmbeddedMailServer start(RepliesConfig config, Path store, List<String> aliases) {
        java.util.Set<String> aliased = aliases.stream().map(a -> a.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Map<String, RepliesConfig.Account> byAddress = new LinkedHashMap<>();
        MailSettings.Imap own = config.mail().imap();
        byAddress.put(own.username().toLowerCase(java.util.Locale.ROOT),
                new RepliesConfig.Account(own.username(), own.password()));
        for (RepliesConfig.Account a : config.accounts()) {
            byAddress.putIfAbsent(a.address(), a);
        }
        MailSettings.Smtp out = config.mail().smtp();
        ServerSetup smtp = setup(out.host(), out.port(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(own.host(), own.port(), ServerSetup.PROTOCOL_IMAP);
        MailSpool[] spool = new MailSpool[1];
        int[] loaded = new int[1];
        Managers[] prepared = new Managers[1];
        GreenMail g = new GreenMail(new ServerSetup[] {smtp, imap}) {
            /**
             * Called by start() with the new (empty) mailboxes before any service listens: the
             * accounts are made, the kept mail loaded and the delivery handler wrapped here, so
             * that no connection ever sees the server without them.
             */
            @Override
            protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
                // GreenMail builds its services both when constructed and when started, on the same
                // mailboxes: they are prepared once.
                if (prepared[0] == managers) {
                    return super.createServices(setups, managers);
                }
                prepared[0] = managers;
                // Subaddressing: each notice's reply address (hotline+<token>@…) is delivered to the
                // mailbox itself, as a real server with plus addressing does; without it GreenMail
                // would make a new mailbox for every such address and the replies would never be read.
                managers.getUserManager().setSieveIgnoreDetail(true);
                if (!aliased.isEmpty()) {
                    var users = managers.getUserManager();
                    com.icegreen.greenmail.user.MessageDeliveryHandler plain = users.getMessageDeliveryHandler();
                    String ownLogin = own.username().toLowerCase(java.util.Locale.ROOT);
                    users.setMessageDeliveryHandler((message, address) ->
                            aliased.contains(address.getEmail().toLowerCase(java.util.Locale.ROOT))
                                    ? users.getUserByEmail(ownLogin) : plain.handle(message, address));
                }
                for (RepliesConfig.Account a : byAddress.values()) {
                    try {
                        // The address is the login, as mail clients assume by default.
                        managers.getUserManager().createUser(a.address(), a.address(), a.password());
                    } catch (UserException e) {
                        throw new IllegalStateException("cannot create the mailbox " + a.address() + ": "
                                + e.getMessage(), e);
                    }
                }
                spool[0] = new MailSpool(store, managers.getImapHostManager(), managers.getUserManager());
                loaded[0] = spool[0].restoreAndWatch();
                return super.createServices(setups, managers);
            }
        };
        try {
            g.start();
        } catch (java.io.UncheckedIOException e) {
            g.stop();
            throw new IllegalStateException("cannot start the embedded mail server: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            g.stop();
            throw new IllegalStateException("cannot start the embedded mail server (SMTP " + out.host() + ":" + out.port()
                    + ", IMAP " + own.host() + ":" + own.port() + "): "
                    + e.getMessage() + "; is another program using these ports? Set mail.smtp.port and"
                    + " mail.imap.port, or mail.embedded: false", e);
        }
        ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wenzheng-mail-store");
            t.setDaemon(true);
            return t;
        });
        MailSpool kept = spool[0];
        scanner.scheduleWithFixedDelay(() -> {
            try {
                kept.scan();
            } catch (RuntimeException e) {
                log.error("embedded mail store: {}", e.getMessage(), e);
            }
        }, MailSpool.SCAN_INTERVAL_MILLIS, MailSpool.SCAN_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        EmbeddedMailServer server = new EmbeddedMailServer(g, new ArrayList<>(byAddress.values()), scanner);
        log.info("embedded mail server: SMTP {}:{}, IMAP {}:{}, {} mailbox(es), {} mail(s) kept in {}", out.host(),
                server.smtpPort(), own.host(), server.imapPort(), byAddress.size(), loaded[0], store);
        return server;
    }

    private static ServerSetup setup(String host, int port, String protocol) {
        ServerSetup setup = new ServerSetup(port, host, protocol);
        setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        return setup;
    }

    /** The port SMTP listens on. */
    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** The port IMAP listens on. */
    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** The mailboxes, Wenzheng's own first. */
    public List<RepliesConfig.Account> accounts() {
        return accounts;
    }

    /** Stops both servers; their mail stays in the store folder. Idempotent. */
    @Override
    public void close() {
        scanner.shutdownNow();
        greenMail.stop();
    }
}
