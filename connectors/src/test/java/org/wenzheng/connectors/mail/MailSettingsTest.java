package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.mail.MailSettings.Security;

class MailSettingsTest {
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void badSmtpValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> smtp("", 25, "hotline@wenzheng.local", "wenzheng.local"))
                .hasMessageStartingWith("smtp.host ");
        assertThatThrownBy(() -> smtp("mail.example", 0, "hotline@wenzheng.local", "wenzheng.local"))
                .hasMessage("smtp.port must be in [1,65535], got 0");
        assertThatThrownBy(() -> smtp("mail.example", 25, "hotline", "wenzheng.local"))
                .hasMessageStartingWith("smtp.fromAddress must be an address");
        assertThatThrownBy(() -> smtp("mail.example", 25, "问政 <hotline@wenzheng.local>", "wenzheng.local"))
                .hasMessageStartingWith("smtp.fromAddress must be an address");
        assertThatThrownBy(() -> smtp("mail.example", 25, "hotline@wenzheng.local", "wen zheng"))
                .hasMessageStartingWith("smtp.messageIdDomain ");
        assertThatThrownBy(() -> new MailSettings.Smtp("mail.example", 25, Security.TLS, "user", "", T, T,
                "hotline@wenzheng.local", "问政", "wenzheng.local"))
                .hasMessage("smtp.password must be given with smtp.username");
        assertThatThrownBy(() -> new MailSettings.Smtp("mail.example", 25, Security.TLS, "", "", Duration.ZERO, T,
                "hotline@wenzheng.local", "问政", "wenzheng.local"))
                .hasMessage("smtp.connectTimeoutMs must be in [100,600000], got 0");
        assertThatThrownBy(() -> new MailSettings.Smtp("mail.example", 25, null, "", "", T, T,
                "hotline@wenzheng.local", "问政", "wenzheng.local"))
                .hasMessage("smtp.security must be given");
    }

    @Test
    void badImapValuesAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new MailSettings.Imap("imap.example", 70000, Security.TLS, "u", "p", T, T, "INBOX",
                true, T)).hasMessage("imap.port must be in [1,65535], got 70000");
        assertThatThrownBy(() -> new MailSettings.Imap("imap.example", 993, Security.TLS, " ", "p", T, T, "INBOX",
                true, T)).hasMessage("imap.username must not be empty");
        assertThatThrownBy(() -> new MailSettings.Imap("imap.example", 993, Security.TLS, "u", "", T, T, "INBOX",
                true, T)).hasMessage("imap.password must not be empty");
        assertThatThrownBy(() -> new MailSettings.Imap("imap.example", 993, Security.TLS, "u", "p", T, T, "",
                true, T)).hasMessageStartingWith("imap.folder ");
        assertThatThrownBy(() -> new MailSettings.Imap("imap.example", 993, Security.TLS, "u", "p", T, T, "INBOX",
                true, Duration.ofHours(2))).hasMessage("imap.pollIntervalMs must be in [100,3600000], got 7200000");
    }

    @Test
    void passwordsNeverShowInToString() {
        MailSettings.Smtp smtp = new MailSettings.Smtp("mail.example", 587, Security.STARTTLS, "hotline", "s3cret!",
                T, T, "Hotline@Wenzheng.local", "问政", "Wenzheng.Local");
        MailSettings.Imap imap = new MailSettings.Imap("imap.example", 993, Security.TLS, "hotline", "s3cret!", T, T,
                "INBOX", true, T);

        assertThat(new MailSettings(smtp, imap).toString()).doesNotContain("s3cret!").contains("***");
        assertThat(smtp.messageIdDomain()).isEqualTo("wenzheng.local");
    }

    private static MailSettings.Smtp smtp(String host, int port, String from, String domain) {
        return new MailSettings.Smtp(host, port, Security.NONE, "", "", T, T, from, "问政", domain);
    }
}
