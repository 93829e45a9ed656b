package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo mail server of serve: its mailboxes and logins, and a clear refusal when a port is taken. */
class EmbeddedMailServerTest {
    @TempDir
    Path work;

    @Test
    void everyDepartmentAddressGetsAMailboxWhosePasswordIsItsLocalPart() throws Exception {
        RepliesConfig config = RepliesConfig.embeddedDefaults(MailFixtures.freePort(), MailFixtures.freePort(),
                "hotline-secret", List.of(new RepliesConfig.Account("supervisor@wenzheng.local", "own-password")));
        List<RepliesConfig.Account> accounts = RepliesFeature.embeddedAccounts(config,
                List.of("officer@wenzheng.local", "Supervisor@wenzheng.local"));

        try (EmbeddedMailServer server = EmbeddedMailServer.start(config.withAccounts(accounts), work.resolve("mail"))) {
            assertThat(server.accounts()).extracting(RepliesConfig.Account::address).containsExactly(
                    "hotline@wenzheng.local", "supervisor@wenzheng.local", "officer@wenzheng.local");
            login(server.imapPort(), "officer@wenzheng.local", "officer");
            login(server.imapPort(), "hotline@wenzheng.local", "hotline-secret");
            login(server.imapPort(), "supervisor@wenzheng.local", "own-password");
            assertThatThrownBy(() -> login(server.imapPort(), "officer@wenzheng.local", "wrong"))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void aTakenPortStopsTheStartWithAMessageNamingTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            RepliesConfig config = RepliesConfig.embeddedDefaults(taken.getLocalPort(), MailFixtures.freePort(),
                    "hotline-secret", List.of());

            assertThatThrownBy(() -> EmbeddedMailServer.start(config, work.resolve("mail")).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot start the embedded mail server")
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .hasMessageContaining("mail.smtp.port");
        }
    }

    private static void login(int port, String user, String password) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", port, user, password);
            assertThat(store.isConnected()).isTrue();
        }
    }
}
