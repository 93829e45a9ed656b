package org.wenzheng.server.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * 在线访谈 in a report ({@link Report.Interviews}), from the questions submitted in the period
 * ({@code interview_questions}, each submission a row, a near-duplicate merged into an earlier
 * one included) and the answers published for them ({@code interview_answers}: source guest, bot,
 * or officer for an answer after the event through its ticket).
 */
final class InterviewFigures {
    private static final String IN_PERIOD = " q.created_at >= ? AND q.created_at < ?";

    private static final String BY_INTERVIEW = """
            SELECT i.id, i.title, i.starts_at, COUNT(*),
                   SUM(CASE WHEN q.status <> 'merged' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.source = 'guest' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.source = 'bot' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.source = 'officer' AND a.created_at < ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN q.status NOT IN ('merged', 'rejected')
                             AND (a.question_id IS NULL OR (a.source = 'officer' AND a.created_at >= ?))
                            THEN 1 ELSE 0 END),
                   SUM(CASE WHEN q.status = 'rejected' THEN 1 ELSE 0 END)
            FROM interview_questions q JOIN interviews i ON i.id = q.interview_id
                 LEFT JOIN interview_answers a ON a.question_id = q.id
            WHERE""" + IN_PERIOD + """

            GROUP BY i.id, i.title, i.starts_at
            ORDER BY i.starts_at, i.id""";

    /** The questions answered after the event, with when they were asked and answered. */
    private static final String LATER_ANSWERS = """
            SELECT q.interview_id, q.created_at, a.created_at
            FROM interview_questions q JOIN interview_answers a ON a.question_id = q.id
            WHERE a.source = 'officer' AND a.created_at < ? AND""" + IN_PERIOD;

    private InterviewFigures() {
    }

    static Report.Interviews read(Connection c, Window w, WorkingCalendar calendar) throws SQLException {
        Median all = new Median();
        Map<Long, Median> medians = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(LATER_ANSWERS)) {
            SqlTimes.set(s, 1, w.asOf());
            SqlTimes.set(s, 2, w.start());
            SqlTimes.set(s, 3, w.end());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Instant asked = SqlTimes.instant(r, 2);
                    Instant answered = SqlTimes.instant(r, 3);
                    int days = Math.max(0, calendar.workingDaysBetween(DeadlineRules.receiptDay(asked),
                            DeadlineRules.receiptDay(answered)));
                    all.add(days);
                    medians.computeIfAbsent(r.getLong(1), k -> new Median()).add(days);
                }
            }
        }
        List<Report.InterviewFigures> rows = new ArrayList<>();
        long[] sum = new long[7];
        try (PreparedStatement s = c.prepareStatement(BY_INTERVIEW)) {
            SqlTimes.set(s, 1, w.asOf());
            SqlTimes.set(s, 2, w.asOf());
            SqlTimes.set(s, 3, w.start());
            SqlTimes.set(s, 4, w.end());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    long[] n = new long[7];
                    for (int i = 0; i < n.length; i++) {
                        n[i] = r.getLong(i + 4);
                        sum[i] += n[i];
                    }
                    Median m = medians.get(id);
                    rows.add(new Report.InterviewFigures(id, r.getString(2),
                            DeadlineRules.receiptDay(SqlTimes.instant(r, 3)).toString(), n[0], n[1], n[2], n[3], n[4],
                            n[5], n[6], m == null ? null : m.value()));
                }
            }
        }
        return new Report.Interviews(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], all.value(), rows);
    }
}
