package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.TicketsConfig;

/** The departments: and tickets: parts of wenzheng.yaml. */
class TicketsConfigTest {
    private static final String HEAD = "data: state\nknowledge:\n  sources: [docs]\n";
    private static final String OFFICE = """
            departments:
              - id: office
                name: 综合办公室
                mailboxes: [officer@wenzheng.local]
                officers: [officer@wenzheng.local]
                supervisor: supervisor@wenzheng.local
            """;

    @TempDir
    Path dir;

    private AppConfig load(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return AppConfig.load(Files.writeString(dir.resolve("w.yaml"), yaml), "conf/w.yaml", Optional.empty());
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> load(HEAD + yaml)).isInstanceOf(ConfigException.class)
                .hasMessage("conf/w.yaml: " + message);
    }

    @Test
    void theShippedConfigurationHasTheDemoDepartmentsWithTheOfficeAsDefault() {
        TicketsConfig t = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty()).tickets().orElseThrow();

        assertThat(t.fallback().name()).isEqualTo("综合办公室");
        assertThat(t.fallback().mailboxes()).containsExactly("officer@wenzheng.local");
        assertThat(t.fallback().supervisor()).isEqualTo("supervisor@wenzheng.local");
        assertThat(t.departments()).extracting(Department::name).contains("人力资源和社会保障局", "住房和城乡建设局");
        assertThat(t.department("hrss").orElseThrow().routing().keywords()).contains("劳动合同", "工资", "社保");
        assertThat(t.keyBytes()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void withoutEitherSectionThereIsNoTicketDesk() throws IOException {
        assertThat(load(HEAD).tickets()).isEmpty();
    }

    @Test
    void omittedKeysTakeTheirDefaultsAndAConnectorDefaultsToMail() throws IOException {
        TicketsConfig t = load(HEAD + OFFICE + "tickets:\n  defaultDepartment: office\n  keyBytes: 32\n"
                + "  createRateLimit:\n    burst: 9\n").tickets().orElseThrow();

        assertThat(t.keyBytes()).isEqualTo(32);
        assertThat(t.createRateLimit()).isEqualTo(new ServerConfig.RateLimit(
                TicketsConfig.DEFAULT_CREATE_RATE_LIMIT.requestsPerMinute(), 9));
        assertThat(t.watchInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.fallback().connector()).isEqualTo("mail");
        assertThat(t.fallback().seeContact()).isFalse();
        assertThat(t.ticketUrl("WZ-20261127-0001")).as("no staff address, no link").isEmpty();
    }

    @Test
    void theStaffAddressMakesTheLinkToATicketInAdmin() throws IOException {
        TicketsConfig t = load(HEAD + OFFICE + "tickets:\n  defaultDepartment: office\n"
                + "  staffUrl: https://wenzheng.example.gov.cn/\n").tickets().orElseThrow();

        assertThat(t.staffUrl()).isEqualTo("https://wenzheng.example.gov.cn");
        assertThat(t.ticketUrl("WZ-20261127-0001")).hasValue("https://wenzheng.example.gov.cn/admin#tickets/WZ-20261127-0001");
    }

    @Test
    void theShippedConfigurationNamesTheLookupLimitsAndThePinLength() {
        TicketsConfig t = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty()).tickets().orElseThrow();

        assertThat(t.tracking()).isEqualTo(new TicketsConfig.Tracking(8, new ServerConfig.RateLimit(10, 5),
                new ServerConfig.RateLimit(2, 5)));
    }

    @Test
    void omittedLookupKeysTakeTheirDefaults() throws IOException {
        TicketsConfig t = load(HEAD + OFFICE + "tickets:\n  defaultDepartment: office\n  tracking:\n    pinDigits: 6\n"
                + "    perTicket:\n      requestsPerMinute: 1\n").tickets().orElseThrow();

        assertThat(t.tracking().pinDigits()).isEqualTo(6);
        assertThat(t.tracking().perClient()).isEqualTo(TicketsConfig.Tracking.DEFAULTS.perClient());
        assertThat(t.tracking().perTicket()).isEqualTo(new ServerConfig.RateLimit(1,
                TicketsConfig.Tracking.DEFAULTS.perTicket().burst()));
    }

    @Test
    void lookupMistakesAreReportedNamingTheKey() {
        String tickets = OFFICE + "tickets:\n  defaultDepartment: office\n  tracking:\n";
        assertRefused(tickets + "    pinDigits: 4\n", "tickets.tracking.pinDigits must be in [6,8], got 4");
        assertRefused(tickets + "    pinDigits: 9\n", "tickets.tracking.pinDigits must be in [6,8], got 9");
        assertRefused(tickets + "    perClient:\n      burst: 0\n",
                "tickets.tracking.perClient.burst must be at least 1, got 0");
        assertRefused(tickets + "    perTicket:\n      requestsPerMinute: 0\n",
                "tickets.tracking.perTicket.requestsPerMinute must be at least 1, got 0");
    }

    @Test
    void mistakesAreReportedNamingTheKey() {
        assertRefused(OFFICE, "tickets.defaultDepartment is missing: the id of the department that gets what no"
                + " rule routes");
        assertRefused(OFFICE + "tickets:\n  defaultDepartment: nowhere\n",
                "tickets.defaultDepartment must be the id of a department, got 'nowhere'");
        assertRefused(OFFICE + "tickets:\n  defaultDepartment: office\n  keyBytes: 8\n",
                "tickets.keyBytes must be in [16,64], got 8");
        assertRefused(OFFICE.replace("supervisor@wenzheng.local", "the boss") + "tickets:\n  defaultDepartment: office\n",
                "departments[0].supervisor must be an e-mail address, got 'the boss'");
        assertRefused(OFFICE + "    routing:\n      documents: [\"(unclosed\"]\ntickets:\n  defaultDepartment: office\n",
                "departments[0].routing.documents[0] is not a regular expression: Unclosed group");
        assertRefused(OFFICE + OFFICE.replace("departments:\n", "") + "tickets:\n  defaultDepartment: office\n",
                "departments: the id office is used twice");
        assertRefused(OFFICE + "tickets:\n  defaultDepartment: office\n  createRateLimit:\n    burst: 0\n",
                "tickets.createRateLimit.burst must be at least 1, got 0");
        assertRefused(OFFICE + "tickets:\n  defaultDepartment: office\n  staffUrl: wenzheng.example.gov.cn\n",
                "tickets.staffUrl must be an http or https address without query or fragment, such as"
                        + " https://wenzheng.example.gov.cn, got wenzheng.example.gov.cn");
    }
}
