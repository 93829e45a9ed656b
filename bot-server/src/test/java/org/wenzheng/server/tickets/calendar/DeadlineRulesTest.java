package org.wenzheng.server.tickets.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeadlineRulesTest {
    private final DeadlineRules rules = DeadlineRules.defaults(WorkingCalendarTest.SHIPPED);

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void consultationsAreDueInThreeWorkingDaysAndDisclosuresInTwenty() {
        // Received the Friday before the Spring Festival: the make-up Saturday counts, the week off not.
        assertThat(rules.deadline(TicketType.CONSULTATION, d("2026-02-13"))).isEqualTo(d("2026-02-25"));
        assertThat(rules.deadline(TicketType.DISCLOSURE, d("2026-02-13"))).isEqualTo(d("2026-03-19"));
        // Received the day before National Day: due on the make-up Saturday Oct 10.
        assertThat(rules.deadline(TicketType.CONSULTATION, d("2026-09-30"))).isEqualTo(d("2026-10-10"));
    }

    @Test
    void theReceiptDayIsTheBeijingDate() {
        // 17:30 UTC on Nov 26 is 01:30 on Nov 27 in Beijing.
        assertThat(DeadlineRules.receiptDay(Instant.parse("2026-11-26T17:30:00Z"))).isEqualTo(d("2026-11-27"));
        assertThat(DeadlineRules.receiptDay(Instant.parse("2026-11-26T15:59:59Z"))).isEqualTo(d("2026-11-26"));
    }

    @Test
    void oneExtensionOfAtMostTwentyWorkingDays() {
        LocalDate deadline = d("2026-09-22");
        // 20 working days after Sep 22, over the holidays of Sep 25-27 and Oct 1-7, with Oct 10 worked.
        assertThat(rules.extended(TicketType.DISCLOSURE, deadline, 0, 20)).isEqualTo(d("2026-10-27"));
        assertThat(rules.extended(TicketType.DISCLOSURE, deadline, 0, 1)).isEqualTo(d("2026-09-23"));
        assertThatThrownBy(() -> rules.extended(TicketType.DISCLOSURE, deadline, 0, 21))
                .hasMessage("an extension must be 1 to 20 working days, got 21");
        assertThatThrownBy(() -> rules.extended(TicketType.DISCLOSURE, deadline, 0, 0))
                .hasMessage("an extension must be 1 to 20 working days, got 0");
        assertThatThrownBy(() -> rules.extended(TicketType.DISCLOSURE, deadline, 5, 5))
                .hasMessageContaining("only one extension is allowed");
        assertThatThrownBy(() -> rules.extended(TicketType.CONSULTATION, deadline, 0, 1))
                .hasMessage("consultation tickets cannot be extended");
    }

    @Test
    void aCorrectionIsAskedWithinSevenWorkingDaysAndRestartsTheFullPeriod() {
        LocalDate received = d("2026-09-29");
        // Sep 30 (1), Oct 8, 9, 10 (Sat, worked), 12, 13, 14 (7).
        assertThat(rules.correctionDeadline(TicketType.DISCLOSURE, received)).isEqualTo(d("2026-10-14"));
        assertThatThrownBy(() -> rules.correctionDeadline(TicketType.CONSULTATION, received))
                .hasMessageContaining("no correction");
        // The completed request arrives Oct 20: 20 full working days from then.
        assertThat(rules.deadline(TicketType.DISCLOSURE, d("2026-10-20"))).isEqualTo(d("2026-11-17"));
    }

    @Test
    void theReminderComesTheWorkingDayBeforeTheDeadline() {
        assertThat(rules.reminderDay(d("2026-02-24"))).isEqualTo(d("2026-02-14"));
        assertThat(rules.reminderDay(d("2026-10-08"))).isEqualTo(d("2026-09-30"));
        DeadlineRules sameDay = new DeadlineRules(rules.calendar(), rules.limits(), 0);
        assertThat(sameDay.reminderDay(d("2026-10-08"))).isEqualTo(d("2026-10-08"));
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new DeadlineRules.Limits(0, 0, 0)).hasMessage("answerDays must be in [1,365], got 0");
        assertThatThrownBy(() -> new DeadlineRules.Limits(3, -1, 0)).hasMessageContaining("maxExtensionDays");
        assertThatThrownBy(() -> new DeadlineRules.Limits(3, 0, 4)).hasMessageContaining("correctionWithinDays");
        assertThatThrownBy(() -> new DeadlineRules(rules.calendar(), rules.limits(), 3))
                .hasMessage("reminderDaysBefore must be in [0,2] (below every type's answerDays), got 3");
    }

    @Test
    void ticketTypesHaveTheirDatabaseNames() {
        assertThat(TicketType.of("disclosure")).isEqualTo(TicketType.DISCLOSURE);
        assertThat(TicketType.CONSULTATION.dbName()).isEqualTo("consultation");
        assertThat(TicketType.of("complaint")).isEqualTo(TicketType.COMPLAINT);
        assertThat(TicketType.of("举报")).isEqualTo(TicketType.TIPOFF);
        assertThatThrownBy(() -> TicketType.of("praise")).hasMessageContaining("consultation、suggestion、complaint");
    }

    @Test
    void eachRequestTypeHasTheAnswerDaysOfHotlineAndLetterPractice() {
        // Received Monday Nov 30, 2026: 3, 10 and 13 working days later.
        assertThat(rules.deadline(TicketType.CONSULTATION, d("2026-11-30"))).isEqualTo(d("2026-12-03"));
        assertThat(rules.deadline(TicketType.SUGGESTION, d("2026-11-30"))).isEqualTo(d("2026-12-14"));
        assertThat(rules.deadline(TicketType.HELP, d("2026-11-30"))).isEqualTo(d("2026-12-14"));
        assertThat(rules.deadline(TicketType.COMPLAINT, d("2026-11-30"))).isEqualTo(d("2026-12-17"));
        assertThat(rules.deadline(TicketType.TIPOFF, d("2026-11-30"))).isEqualTo(d("2026-12-17"));
        assertThatThrownBy(() -> rules.extended(TicketType.COMPLAINT, d("2026-12-17"), 0, 1))
                .hasMessage("complaint tickets cannot be extended");
    }

    @Test
    void everyTypeNeedsItsLimits() {
        java.util.Map<TicketType, DeadlineRules.Limits> missing = new java.util.EnumMap<>(rules.limits());
        missing.remove(TicketType.HELP);
        assertThatThrownBy(() -> new DeadlineRules(rules.calendar(), missing, 1)).hasMessage("help: no limits given");
    }

    @Test
    void overdueMeansTheDeadlineHasPassed() {
        assertThat(DeadlineRules.isOverdue(d("2026-11-26"), d("2026-11-26"))).isFalse();
        assertThat(DeadlineRules.isOverdue(d("2026-11-26"), d("2026-11-27"))).isTrue();
    }
}
