package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.mail.MailSettings;
import org.wenzheng.server.replies.RepliesConfig;

/** The mail: and webhooks: sections as an operator writes them, and the errors naming the key. */
class MailConfigsTest {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private static RepliesConfig read(String mail, String webhooks, Map<String, String> env) throws Exception {
        RawConfig.Mail m = mail == null ? null : YAML.readValue(mail, RawConfig.Mail.class);
        List<RawConfig.Webhook> w = webhooks == null ? null
                : List.of(YAML.readValue(webhooks, RawConfig.Webhook[].class));
        return MailConfigs.mail(m, w, env::get, message -> new ConfigException("wenzheng.yaml: " + message));
    }

    @Test
    void withoutAMailSectionTheEmbeddedDemoServerIsUsed() throws Exception {
        RepliesConfig c = read(null, null, Map.of());

        assertThat(c.embedded()).isTrue();
        assertThat(c.mail().smtp().host()).isEqualTo("127.0.0.1");
        assertThat(c.mail().smtp().port()).isEqualTo(3025);
        assertThat(c.mail().imap().port()).isEqualTo(3143);
        assertThat(c.mail().imap().username()).isEqualTo("hotline@wenzheng.local");
        assertThat(c.mail().smtp().security()).isEqualTo(MailSettings.Security.NONE);
        assertThat(c.mail().smtp().messageIdDomain()).isEqualTo("wenzheng.local");
        assertThat(c.relayPoll()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.webhooks()).isEmpty();
    }

    @Test
    void aProductionSectionTakesThePasswordFromTheEnvironment() throws Exception {
        RepliesConfig c = read("""
                embedded: false
                smtp: {host: smtp.example.gov.cn, port: 587, security: starttls, username: wenzheng,
                       fromAddress: wenzheng@example.gov.cn, messageIdDomain: example.gov.cn}
                imap: {host: imap.example.gov.cn, port: 993, security: tls, username: wenzheng, folder: INBOX}
                relay: {pollSeconds: 3, initialBackoffSeconds: 10, maxBackoffSeconds: 600, backoffFactor: 3.0}
                """, null, Map.of("WENZHENG_MAIL_PASSWORD", "from-the-environment"));

        assertThat(c.embedded()).isFalse();
        assertThat(c.mail().smtp().password()).isEqualTo("from-the-environment");
        assertThat(c.mail().imap().password()).isEqualTo("from-the-environment");
        assertThat(c.mail().imap().security()).isEqualTo(MailSettings.Security.TLS);
        assertThat(c.relayBackoff().initial()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.relayBackoff().factor()).isEqualTo(3.0);
        assertThat(c.mailboxKey()).isEqualTo("wenzheng@imap.example.gov.cn/INBOX");
    }

    @Test
    void mistakesAreReportedUnderTheirKey() {
        assertThatThrownBy(() -> read("smtp: {port: 0}", null, Map.of()))
                .hasMessage("wenzheng.yaml: mail.smtp.port must be in [1,65535], got 0");
        assertThatThrownBy(() -> read("imap: {security: ssl}", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.imap.security must be none, starttls or tls");
        assertThatThrownBy(() -> read("embedded: false\nimap: {host: imap.example.gov.cn}", null, Map.of()))
                .hasMessageContaining("mail.imap.password must not be empty").hasMessageContaining("WENZHENG_MAIL_PASSWORD");
        assertThatThrownBy(() -> read("embedded: true\nsmtp: {security: tls}", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.embedded: the embedded server speaks plain");
        assertThatThrownBy(() -> read("relay: {backoffFactor: 0.5}", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.relay.backoffFactor must be");
        assertThatThrownBy(() -> read("relay: {pollSeconds: 0}", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.relay.pollSeconds must be positive");
        assertThatThrownBy(() -> read("accounts: [{address: not-an-address, password: x}]", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.accounts: address must be an e-mail address");
    }

    @Test
    void theLargestMailFetchedWholeIsConfigurableAndChecked() throws Exception {
        assertThat(read(null, null, Map.of()).intake().maxMessageBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(read("maxMessageBytes: 2097152", null, Map.of()).intake().maxMessageBytes()).isEqualTo(2097152);
        assertThatThrownBy(() -> read("maxMessageBytes: 0", null, Map.of()))
                .hasMessage("wenzheng.yaml: mail.maxMessageBytes must be in [1024,1073741824], got 0");
    }

    @Test
    void theTrustedAuthservIdIsOffByDefaultAndMustBeAHostName() throws Exception {
        assertThat(read(null, null, Map.of()).intake().trustedAuthservId()).isEmpty();
        assertThat(read("trustedAuthservId: mx.example.gov.cn", null, Map.of()).intake().trustedAuthservId())
                .isEqualTo("mx.example.gov.cn");
        assertThatThrownBy(() -> read("trustedAuthservId: 'mx.example.gov.cn; spf=pass'", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.trustedAuthservId must be the host name");
    }

    @Test
    void theMailboxAddressMustHaveNoSubaddressOfItsOwn() {
        assertThatThrownBy(() -> read("smtp: {fromAddress: hotline+x@wenzheng.local}", null, Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: mail.smtp.fromAddress must be the mailbox's plain address");
    }

    @Test
    void aWebhookSecretMayComeFromAnEnvironmentVariable() throws Exception {
        String hook = "[{name: platform, url: 'https://12345.example.gov.cn/hook', secretVariable: HOOK_SECRET,"
                + " maxCallbackBytes: 4096}]";

        RepliesConfig c = read(null, hook, Map.of("HOOK_SECRET", "a-secret-of-enough-length"));

        assertThat(c.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("platform");
            assertThat(w.secret()).isEqualTo("a-secret-of-enough-length");
            assertThat(w.maxCallbackBytes()).isEqualTo(4096);
        });
        assertThatThrownBy(() -> read(null, hook, Map.of()))
                .hasMessage("wenzheng.yaml: webhooks[0].secretVariable: the environment variable HOOK_SECRET is not set");
        assertThatThrownBy(() -> read(null, "[{name: platform, url: 'https://x.example', secret: short}]", Map.of()))
                .hasMessageStartingWith("wenzheng.yaml: webhooks[0].secret must be at least 16 bytes");
        assertThatThrownBy(() -> read(null, "[{name: mail, url: 'https://x.example', secret: a-secret-of-enough-length}]",
                Map.of())).hasMessageContaining("the name mail is the mail connector's");
    }
}
