package org.wenzheng.server.reports;

import static org.wenzheng.server.db.SqlTimes.nullableInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wenzheng.server.chat.ChannelNames;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.SqlValues;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The figures managers report (see {@link Report}), computed from the stored conversations,
 * messages, tickets, hotline calls, interview questions and letters for a period of Beijing dates
 * [from, to). Each channel's figures are read by their own class ({@link HotlineFigures},
 * {@link InterviewFigures}, {@link LetterFigures}); this one reads the questions and tickets, and
 * puts the report together.
 *
 * <p>Everything is counted from what the tables hold now, at the time of the request; nothing is
 * cached or kept in counters that a restart would lose. A ticket is <em>resolved</em> when it was
 * answered ({@code answered_at}) or, for a ticket closed without an answer, at its {@code closed}
 * event in {@code ticket_events} (its creation when it has none): the tickets table keeps no
 * closing time of its own.
 *
 * <p>Its methods block (JDBC): call them from worker threads.
 */
final class ReportService {
    /** The channels every report lists, in this order, even with no question. */
    static final List<String> CHANNELS = List.of("web", "hotline", "interview", "api");

    /** The rows of table 三 the ticket data cannot fill (see {@link Report.Disclosure}). */
    static final List<String> DISCLOSURE_NOT_AVAILABLE = List.of(
            "三（一）予以公开", "三（二）部分公开", "三（三）不予公开（各项理由）", "三（四）无法提供（各项理由）",
            "三（五）不予处理（各项理由）", "三（六）其他处理",
            "按申请人分列：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他");

    /** Questions per channel, and how many of them a bot reply marked answered. */
    private static final String QUESTIONS = """
            SELECT c.channel, COUNT(*),
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM messages b
                                         WHERE b.conversation_id = m.conversation_id AND b.reply_to = m.seq
                                           AND b.role = 'bot' AND b.answered = TRUE)
                            THEN 1 ELSE 0 END)
            FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.role = 'citizen' AND m.created_at >= ? AND m.created_at < ?
            GROUP BY c.channel""";

    /** Questions handed to staff: the tickets each channel made in the period. */
    private static final String HANDED_TO_STAFF = """
            SELECT t.channel, COUNT(*) FROM tickets t WHERE t.created_at >= ? AND t.created_at < ?
            GROUP BY t.channel""";

    /** What is asked for and the data does not hold (see {@link Report#notAvailable}). */
    static final List<Report.NotAvailable> NOT_AVAILABLE = List.of(
            new Report.NotAvailable("工单重新办理（重办）数",
                    "工单不能重新打开，也没有记录重办的事件：已答复的工单不会重新办理，无从统计"),
            new Report.NotAvailable("按公开目录类别统计的主动公开信息（新增、修订、废止文件数）",
                    "文件存于知识库索引而非数据库，目录类别是文件中自由填写的文字，未按公开目录配置；"
                            + "文件只记录发布日期和现行状态，不记录修订、废止的日期，无法按统计期间计数"));

    /**
     * Every ticket that matters to the period: created before its end, and not answered before its
     * start (a ticket closed without an answer is read whatever its age, and sorted out here).
     */
    private static final String TICKETS = """
            SELECT t.ticket_type, t.status, t.department, t.created_at, t.deadline, t.answered_at,
                   COALESCE(t.answered_at,
                            CASE WHEN t.status = 'closed'
                                 THEN COALESCE((SELECT MAX(e.occurred_at) FROM ticket_events e
                                                WHERE e.ticket_code = t.code AND e.kind = 'closed'),
                                               t.created_at) END)
            FROM tickets t
            WHERE t.created_at < ? AND (t.answered_at IS NULL OR t.answered_at >= ?)""";

    private final Database database;
    private final WorkingCalendar calendar;
    private final Map<String, String> departmentNames;
    private final Map<String, String> mailboxNames;
    private final Clock clock;

