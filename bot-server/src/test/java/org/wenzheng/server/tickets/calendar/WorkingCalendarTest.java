package org.wenzheng.server.tickets.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wenzheng.app.RepoRoot;

class WorkingCalendarTest {
    /** The file shipped in config/, as operators get it. */
    static final WorkingCalendar SHIPPED = WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"),
            "config/calendar.yaml");

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void theShippedFileHoldsThe2026ScheduleOfTheStateCouncil() {
        assertThat(SHIPPED.covers(2025)).isTrue();
        assertThat(SHIPPED.covers(2026)).isTrue();
        assertThat(SHIPPED.covers(2027)).isFalse();
        String[][] off = {
            {"2026-01-01", "2026-01-03", "元旦"}, {"2026-02-15", "2026-02-23", "春节"},
            {"2026-04-04", "2026-04-06", "清明节"}, {"2026-05-01", "2026-05-05", "劳动节"},
            {"2026-06-19", "2026-06-21", "端午节"}, {"2026-09-25", "2026-09-27", "中秋节"},
            {"2026-10-01", "2026-10-07", "国庆节"},
        };
        int holidays = 0;
        for (String[] h : off) {
            for (LocalDate day = d(h[0]); !day.isAfter(d(h[1])); day = day.plusDays(1)) {
                assertThat(SHIPPED.isWorkingDay(day)).as(day.toString()).isFalse();
                assertThat(SHIPPED.festivalOn(day)).contains(h[2]);
                holidays++;
            }
        }
        assertThat(holidays).isEqualTo(3 + 9 + 3 + 5 + 3 + 3 + 7);
        for (String w : new String[] {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                "2026-10-10"}) {
            LocalDate day = d(w);
            assertThat(day.getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(SHIPPED.isWorkingDay(day)).as(w).isTrue();
        }
        // 261 weekdays in 2026, 19 of them holidays, 6 make-up days: 248 working days.
        assertThat(SHIPPED.workingDaysBetween(d("2025-12-31"), d("2026-12-31"))).isEqualTo(248);
    }

    @ParameterizedTest(name = "received {0}, {1} working days -> {2}")
    @CsvSource({
        // Spring Festival 2026: Feb 14 (Sat) works, Feb 15-23 off, Feb 28 (Sat) works.
        "2026-02-13, 3, 2026-02-25",
        "2026-02-14, 3, 2026-02-26",
        "2026-02-15, 3, 2026-02-26",
        "2026-02-13, 1, 2026-02-14",
        "2026-02-13, 20, 2026-03-19",
        "2026-02-26, 2, 2026-02-28",
        // A request received on an ordinary Saturday: the third working day after it.
        "2026-03-07, 3, 2026-03-11",
        // National Day 2026: Sep 20 (Sun) works, Sep 25-27 and Oct 1-7 off, Oct 10 (Sat) works.
        "2026-09-18, 3, 2026-09-22",
        "2026-09-24, 3, 2026-09-30",
        "2026-09-30, 3, 2026-10-10",
        "2026-09-30, 4, 2026-10-12",
        // New Year 2026 reached from 2025: Jan 1-3 off, Jan 4 (Sun) works.
        "2025-12-31, 3, 2026-01-06",
        // Late 2025: National Day and Mid-Autumn Oct 1-8 off, Oct 11 (Sat) works.
        "2025-09-30, 3, 2025-10-11",
        // Zero days: the day itself; negative: backwards over the holiday.
        "2026-02-24, 0, 2026-02-24",
        "2026-02-24, -1, 2026-02-14",
        "2026-10-08, -1, 2026-09-30",
    })
    void countsWorkingDaysAcrossHolidaysAndMakeUpDays(String received, int n, String expected) {
        assertThat(SHIPPED.addWorkingDays(d(received), n)).isEqualTo(d(expected));
        assertThat(SHIPPED.workingDaysBetween(d(received), d(expected))).isEqualTo(n);
    }

    @Test
    void aYearTheFileDoesNotCoverCountsMondayToFridayAndIsReported() {
        WorkingCalendar c = WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"), "calendar.yaml");
        assertThat(c.uncoveredYearsAsked()).isEmpty();

        // 2027-01-01 (Friday) will surely be a holiday, but 2027 is not in the file yet.
        assertThat(c.addWorkingDays(d("2026-12-31"), 3)).isEqualTo(d("2027-01-05"));
        assertThat(c.isWorkingDay(d("2027-01-01"))).isTrue();

        assertThat(c.uncoveredYearsAsked()).containsExactly(2027);
        assertThat(c.startWarnings(d("2026-11-26"))).singleElement().asString()
                .contains("calendar.yaml has no holidays for 2027");
        assertThat(c.startWarnings(d("2025-06-01"))).isEmpty();
        assertThat(c.startWarnings(d("2027-03-01"))).hasSize(2);
    }

    @Test
    void refusesAbsurdCounts() {
        assertThatThrownBy(() -> SHIPPED.addWorkingDays(d("2026-01-01"), WorkingCalendar.MAX_WORKING_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    // Properties, over seeded random dates (no property-testing library: JUnit and a fixed seed keep
    // a failure reproducible; the seed and the case are in the message).

    private static final long SEED = 20261126L;
    private static final int CASES = 3000;

    private static LocalDate randomDay(Random r) {
        return d("2024-06-01").plusDays(r.nextInt(365 * 3 + 200));
    }

    @Test
    void addingWorkingDaysLandsOnAWorkingDayThatCountsBackToN() {
        Random r = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            LocalDate from = randomDay(r);
            int n = 1 + r.nextInt(60);
            LocalDate due = SHIPPED.addWorkingDays(from, n);
            String at = "seed " + SEED + " case " + i + ": " + from + " + " + n + " = " + due;
            assertThat(SHIPPED.isWorkingDay(due)).as(at).isTrue();
            assertThat(due).as(at).isAfter(from);
            assertThat(SHIPPED.workingDaysBetween(from, due)).as(at).isEqualTo(n);
            assertThat(SHIPPED.workingDaysBetween(due, from)).as(at).isEqualTo(-n);
            // Backwards, from is counted only when it is a working day itself.
            LocalDate back = SHIPPED.addWorkingDays(from, -n);
            assertThat(SHIPPED.isWorkingDay(back)).as(at).isTrue();
            assertThat(SHIPPED.workingDaysBetween(back, from)).as(at)
                    .isEqualTo(SHIPPED.isWorkingDay(from) ? n : n - 1);
        }
    }

    @Test
    void addingIsMonotonicAndAdditive() {
        Random r = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            LocalDate from = randomDay(r);
            int n = r.nextInt(40);
            int m = 1 + r.nextInt(40);
            String at = "seed " + (SEED + 1) + " case " + i + ": " + from + " n=" + n + " m=" + m;
            LocalDate afterN = SHIPPED.addWorkingDays(from, n);
            assertThat(SHIPPED.addWorkingDays(from, n + m)).as(at).isAfter(afterN)
                    .isEqualTo(SHIPPED.addWorkingDays(afterN, m));
        }
    }

    @Test
    void withoutHolidaysItIsAPlainMondayToFridayCount() {
        WorkingCalendar plain = WorkingCalendar.weekdaysOnly();
        Random r = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            LocalDate from = randomDay(r);
            LocalDate to = from.plusDays(r.nextInt(400));
            String at = "seed " + (SEED + 2) + " case " + i + ": " + from + ".." + to;
            int expected = weekdaysUpTo(to) - weekdaysUpTo(from);
            assertThat(plain.workingDaysBetween(from, to)).as(at).isEqualTo(expected);
            assertThat(plain.isWorkingDay(to)).as(at)
                    .isEqualTo(to.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue());
        }
    }

    /** Monday to Friday from Monday 1969-12-29 up to and including day: whole weeks, then the rest. */
    private static int weekdaysUpTo(LocalDate day) {
        long k = day.toEpochDay() + 3;
        return (int) (k / 7 * 5 + Math.min(k % 7 + 1, 5));
    }

    // Loading errors name the file, the field and the line.

    private static String errorOf(String yaml) {
        try {
            WorkingCalendar.parse(yaml, "cal.yaml");
        } catch (CalendarException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void aDateThatIsNotADateIsReportedWithItsLineAndField() {
        assertThat(errorOf("""
                2026:
                  holidays:
                    - name: 元旦
                      from: 2026-01-01
                      to: 2026-01-32
                """)).isEqualTo("cal.yaml: 2026.holidays[0].to: '2026-01-32' is not a date: write yyyy-MM-dd,"
                        + " like 2026-10-01 (line 5)");
    }

    @Test
    void aHolidayAlsoListedAsMakeUpDayIsRefused() {
        assertThat(errorOf("""
                2026:
                  holidays:
                    - name: 春节
                      from: 2026-02-14
                      to: 2026-02-16
                  workdays:
                    - name: 春节
                      date: 2026-02-14
                """)).isEqualTo("cal.yaml: 2026.workdays[0]: 2026-02-14 is listed both as a holiday and as a"
                        + " make-up working day (also at line 4) (line 8)");
    }

    @Test
    void aMakeUpDayOnAWeekdayIsRefused() {
        assertThat(errorOf("""
                2026:
                  workdays:
                    - name: 春节
                      date: 2026-02-13
                """)).isEqualTo("cal.yaml: 2026.workdays[0].date: 2026-02-13 is a Friday: a make-up working day"
                        + " (调休) must be a Saturday or Sunday (line 4)");
    }

    @Test
    void aDateListedTwiceIsRefused() {
        assertThat(errorOf("""
                2026:
                  holidays:
                    - name: 中秋节
                      from: 2026-09-25
                      to: 2026-09-27
                    - name: 国庆节
                      from: 2026-09-27
                      to: 2026-10-07
                """)).isEqualTo("cal.yaml: 2026.holidays[1]: duplicate date 2026-09-27 (also at line 4) (line 7)");
    }

    @Test
    void anUnknownKeyIsReportedWithItsLineAndTheKnownKeys() {
        assertThat(errorOf("""
                2026:
                  source: 通知
                  holiday:
                    - name: 元旦
                      date: 2026-01-01
                """)).startsWith("cal.yaml: unknown key 2026.holiday (line 3)")
                .endsWith("known keys here: holidays, source, workdays");
        assertThat(errorOf("""
                2026:
                  holidays:
                    - name: 元旦
                      day: 2026-01-01
                """)).startsWith("cal.yaml: unknown key 2026.holidays[0].day (line 4)");
        assertThat(errorOf("holidays: []\n")).startsWith("cal.yaml: top-level keys must be years like 2027");
    }

    @Test
    void otherMistakesAreRefusedWithTheirField() {
        assertThat(errorOf("2026:\n  holidays:\n    - date: 2026-01-01\n"))
                .isEqualTo("cal.yaml: 2026.holidays[0].name: is missing: name the festival (元旦, 春节 …) (line 3)");
        assertThat(errorOf("2026:\n  holidays:\n    - name: 元旦\n      from: 2026-01-03\n      to: 2026-01-01\n"))
                .isEqualTo("cal.yaml: 2026.holidays[0].to: 2026-01-01 is before from 2026-01-03 (line 5)");
        assertThat(errorOf("2026:\n  holidays:\n    - name: 元旦\n      from: 2026-01-01\n      to: 2026-03-01\n"))
                .contains("longer than 15 days");
        assertThat(errorOf("2026:\n  holidays:\n    - name: 元旦\n      from: 2026-01-01\n"))
                .contains("2026.holidays[0]: needs date, or both from and to (line 4)");
        assertThat(errorOf("2026:\n  holidays:\n    - name: 国庆节\n      date: 2027-10-01\n"))
                .contains("2027-10-01 is not in 2026");
        assertThat(errorOf("2026:\n  source: x\n")).contains("2026: needs holidays");
        assertThat(errorOf("2026:\n  holidays:\n    - name: [a, b]\n      date: 2026-01-01\n"))
                .contains("2026.holidays[0].name").contains("(line 3)");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> WorkingCalendar.load(Path.of("/nonexistent/calendar.yaml"), "config/calendar.yaml"))
                .isInstanceOf(CalendarException.class).hasMessage("config/calendar.yaml: calendar file not found");
    }

    @Test
    void aScheduleMayReachIntoTheNeighbouringDecember() {
        // 2019: 元旦 Dec 30 2018 - Jan 1 2019, with Dec 29 2018 (Sat) worked.
        WorkingCalendar c = WorkingCalendar.parse("""
                2019:
                  holidays:
                    - name: 元旦
                      from: 2018-12-30
                      to: 2019-01-01
                  workdays:
                    - name: 元旦
                      date: 2018-12-29
                """, "cal.yaml");
        assertThat(c.isWorkingDay(d("2018-12-29"))).isTrue();
        assertThat(c.isWorkingDay(d("2018-12-31"))).isFalse();
        assertThat(c.addWorkingDays(d("2018-12-28"), 1)).isEqualTo(d("2018-12-29"));
        assertThat(c.addWorkingDays(d("2018-12-29"), 1)).isEqualTo(d("2019-01-02"));
    }
}
