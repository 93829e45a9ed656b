package org.wenzheng.server.satisfaction;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.AnswerRating;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * 满意度评价 and 回访: a citizen rates an answer once (a 不满意 reopens the ticket to its
 * department's supervisor once, a second one closes it as 不满意); the figures by department for a
 * period (answers rated each way and unrated); the follow-up list of answered 投诉 and 求助 and the
 * outcomes of the call-backs. Its methods block (JDBC): call them on worker threads.
 */
public final class SatisfactionService {
    /** The last round of rating: the answer after one reopening. */
    static final int LAST_ROUND = 2;

    private final Database database;
    private final TicketService tickets;
    private final SatisfactionConfig config;
    private final WorkingCalendar calendar;
    private final Clock clock;
    private final SatisfactionStore store = new SatisfactionStore();

    public SatisfactionService(Database database, TicketService tickets, SatisfactionConfig config,
            WorkingCalendar calendar, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.config = Objects.requireNonNull(config, "config");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SatisfactionConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ 满意度评价

    /** What a rating did: the ticket's status after it, and whether it was reopened or closed. */
    public record Rated(String code, Rating rating, String status, AnswerRating.Effect effect) {
    }

    /**
     * Rates the ticket's current answer; the caller has checked the citizen's key (or contact).
     *
     * @throws AnswerRating.Refused when the ticket is not answered or its answer was rated already
     */
    public Rated rate(String code, Rating rating, String comment) {
        Objects.requireNonNull(rating, "rating");
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        String detail = rating.label() + (text == null ? "" : "：" + text);
        TicketService.Rated r = tickets.rate(code, detail, text, (c, t) -> {
            List<SatisfactionStore.StoredRating> before = store.ratings(c, code);
            boolean thisAnswer = before.stream().anyMatch(b -> b.answeredAt().equals(t.answeredAt()));
            if (thisAnswer || before.size() >= LAST_ROUND) {
                throw new AnswerRating.Refused("您已经评价过这次答复，每次答复只能评价一次");
            }
            store.insertRating(c, new SatisfactionStore.StoredRating(code, before.size() + 1, t.answeredAt(), rating,
                    text, SqlTimes.micros(clock.instant())));
            if (rating != Rating.UNSATISFIED) {
                return AnswerRating.Effect.NONE;
            }
            return before.isEmpty() ? AnswerRating.Effect.REOPEN : AnswerRating.Effect.CLOSE;
        });
        return new Rated(code, rating, r.ticket().status().id(), r.effect());
    }

    /**
     * The ratings of one department's answers in a period: tickets whose answer was given then,
     * counted by their latest rating ({@code unrated}: none yet); {@code reopened} of them were
     * reopened by a 不满意.
     */
    public record Counts(String department, int satisfied, int basic, int unsatisfied, int unrated, int reopened) {
        Counts add(SatisfactionStore.AnsweredTicket t) {
            Rating r = t.latest();
            return new Counts(department, satisfied + (r == Rating.SATISFIED ? 1 : 0), basic + (r == Rating.BASIC ? 1 : 0),
                    unsatisfied + (r == Rating.UNSATISFIED ? 1 : 0), unrated + (r == null ? 1 : 0),
                    reopened + (t.reopened() ? 1 : 0));
        }

        public int answered() {
            return satisfied + basic + unsatisfied + unrated;
        }
    }

    /** The figures of a period: all departments together, and each department that answered. */
    public record Figures(Counts total, List<Counts> departments) {
    }

    /**
     * 满意度 of the answers given in [from, to) (Beijing dates), by department: what the reports call.
     *
     * @throws IllegalArgumentException when to is not after from
     */
    public Figures counts(LocalDate from, LocalDate to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from, got " + from + " and " + to);
        }
        Instant start = from.atStartOfDay(DeadlineRules.ZONE).toInstant();
        Instant end = to.atStartOfDay(DeadlineRules.ZONE).toInstant();
        List<SatisfactionStore.AnsweredTicket> answered = database.inTransaction(c -> store.answered(c, start, end));
        Counts total = new Counts(null, 0, 0, 0, 0, 0);
        Map<String, Counts> byDepartment = new LinkedHashMap<>();
        for (SatisfactionStore.AnsweredTicket t : answered) {
            total = total.add(t);
            byDepartment.put(t.department(), byDepartment.getOrDefault(t.department(),
                    new Counts(t.department(), 0, 0, 0, 0, 0)).add(t));
        }
        List<Counts> departments = new ArrayList<>(byDepartment.values());
        departments.sort(java.util.Comparator.comparing(Counts::department));
        return new Figures(total, departments);
    }

    // ------------------------------------------------------------------ 回访

    /** A call-back as recorded. */
    public record Call(boolean reached, Boolean satisfied, String note, String recordedBy, Instant recordedAt) {
    }

    /**
     * An answered ticket on the follow-up list until {@code showUntil} (its answer day plus
     * {@code satisfaction.followUpWorkingDays} working days), with the call-backs recorded so far.
     */
    public record FollowUp(String code, TicketType type, String department, String title, String question,
            String phone, Instant answeredAt, String answer, LocalDate showUntil, List<Call> calls) {
    }

    /**
     * The follow-up list (回访名单) today: answered tickets of the follow-up types whose answer is at
     * most {@code followUpWorkingDays} working days old, newest answer first.
     *
     * @param department only this department's (an officer of one department), or null for all
     */
    public List<FollowUp> followUps(String department) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), DeadlineRules.ZONE);
        int days = config.followUpWorkingDays();
        // One working day more than the window, so that an answer given on a weekend is not missed.
        Instant since = calendar.addWorkingDays(today, -(days + 1)).atStartOfDay(DeadlineRules.ZONE).toInstant();
        List<String> types = config.followUpTypes().stream().map(TicketType::dbName).sorted().toList();
        return database.inTransaction(c -> {
            List<FollowUp> out = new ArrayList<>();
            for (SatisfactionStore.FollowUpTicket t : store.followUpCandidates(c, types, since)) {
                LocalDate until = calendar.addWorkingDays(DeadlineRules.receiptDay(t.answeredAt()), days);
                if (today.isAfter(until) || (department != null && !department.equals(t.department()))) {
                    continue;
                }
                List<Call> calls = store.calls(c, t.code()).stream().map(k -> new Call(k.reached(), k.satisfied(),
                        k.note(), k.recordedBy(), k.recordedAt())).toList();
                out.add(new FollowUp(t.code(), TicketType.of(t.type()), t.department(), t.title(), t.question(),
                        t.consent() ? t.phone() : null, t.answeredAt(), t.answer(), until, calls));
            }
            return out;
        });
    }

    /** Why a call-back cannot be recorded for a ticket. */
    public static final class NotOnList extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotOnList(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Records the outcome of a call-back to a ticket on today's follow-up list.
     *
     * @param satisfied whether the citizen said they were satisfied; null when not reached or not said
     * @param actor     the staff account's username
     * @throws NotOnList when the ticket is not on the list (of this department) today
     */
    public FollowUp recordCall(String code, boolean reached, Boolean satisfied, String note, String actor,
            String department) {
        Optional<FollowUp> listed = followUps(department).stream().filter(f -> f.code().equals(code)).findFirst();
        if (listed.isEmpty()) {
            throw new NotOnList("工单 " + code + " 不在今天的回访名单上（只回访答复后 " + config.followUpWorkingDays()
                    + " 个工作日内的" + config.followUpTypes().stream().sorted().map(TicketType::label)
                    .collect(java.util.stream.Collectors.joining("、")) + "件）");
        }
        Instant now = SqlTimes.micros(clock.instant());
        database.inTransaction(c -> store.insertCall(c, code, reached, reached ? satisfied : null, note, actor, now));
        return followUps(department).stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }
}