    /**
     * @param departmentNames department names by id, from the tickets configuration
     * @param mailboxNames    the named mailboxes' names by id, in the configuration's order
     */
    public ReportService(Database database, WorkingCalendar calendar, Map<String, String> departmentNames,
            Map<String, String> mailboxNames, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.departmentNames = Map.copyOf(Objects.requireNonNull(departmentNames, "departmentNames"));
        this.mailboxNames = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(mailboxNames, "mailboxNames")));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The report of [from, to), Beijing dates.
     *
     * @throws IllegalArgumentException when to is not after from
     */
    public Report report(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from, got " + from + " and " + to);
        }
        Instant start = from.atStartOfDay(DeadlineRules.ZONE).toInstant();
        Instant end = to.atStartOfDay(DeadlineRules.ZONE).toInstant();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant asOf = now.isBefore(end) ? now : end;
        Window window = new Window(start, end, asOf);
        return database.inTransaction(c -> new Report(
                new Report.Period(from.toString(), to.toString(), to.minusDays(1).toString(),
                        DeadlineRules.ZONE.getId(), asOf.toString()),
                questions(c, start, end),
                tickets(c, start, end, asOf),
                disclosure(c, start, end),
                HotlineFigures.read(c, window, departmentNames),
                InterviewFigures.read(c, window, calendar),
                LetterFigures.read(c, window, mailboxNames),
                NOT_AVAILABLE));
    }

    private static Report.Questions questions(Connection c, Instant start, Instant end) throws SQLException {
        Map<String, long[]> byChannel = new LinkedHashMap<>();
        CHANNELS.forEach(ch -> byChannel.put(ch, new long[3]));
        Map<String, long[]> others = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(QUESTIONS)) {
            SqlTimes.set(s, 1, start);
            SqlTimes.set(s, 2, end);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String channel = r.getString(1);
                    long[] n = byChannel.containsKey(channel) ? byChannel.get(channel)
                            : others.computeIfAbsent(channel, k -> new long[3]);
                    n[0] += r.getLong(2);
                    n[1] += r.getLong(3);
                }
            }
        }
        byChannel.putAll(others);
        // Only channels of questions: a letter's ticket was never a question to the bot.
        try (PreparedStatement s = c.prepareStatement(HANDED_TO_STAFF)) {
            SqlTimes.set(s, 1, start);
            SqlTimes.set(s, 2, end);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long[] n = byChannel.get(r.getString(1));
                    if (n != null) {
                        n[2] += r.getLong(2);
                    }
                }
            }
        }
        List<Report.ChannelQuestions> rows = new ArrayList<>();
        long total = 0;
        long answered = 0;
        long handed = 0;
        for (Map.Entry<String, long[]> e : byChannel.entrySet()) {
            long[] n = e.getValue();
            rows.add(new Report.ChannelQuestions(e.getKey(), ChannelNames.of(e.getKey()), n[0], n[1], n[0] - n[1],
                    n[2]));
            total += n[0];
            answered += n[1];
            handed += n[2];
        }
        return new Report.Questions(total, answered, total - answered, handed, rows);
    }

    /** One ticket row as read. */
    private record Row(String type, String status, String department, Instant created, LocalDate deadline,
            Instant answered, Instant resolved) {
    }

    private interface RowSink {
        void accept(Row row);
    }

    private static void eachTicket(Connection c, Instant start, Instant end, RowSink sink) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(TICKETS)) {
            SqlTimes.set(s, 1, end);
            SqlTimes.set(s, 2, start);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    sink.accept(new Row(r.getString(1), r.getString(2), r.getString(3), nullableInstant(r, 4),
                            SqlValues.nullableDate(r, 5), nullableInstant(r, 6), nullableInstant(r, 7)));
                }
            }
        }
    }

    private Report.Tickets tickets(Connection c, Instant start, Instant end, Instant asOf) throws SQLException {
        LocalDate asOfDay = DeadlineRules.receiptDay(asOf);
        Figures all = new Figures();
        Map<String, Figures> byDepartment = new TreeMap<>();
        eachTicket(c, start, end, t -> {
            Figures d = byDepartment.computeIfAbsent(t.department(), k -> new Figures());
            for (Figures f : new Figures[] {all, d}) {
                if (within(t.created(), start, end)) {
                    f.created++;
                }
                if (t.answered() != null && within(t.answered(), start, end)) {
                    LocalDate answeredOn = DeadlineRules.receiptDay(t.answered());
                    f.answered++;
                    if (answeredOn.isAfter(t.deadline())) {
                        f.late++;
                    } else {
                        f.onTime++;
                    }
                    f.days.add(Math.max(0, calendar.workingDaysBetween(DeadlineRules.receiptDay(t.created()),
                            answeredOn)));
                }
                if (t.created().isBefore(asOf) && (t.resolved() == null || !t.resolved().isBefore(asOf))) {
                    f.open++;
                    if (!"correction".equals(t.status()) && DeadlineRules.isOverdue(t.deadline(), asOfDay)) {
                        f.overdue++;
                    }
                }
            }
        });
        List<Report.DepartmentTickets> rows = new ArrayList<>();
        byDepartment.forEach((id, f) -> rows.add(new Report.DepartmentTickets(id,
                departmentNames.getOrDefault(id, id), f.created, f.answered,
                f.onTime, f.late, f.open, f.overdue, f.days.value())));
        return new Report.Tickets(all.created, all.answered, all.onTime, all.late, all.open, all.overdue,
                all.days.value(), rows);
    }

    private static Report.Disclosure disclosure(Connection c, Instant start, Instant end) throws SQLException {
        long[] n = new long[4];
        eachTicket(c, start, end, t -> {
            if (!"disclosure".equals(t.type())) {
                return;
            }
            boolean unresolvedAtStart = t.resolved() == null || !t.resolved().isBefore(start);
            if (within(t.created(), start, end)) {
                n[0]++;
            } else if (unresolvedAtStart) {
                n[1]++;
            }
            if (t.resolved() != null && within(t.resolved(), start, end)) {
                n[2]++;
            } else if (t.resolved() == null || !t.resolved().isBefore(end)) {
                n[3]++;
            }
        });
        return new Report.Disclosure(n[0], n[1], n[2], n[3], n[0] + n[1] == n[2] + n[3], DISCLOSURE_NOT_AVAILABLE);
    }

    private static boolean within(Instant t, Instant start, Instant end) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Counts of one group of tickets, and the working days each answer took. */
    private static final class Figures {
        long created;
        long answered;
        long onTime;
        long late;
        long open;
        long overdue;
        final Median days = new Median();
    }
}
