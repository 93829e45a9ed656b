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
     * Starts SMTP and IMAP on the configured hosts and ports (0: a free port, see {@link #smtpPort()})
     * with Wenzheng's own mailbox and the configured accounts.
     *
     * @throws IllegalStateException when a port cannot be bound
     */
    public static EmbeddedMailServer start(MailBridgeConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, MailBridgeConfig.Account> byAddress = new LinkedHashMap<>();
        byAddress.put(config.imap().username().toLowerCase(java.util.Locale.ROOT),
                new MailBridgeConfig.Account(config.imap().username(), config.imap().password()));
        for (MailBridgeConfig.Account a : config.accounts()) {
            byAddress.putIfAbsent(a.address(), a);
        }
        ServerSetup smtp = setup(config.smtp(), ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = setup(config.imap(), ServerSetup.PROTOCOL_IMAP);
        GreenMailConfiguration users = GreenMailConfiguration.aConfig();
        for (MailBridgeConfig.Account a : byAddress.values()) {
            // The address is the login, as mail clients assume by default.
            users = users.withUser(a.address(), a.address(), a.password());
        }
        GreenMail g = new GreenMail(new ServerSetup[] {smtp, imap}).withConfiguration(users);
        try {
            g.start();
        } catch (RuntimeException e) {
            g.stop();
            throw new IllegalStateException("cannot start the embedded mail server (SMTP " + config.smtp().host() + ":"
                    + config.smtp().port() + ", IMAP " + config.imap().host() + ":" + config.imap().port() + "): "
                    + e.getMessage() + "; is another program using these ports? Set mail.smtp.port and"
                    + " mail.imap.port, or mail.embedded: false", e);
        }
        EmbeddedMailServer server = new EmbeddedMailServer(g, new ArrayList<>(byAddress.values()));
        log.info("embedded mail server: SMTP {}:{}, IMAP {}:{}, {} mailbox(es)", config.smtp().host(),
                server.smtpPort(), config.imap().host(), server.imapPort(), byAddress.size());
        return server;
    }

    private static ServerSetup setup(MailBridgeConfig.Server s, String protocol) {
        if (s.security() != MailBridgeConfig.Security.NONE) {
            throw new IllegalArgumentException("the embedded mail server speaks plain " + protocol + " on loopback:"
                    + " set mail." + protocol + ".security: none (or mail.embedded: false for a real server)");
        }
        ServerSetup setup = new ServerSetup(s.port(), s.host(), protocol);
        setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
        return s.port() == 0 ? setup.dynamicPort() : setup;
    }

    /** The port SMTP listens on (the actual one when 0 was configured). */
    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** The port IMAP listens on (the actual one when 0 was configured). */
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
