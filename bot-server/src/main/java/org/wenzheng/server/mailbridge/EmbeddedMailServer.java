package org.wenzheng.server.mailbridge;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.mail.MailSettings;

/**
 * The demo mailbox: an in-process GreenMail SMTP and IMAP server on loopback, without TLS and with
 * plain logins, so that a new user can point any mail client at it, see an escalation arrive and
 * answer it. Production points the mail settings at real servers instead.
 *
 * <p>GreenMail keeps mail in memory: after a restart the mailboxes are empty and the folder has a
 * new UIDVALIDITY. The inbound processor's checkpoint then no longer applies and it falls back to
 * de-duplicating by Message-ID, so nothing is processed twice; mail that was in the old server is
 * gone (the tickets and their answers are in the database).
 */
public final class EmbeddedMailServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);
    /** Milliseconds GreenMail waits for its services to start and stop. */
    private static final long STARTUP_TIMEOUT_MILLIS = 10_000;

    private final GreenMail greenMail;
    private final List<MailBridgeConfig.Account> accounts;

    private EmbeddedMailServer(GreenMail greenMail, List<MailBridgeConfig.Account> accounts) {
        this.greenMail = greenMail;
        this.accounts = List.copyOf(accounts);
    }

    /**
     * Starts SMTP and IMAP on the configured hosts and ports 
     * with Wenzheng's own mailbox and the configured accounts.
     *
     * @throws IllegalStateException when a port cannot be bound
     */
    public static EmbeddedMailServer start(MailBridgeConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, MailBridgeConfig.Account> byAddress = new LinkedHashMap<>();
        MailSettings.Imap own = config.mail().imap();
        byAddress.put(own.username().toLowerCase(java.util.Locale.ROOT),
                new MailBridgeConfig.Account(own.username(), own.password()));
        for (MailBridgeConfig.Account a : config.accounts()) {
            byAddress.putIfAbsent(a.address(), a);
        }
        MailSettings.Smtp out = config.mail().smtp();
        ServerSetup smtp = setup(out.host(), out.port(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(own.host(), own.port(), ServerSetup.PROTOCOL_IMAP);
        // Subaddressing: each notice's reply address (hotline+<token>@…) is delivered to the mailbox
        // itself, as a real server with plus addressing does; without it GreenMail would make a new
        // mailbox for every such address and the replies would never be read.
        GreenMailConfiguration users = GreenMailConfiguration.aConfig().withSieveIgnoreDetail();
        for (MailBridgeConfig.Account a : byAddress.values()) {
            // The address is the login, as mail clients assume by default.
            users = users.withUser(a.address(), a.address(), a.password());
        }
        GreenMail g = new GreenMail(new ServerSetup[] {smtp, imap}).withConfiguration(users);
        try {
            g.start();
        } catch (RuntimeException e) {
            g.stop();
            throw new IllegalStateException("cannot start the embedded mail server (SMTP " + out.host() + ":" + out.port()
                    + ", IMAP " + own.host() + ":" + own.port() + "): "
                    + e.getMessage() + "; is another program using these ports? Set mail.smtp.port and"
                    + " mail.imap.port, or mail.embedded: false", e);
        }
        EmbeddedMailServer server = new EmbeddedMailServer(g, new ArrayList<>(byAddress.values()));
        log.info("embedded mail server: SMTP {}:{}, IMAP {}:{}, {} mailbox(es)", out.host(), server.smtpPort(),
                own.host(), server.imapPort(), byAddress.size());
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
    public List<MailBridgeConfig.Account> accounts() {
        return accounts;
    }

    /** Stops both servers; the mail in them is gone. Idempotent. */
    @Override
    public void close() {
        greenMail.stop();
    }
}
