package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.letters.LettersConfig;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketsConfig;

/** The mailboxes' public addresses (mailboxes[i].address) and the limits of letters by mail (letters.byMail). */
class LettersByMailConfigTest {
    private static final String HEAD = """
            data: state
            knowledge:
              sources: [docs]
            departments:
              - id: office
                name: 综合办公室
                mailboxes: [office@example.gov.cn]
                officers: [officer@example.gov.cn]
                supervisor: boss@example.gov.cn
            tickets:
              defaultDepartment: office
            """;

    @TempDir
    Path dir;

    private AppConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return AppConfig.load(Files.writeString(dir.resolve("w.yaml"), HEAD + yaml), "conf/w.yaml", Optional.empty());
    }

    private static String mailbox(String address) {
        return "mailboxes:\n  - id: mayor\n    name: 市政府信箱\n    address: " + address + "\n";
    }

    @Test
    void theShippedMailboxesHaveTheirDemoAddressesAndTheLimitsAreNamed() {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty());
        TicketsConfig t = app.tickets().orElseThrow();
        assertThat(t.mailboxes()).extracting(Mailbox::address)
                .containsExactly("mayor@wenzheng.local", "director@wenzheng.local");
        assertThat(app.letters().byMail()).isEqualTo(new LettersConfig.MailLimits(5, 200));
    }

    @Test
    void anAddressIsOptionalAndReadInLowerCaseAndTheLimitsDefault() throws IOException {
        AppConfig app = load(mailbox("Mayor@Example.GOV.cn"));
        assertThat(app.tickets().orElseThrow().mailboxes().get(0).address()).isEqualTo("mayor@example.gov.cn");
        assertThat(app.letters().byMail()).isEqualTo(LettersConfig.MailLimits.DEFAULTS);
        assertThat(load("mailboxes:\n  - id: mayor\n    name: 市政府信箱\n").tickets().orElseThrow().mailboxes().get(0)
                .mailAddress()).isEmpty();
    }

    @Test
    void anAddressThatIsNotAPlainOneIsRefusedNamingTheKey() {
        for (String bad : new String[] {"mayor", "mayor+letters@example.gov.cn", "\"市长 <mayor@example.gov.cn>\""}) {
            assertThatThrownBy(() -> load(mailbox(bad))).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("mailboxes[0].address must be a plain e-mail address");
        }
    }

    @Test
    void anAddressOfStaffOrOfAnotherMailboxIsRefused() {
        assertThatThrownBy(() -> load(mailbox("officer@example.gov.cn"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mailboxes[0].address: officer@example.gov.cn is a department's, officer's or"
                        + " supervisor's address");
        assertThatThrownBy(() -> load(mailbox("office@example.gov.cn"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a department's, officer's or supervisor's address");
        assertThatThrownBy(() -> load(mailbox("box@example.gov.cn") + "  - id: director\n    name: 主任信箱\n"
                + "    address: BOX@example.gov.cn\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("mailboxes[1].address: box@example.gov.cn is the address of another mailbox too");
    }

    @Test
    void theLimitsOfLettersByMailAreReadAndCheckedNamingTheKey() throws IOException {
        assertThat(load("letters:\n  byMail:\n    perSenderPerDay: 2\n").letters().byMail())
                .isEqualTo(new LettersConfig.MailLimits(2, LettersConfig.MailLimits.DEFAULTS.perHour()));
        assertThatThrownBy(() -> load("letters:\n  byMail:\n    perSenderPerDay: 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("letters.byMail.perSenderPerDay must be in [1,100000], got 0");
        assertThatThrownBy(() -> load("letters:\n  byMail:\n    perHour: -1\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("letters.byMail.perHour must be in [1,1000000], got -1");
    }
}
