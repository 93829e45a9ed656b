package org.wenzheng.server.tickets.calendar;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official working-day calendar (工作日): Monday to Friday, except the public holidays the State
 * Council announces each year, plus the make-up working days (调休) it moves onto weekends. Legal time
 * limits (政府信息公开条例 Art. 33: 20 working days) and the hotline's limits count on it.
 *
 * <p>Loaded once from {@code config/calendar.yaml}, which an operator extends every year when the
 * State Council publishes the next year's schedule (usually in November or December). A day in a
 * year the file does not cover counts as Monday–Friday only: deadlines are still computed, but may
 * fall on a holiday, so the calendar remembers every uncovered year it was asked about
 * ({@link #uncoveredYearsAsked()}) and logs a warning the first time, and {@link #startWarnings}
 * names the current and next year when missing, for the server to log at start.
 *
 * <p>Immutable schedule; safe for use by any number of threads.
 */
public final class WorkingCalendar {
    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    /**
     * Most working days one call may add or count: about 40 years. A deadline is weeks away; a
     * larger number is a bug, and refusing it keeps a loop over days bounded.
     */
    public static final int MAX_WORKING_DAYS = 10_000;

    private final String source;
    private final Map<LocalDate, SpecialDay> specialDays;
    private final Set<Integer> coveredYears;
    private final Set<Integer> uncoveredAsked = ConcurrentHashMap.newKeySet();

    /** A day the schedule moves: a public holiday on a weekday, or a make-up working day on a weekend. */
    record SpecialDay(boolean working, String name) {
        SpecialDay {
            Objects.requireNonNull(name, "name");
        }
    }

    WorkingCalendar(String source, Map<LocalDate, SpecialDay> specialDays, Set<Integer> coveredYears) {
        this.source = Objects.requireNonNull(source, "source");
        this.specialDays = Map.copyOf(specialDays);
        this.coveredYears = Set.copyOf(coveredYears);
    }

    /**
     * Reads and checks a calendar file.
     *
     * @param file    the file
     * @param shownAs how to name the file in messages, as the operator would recognise it
     * @throws CalendarException naming the file, the field and the line of the first problem
     */
    public static WorkingCalendar load(Path file, String shownAs) {
        return CalendarFile.load(file, shownAs);
    }

    /**
     * Parses calendar text (as in the file).
     *
     * @param shownAs how to name the text in messages
     * @throws CalendarException naming the field and the line of the first problem
     */
    public static WorkingCalendar parse(String yaml, String shownAs) {
        return CalendarFile.parse(yaml, shownAs);
    }

    /**
     * A calendar that covers no year: every Monday to Friday is a working day. For a configuration
     * without a calendar file (tests, a first try) — it warns like any uncovered year.
     */
    public static WorkingCalendar weekdaysOnly() {
        return new WorkingCalendar("(no calendar file)", Map.of(), Set.of());
    }

    /** Whether the file holds the State Council's schedule for this year. */
    public boolean covers(int year) {
        return coveredYears.contains(year);
    }

    /** Whether people work on this day: Monday–Friday unless a holiday, or a make-up working day. */
    public boolean isWorkingDay(LocalDate day) {
        Objects.requireNonNull(day, "day");
        noteIfUncovered(day.getYear());
        SpecialDay special = specialDays.get(day);
        if (special != null) {
            return special.working();
        }
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The n-th working day after {@code from}; {@code from} itself never counts, whether it is a
     * working day or not, so a request received on a Saturday with n = 3 is due on the third working
     * day after that Saturday. A negative n counts backwards (the n-th working day before); 0 gives
     * {@code from} unchanged.
     *
     * @throws IllegalArgumentException when |n| exceeds {@link #MAX_WORKING_DAYS}
     */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        Objects.requireNonNull(from, "from");
        if (Math.abs((long) n) > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days must be at most " + MAX_WORKING_DAYS + " either way, got "
                    + n);
        }
        int step = n < 0 ? -1 : 1;
        LocalDate day = from;
        for (int left = Math.abs(n); left > 0;) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * The working days after {@code from} up to and including {@code to}: how many working days
     * {@code to} is after {@code from} in the sense of {@link #addWorkingDays}, so that
     * {@code workingDaysBetween(d, addWorkingDays(d, n)) == n}. Negative when {@code to} is before
     * {@code from}; 0 for the same day (an answer given on the day of receipt took 0 working days).
     *
     * @throws IllegalArgumentException when the dates are more than about 40 years apart
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return -countAfter(to, from);
        }
        return countAfter(from, to);
    }

    private int countAfter(LocalDate from, LocalDate to) {
        if (to.toEpochDay() - from.toEpochDay() > MAX_WORKING_DAYS * 2L) {
            throw new IllegalArgumentException("dates too far apart: " + from + " and " + to);
        }
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The name of the holiday or make-up day on this date ("春节"), or empty for an ordinary day. */
    public Optional<String> festivalOn(LocalDate day) {
        SpecialDay s = specialDays.get(Objects.requireNonNull(day, "day"));
        return s == null ? Optional.empty() : Optional.of(s.name());
    }

    /** The years the file covers, ascending. */
    public SortedSet<Integer> coveredYears() {
        return new TreeSet<>(coveredYears);
    }

    /** The years outside the file that someone asked about since start, ascending. */
    public SortedSet<Integer> uncoveredYearsAsked() {
        return new TreeSet<>(uncoveredAsked);
    }

    /**
     * Warnings for the server to log at start: the current year or the next one missing from the
     * file. The next year's schedule appears in November or December; until it is added, deadlines
     * reaching into that year count Monday–Friday only.
     */
    public List<String> startWarnings(LocalDate today) {
        List<String> out = new ArrayList<>();
        for (int year : new int[] {today.getYear(), today.getYear() + 1}) {
            if (!covers(year)) {
                out.add(source + " has no holidays for " + year + ": deadlines in " + year
                        + " count Monday to Friday only. Add " + year + "'s schedule (国务院办公厅关于" + year
                        + "年部分节假日安排的通知) once it is published, usually in November or December, and restart.");
            }
        }
        return out;
    }

    private void noteIfUncovered(int year) {
        if (!coveredYears.contains(year) && uncoveredAsked.add(year)) {
            log.warn("{} has no holidays for {}: counting Monday to Friday only for days in {}", source, year, year);
        }
    }

    @Override
    public String toString() {
        return "WorkingCalendar[" + source + ", years " + coveredYears() + "]";
    }
}
