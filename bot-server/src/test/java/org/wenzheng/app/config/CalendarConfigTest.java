package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.reports.ReportsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/** The calendar:, deadlines: and reports: parts of wenzheng.yaml. */
class CalendarConfigTest {
    private static final String HEAD = "data: state\nknowledge:\n  sources: [docs]\n";

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return Files.writeString(dir.resolve("w.yaml"), yaml);
    }

    private AppConfig load(Path file) {
        return AppConfig.load(file, "conf/w.yaml", Optional.empty());
    }

    @Test
    void theShippedConfigurationCountsOnTheShippedCalendarWithTheLegalLimits() {
        AppConfig c = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty());

        assertThat(c.calendar().covers(2026)).isTrue();
        assertThat(c.calendar().isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
        DeadlineRules d = c.deadlines();
        assertThat(d.calendar()).isSameAs(c.calendar());
        assertThat(d.limits(TicketType.CONSULTATION)).isEqualTo(DeadlineRules.DEFAULT_CONSULTATION);
        assertThat(d.limits(TicketType.DISCLOSURE)).isEqualTo(new DeadlineRules.Limits(20, 20, 7));
        assertThat(d.reminderDaysBefore()).isEqualTo(1);
    }

    @Test
    void withoutACalendarMondayToFridayCountAndTheDefaultLimitsApply() throws IOException {
        AppConfig c = load(write(HEAD));

        assertThat(c.calendar().coveredYears()).isEmpty();
        assertThat(c.calendar().startWarnings(LocalDate.parse("2026-11-26"))).hasSize(2);
        assertThat(c.deadlines()).isEqualTo(DeadlineRules.defaults(c.calendar()));
    }

    @Test
    void omittedDeadlineKeysKeepTheirDefaults() throws IOException {
        AppConfig c = load(write(HEAD + "deadlines:\n  consultation:\n    answerDays: 5\n"));

        assertThat(c.deadlines().limits(TicketType.CONSULTATION)).isEqualTo(new DeadlineRules.Limits(5, 0, 0));
        assertThat(c.deadlines().limits(TicketType.DISCLOSURE)).isEqualTo(DeadlineRules.DEFAULT_DISCLOSURE);
        assertThat(c.deadlines().reminderDaysBefore()).isEqualTo(1);
    }

    @Test
    void aCalendarErrorNamesTheCalendarFileBesideTheConfigurationAndTheLine() throws IOException {
        Files.writeString(dir.resolve("cal.yaml"), "2026:\n  workdays:\n    - name: 春节\n      date: 2026-02-13\n");
        Path file = write(HEAD + "calendar: cal.yaml\n");

        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessage("conf/cal.yaml: 2026.workdays[0].date: 2026-02-13 is a Friday: a make-up working day"
                        + " (调休) must be a Saturday or Sunday (line 4)");
    }

    @Test
    void aMissingCalendarFileIsNamed() throws IOException {
        Path file = write(HEAD + "calendar: nowhere.yaml\n");

        assertThatThrownBy(() -> load(file)).hasMessageStartingWith("conf/w.yaml: calendar names a file that does "
                + "not exist");
    }

    @Test
    void badDeadlineValuesAreRejectedUnderTheirKey() throws IOException {
        Path zero = write(HEAD + "deadlines:\n  disclosure:\n    answerDays: 0\n");
        assertThatThrownBy(() -> load(zero))
                .hasMessage("conf/w.yaml: deadlines.disclosure.answerDays must be in [1,365], got 0");

        Path correction = write(HEAD + "deadlines:\n  consultation:\n    correctionWithinDays: 4\n");
        assertThatThrownBy(() -> load(correction))
                .hasMessage("conf/w.yaml: deadlines.consultation.correctionWithinDays must be in [0,answerDays],"
                        + " got 4");

        Path reminder = write(HEAD + "deadlines:\n  reminderDaysBefore: 3\n");
        assertThatThrownBy(() -> load(reminder)).hasMessageStartingWith(
                "conf/w.yaml: deadlines.reminderDaysBefore must be in [0,2]");

        Path unknown = write(HEAD + "deadlines:\n  disclosure:\n    extensionDays: 20\n");
        assertThatThrownBy(() -> load(unknown)).hasMessageStartingWith(
                "conf/w.yaml: unknown key deadlines.disclosure.extensionDays (line 6)");

        Path text = write(HEAD + "deadlines:\n  disclosure:\n    answerDays: twenty\n");
        assertThatThrownBy(() -> load(text)).hasMessageStartingWith(
                "conf/w.yaml: deadlines.disclosure.answerDays must be a whole number, got 'twenty'");
    }

    @Test
    void theReportPeriodLimitIsReadAndChecked() throws IOException {
        assertThat(load(write(HEAD)).reports()).isEqualTo(ReportsConfig.DEFAULTS);
        assertThat(load(write(HEAD + "reports:\n  maxPeriodDays: 31\n")).reports().maxPeriodDays()).isEqualTo(31);

        Path zero = write(HEAD + "reports:\n  maxPeriodDays: 0\n");
        assertThatThrownBy(() -> load(zero))
                .hasMessage("conf/w.yaml: reports.maxPeriodDays must be in [1,3660], got 0");
    }
}
