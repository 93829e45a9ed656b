package org.wenzheng.server.tickets.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time limits of tickets, in working days on a {@link WorkingCalendar}, and the arithmetic on
 * them. Pure: the ticket's state (has it been extended already?) comes in as arguments, nothing is
 * stored here, so the same rules serve the ticket desk, the reminder job and the reports.
 *
 * <p>Defaults follow 政府信息公开条例 (2019) for 依申请公开 (disclosure): 20 working days from
 * receipt (Art. 33), one extension of at most 20 (Art. 33), a 补正 (correction) notice within 7
 * working days of receipt (Art. 30) which stops the clock until the completed request arrives,
 * when the full period starts again. The 诉求类型 follow common 12345 and letter-box practice (the
 * sample 政府信息公开办法 Art. 30–31 says the same): 咨询 3 working days, 建议 and 求助 10, 投诉 and
 * 举报 13, no extension, no correction.
 *
 * @param calendar           the working days
 * @param limits             every type's limits
 * @param reminderDaysBefore a reminder (催办) goes to the officer this many working days before the
 *                           deadline; 0 reminds on the deadline's day itself
 */
public record DeadlineRules(WorkingCalendar calendar, Map<TicketType, Limits> limits, int reminderDaysBefore) {

    /** Receipt days are Beijing dates (Art. 31: an online request is received the day it arrives). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Limits above this are no longer a time limit (a year and a half of working days). */
    static final int MAX_DAYS = 365;

    /** The 12345 practice for consultations: 3 working days, no extension, no correction. */
    public static final Limits DEFAULT_CONSULTATION = new Limits(3, 0, 0);
    /** 政府信息公开条例 Art. 33 and Art. 30: 20 working days, one extension of 20, correction within 7. */
    public static final Limits DEFAULT_DISCLOSURE = new Limits(20, 20, 7);
    /** A day ahead: the officer still has a working day to answer. */
    public static final int DEFAULT_REMINDER_DAYS_BEFORE = 1;

    /**
     * One ticket type's limits, in working days.
     *
     * @param answerDays           the answer is due this many working days after receipt
     * @param maxExtensionDays     the one extension adds at most this many; 0: no extension allowed
     * @param correctionWithinDays a 补正 notice may be sent at most this many working days after
     *                             receipt; 0: the type has no correction procedure
     */
    public record Limits(int answerDays, int maxExtensionDays, int correctionWithinDays) {
        public Limits {
            if (answerDays < 1 || answerDays > MAX_DAYS) {
                throw new IllegalArgumentException("answerDays must be in [1," + MAX_DAYS + "], got " + answerDays);
            }
            if (maxExtensionDays < 0 || maxExtensionDays > MAX_DAYS) {
                throw new IllegalArgumentException("maxExtensionDays must be in [0," + MAX_DAYS + "], got "
                        + maxExtensionDays);
            }
            if (correctionWithinDays < 0 || correctionWithinDays > answerDays) {
                throw new IllegalArgumentException("correctionWithinDays must be in [0,answerDays], got "
                        + correctionWithinDays);
            }
        }
    }

    public DeadlineRules {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(limits, "limits");
        EnumMap<TicketType, Limits> copy = new EnumMap<>(TicketType.class);
        copy.putAll(limits);
        for (TicketType t : TicketType.values()) {
            if (copy.get(t) == null) {
                throw new IllegalArgumentException(t.dbName() + ": no limits given");
            }
        }
        limits = Collections.unmodifiableMap(copy);
        int shortest = copy.values().stream().mapToInt(Limits::answerDays).min().orElseThrow();
        if (reminderDaysBefore < 0 || reminderDaysBefore >= shortest) {
            throw new IllegalArgumentException("reminderDaysBefore must be in [0," + (shortest - 1)
                    + "] (below every type's answerDays), got " + reminderDaysBefore);
        }
    }

    /** The default limits of each type, as this class's comment gives them. */
    public static Map<TicketType, Limits> defaultLimits() {
        EnumMap<TicketType, Limits> m = new EnumMap<>(TicketType.class);
        m.put(TicketType.CONSULTATION, DEFAULT_CONSULTATION);
        m.put(TicketType.SUGGESTION, new Limits(10, 0, 0));
        m.put(TicketType.COMPLAINT, new Limits(13, 0, 0));
        m.put(TicketType.HELP, new Limits(10, 0, 0));
        m.put(TicketType.TIPOFF, new Limits(13, 0, 0));
        m.put(TicketType.DISCLOSURE, DEFAULT_DISCLOSURE);
        return m;
    }

    /** The default limits on this calendar. */
    public static DeadlineRules defaults(WorkingCalendar calendar) {
        return new DeadlineRules(calendar, defaultLimits(), DEFAULT_REMINDER_DAYS_BEFORE);
    }

    /** The limits of a type. */
    public Limits limits(TicketType type) {
        return limits.get(Objects.requireNonNull(type, "type"));
    }

    /** The receipt day of a request that arrived online at this instant: its date in Beijing (Art. 31). */
    public static LocalDate receiptDay(Instant receivedAt) {
        return receivedAt.atZone(ZONE).toLocalDate();
    }

    /**
     * The last day to answer a request received on this day. The receipt day itself never counts.
     * Also the new deadline after a 补正: pass the day the completed request arrived, and the full
     * period runs again (Art. 30).
     */
    public LocalDate deadline(TicketType type, LocalDate received) {
        return calendar.addWorkingDays(received, limits(type).answerDays());
    }

    /**
     * The deadline after the one extension (Art. 33).
     *
     * @param deadline          the current deadline
     * @param extendedSoFar     working days the ticket was already extended by (0: never)
     * @param days              working days to add, at least 1
     * @throws IllegalArgumentException when the type allows no extension, the ticket was already
     *                                  extended, or days exceeds the type's maximum
     */
    public LocalDate extended(TicketType type, LocalDate deadline, int extendedSoFar, int days) {
        Objects.requireNonNull(deadline, "deadline");
        int max = limits(type).maxExtensionDays();
        if (max == 0) {
            throw new IllegalArgumentException(type.dbName() + " tickets cannot be extended");
        }
        if (extendedSoFar > 0) {
            throw new IllegalArgumentException("the ticket was already extended by " + extendedSoFar
                    + " working days; only one extension is allowed");
        }
        if (days < 1 || days > max) {
            throw new IllegalArgumentException("an extension must be 1 to " + max + " working days, got " + days);
        }
        return calendar.addWorkingDays(deadline, days);
    }

    /**
     * The last day a 补正 (correction) notice may be sent for a request received on this day (Art. 30).
     *
     * @throws IllegalArgumentException when the type has no correction procedure
     */
    public LocalDate correctionDeadline(TicketType type, LocalDate received) {
        int within = limits(type).correctionWithinDays();
        if (within == 0) {
            throw new IllegalArgumentException(type.dbName() + " tickets have no correction (补正) procedure");
        }
        return calendar.addWorkingDays(received, within);
    }

    /** The day the officer is reminded (催办): {@link #reminderDaysBefore} working days before the deadline. */
    public LocalDate reminderDay(LocalDate deadline) {
        return calendar.addWorkingDays(deadline, -reminderDaysBefore);
    }

    /** Whether a ticket still unanswered on {@code today} is late: its deadline has passed. */
    public static boolean isOverdue(LocalDate deadline, LocalDate today) {
        return today.isAfter(deadline);
    }
}
