package org.wenzheng.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.wenzheng.connectors.mail.MailSettings;
import org.wenzheng.connectors.webhook.WebhookSettings;
import org.wenzheng.server.replies.Backoff;
import org.wenzheng.server.replies.RepliesConfig;

/**
 * The {@code mail:} and {@code webhooks:} sections: each key optional, defaulting to the embedded
 * demo mail server; the checks are MailSettings' and RepliesConfig's, reported under "mail." or
 * "webhooks[i].". Passwords and secrets may come from the environment, so they need not be written
 * in the file.
 */
final class MailConfigs {
    /** Environment variable with the password of the SMTP and IMAP logins (both, when set). */
    static final String PASSWORD_VARIABLE = "WENZHENG_MAIL_PASSWORD";
    /** The demo password of Wenzheng's own mailbox on the embedded server. */
    static final String DEMO_HOTLINE_PASSWORD = "hotline-demo-2026";

    private MailConfigs() {
    }

    static RepliesConfig mail(RawConfig.Mail m, List<RawConfig.Webhook> hooks, Function<String, String> env,
            Function<String, ConfigException> fail) {
        List<WebhookSettings> webhooks = webhooks(hooks, env, fail);
        String envPassword = env.apply(PASSWORD_VARIABLE);
        boolean embedded = m == null || m.embedded() == null || m.embedded();
        RawConfig.Smtp s = m == null || m.smtp() == null ? emptySmtp() : m.smtp();
        RawConfig.Imap i = m == null || m.imap() == null ? emptyImap() : m.imap();
        MailSettings settings;
        try {
            String smtpUser = s.username() == null ? "" : s.username();
            String smtpPassword = !smtpUser.isEmpty() && envPassword != null && !envPassword.isEmpty() ? envPassword
                    : s.password();
            String from = s.fromAddress() == null ? RepliesConfig.HOTLINE : s.fromAddress();
            MailSettings.Smtp smtp = new MailSettings.Smtp(or(s.host(), "127.0.0.1"),
                    or(s.port(), RepliesConfig.EMBEDDED_SMTP_PORT), security("smtp", s.security()), smtpUser,
                    smtpPassword, millis(s.connectTimeoutMs(), MailSettings.DEFAULT_CONNECT_TIMEOUT),
                    millis(s.readTimeoutMs(), MailSettings.DEFAULT_READ_TIMEOUT), from,
                    s.fromName() == null ? "问政" : s.fromName(),
                    s.messageIdDomain() == null ? from.substring(from.indexOf('@') + 1) : s.messageIdDomain());
            String imapPassword = envPassword != null && !envPassword.isEmpty() ? envPassword
                    : i.password() != null ? i.password() : embedded ? DEMO_HOTLINE_PASSWORD : null;
            MailSettings.Imap imap = new MailSettings.Imap(or(i.host(), "127.0.0.1"),
                    or(i.port(), RepliesConfig.EMBEDDED_IMAP_PORT), security("imap", i.security()),
                    i.username() == null ? RepliesConfig.HOTLINE : i.username(), imapPassword,
                    millis(i.connectTimeoutMs(), MailSettings.DEFAULT_CONNECT_TIMEOUT),
                    millis(i.readTimeoutMs(), MailSettings.DEFAULT_READ_TIMEOUT), or(i.folder(), "INBOX"),
                    i.idle() == null || i.idle(), millis(i.pollIntervalMs(), MailSettings.DEFAULT_POLL_INTERVAL));
            settings = new MailSettings(smtp, imap);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message.startsWith("imap.password") && !embedded) {
                message += " (or set " + PASSWORD_VARIABLE + ")";
            }
            throw fail.apply("mail." + message);
        }
        try {
            RawConfig.Relay r = m == null || m.relay() == null ? new RawConfig.Relay(null, null, null, null, null)
                    : m.relay();
            Backoff d = Backoff.DEFAULT;
            Backoff relayBackoff = new Backoff(seconds(r.initialBackoffSeconds(), d.initial()),
                    seconds(r.maxBackoffSeconds(), d.max()), r.backoffFactor() == null ? d.factor() : r.backoffFactor());
            List<RepliesConfig.Account> accounts = new ArrayList<>();
            if (m != null && m.accounts() != null) {
                for (RawConfig.MailAccount a : m.accounts()) {
                    if (a == null) {
                        throw new IllegalArgumentException("accounts: an entry is empty");
                    }
                    accounts.add(new RepliesConfig.Account(a.address(), a.password()));
                }
            }
            return new RepliesConfig(embedded, settings,
                    seconds(m == null ? null : m.idleSeconds(), RepliesConfig.DEFAULT_IDLE),
                    m == null || m.fetchBatch() == null ? RepliesConfig.DEFAULT_FETCH_BATCH : m.fetchBatch(),
                    seconds(r.pollSeconds(), RepliesConfig.DEFAULT_RELAY_POLL),
                    r.batch() == null ? RepliesConfig.DEFAULT_RELAY_BATCH : r.batch(), relayBackoff,
                    RepliesConfig.DEFAULT_INBOX_BACKOFF, accounts, webhooks, intake(m));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw fail.apply(message.startsWith("webhooks") ? message
                    : "mail." + (message.contains("ackoff") ? "relay." : "") + message);
        }
    }

    private static RepliesConfig.Intake intake(RawConfig.Mail m) {
        RepliesConfig.Intake d = RepliesConfig.Intake.DEFAULTS;
        return new RepliesConfig.Intake(m == null || m.maxMessageBytes() == null ? d.maxMessageBytes()
                : m.maxMessageBytes(), m == null ? d.trustedAuthservId() : m.trustedAuthservId());
    }

    private static List<WebhookSettings> webhooks(List<RawConfig.Webhook> hooks, Function<String, String> env,
            Function<String, ConfigException> fail) {
        List<WebhookSettings> out = new ArrayList<>();
        List<RawConfig.Webhook> listed = hooks == null ? List.of() : hooks;
        for (int n = 0; n < listed.size(); n++) {
            RawConfig.Webhook w = listed.get(n);
            String key = "webhooks[" + n + "]";
            if (w == null) {
                throw fail.apply(key + " is empty: it needs name, url and secret (or secretVariable)");
            }
            String secret = w.secret();
            if (w.secretVariable() != null) {
                if (secret != null) {
                    throw fail.apply(key + ": give secret or secretVariable, not both");
                }
                secret = env.apply(w.secretVariable());
                if (secret == null || secret.isEmpty()) {
                    throw fail.apply(key + ".secretVariable: the environment variable " + w.secretVariable()
                            + " is not set");
                }
            }
            try {
                WebhookSettings d = WebhookSettings.of(w.name(), w.url(), secret);
                int maxBytes = w.maxCallbackBytes() == null ? d.maxCallbackBytes() : w.maxCallbackBytes();
                out.add(new WebhookSettings(d.name(), d.url(), d.secret(), d.connectTimeout(), d.requestTimeout(),
                        maxBytes, Math.min(d.maxAnswerChars(), maxBytes)));
            } catch (IllegalArgumentException e) {
                throw fail.apply(key + "." + e.getMessage().replaceFirst("^webhook\\.", ""));
            }
        }
        return out;
    }

    private static MailSettings.Security security(String prefix, String text) {
        if (text == null) {
            return MailSettings.Security.NONE;
        }
        return switch (text.strip()) {
            case "none" -> MailSettings.Security.NONE;
            case "starttls" -> MailSettings.Security.STARTTLS;
            case "tls" -> MailSettings.Security.TLS;
            default -> throw new IllegalArgumentException(prefix + ".security must be none, starttls or tls, got '"
                    + text + "'");
        };
    }

    private static RawConfig.Smtp emptySmtp() {
        return new RawConfig.Smtp(null, null, null, null, null, null, null, null, null, null);
    }

    private static RawConfig.Imap emptyImap() {
        return new RawConfig.Imap(null, null, null, null, null, null, null, null, null, null);
    }

    private static String or(String v, String otherwise) {
        return v == null ? otherwise : v;
    }

    private static int or(Integer v, int otherwise) {
        return v == null ? otherwise : v;
    }

    private static Duration millis(Integer v, Duration otherwise) {
        return v == null ? otherwise : Duration.ofMillis(v);
    }

    private static Duration seconds(Integer v, Duration otherwise) {
        return v == null ? otherwise : Duration.ofSeconds(v);
    }
}
