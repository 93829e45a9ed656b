package org.wenzheng.server.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wenzheng.server.db.SqlTimes;

/**
 * 热线电话 in a report ({@link Report.Hotline}), from the call log ({@code hotline_calls}, written
 * by the hotline feature) and the tickets escalated calls made. A call belongs to the period of its
 * start, or of its creation when the PBX never reported a start.
 */
final class HotlineFigures {
    private static final String IN_PERIOD = " COALESCE(h.started_at, h.created_at) >= ?"
            + " AND COALESCE(h.started_at, h.created_at) < ?";

    private static final String CALLS = """
            SELECT COUNT(*),
                   SUM(CASE WHEN h.ticket_code IS NULL AND TRIM(COALESCE(h.answer_given, '')) <> ''
                            THEN 1 ELSE 0 END),
                   SUM(CASE WHEN h.ticket_code IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN h.ticket_code IS NULL AND TRIM(COALESCE(h.answer_given, '')) = ''
                            THEN 1 ELSE 0 END),
                   SUM(CASE WHEN t.answered_at IS NOT NULL AND t.answered_at < ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN h.ticket_code IS NOT NULL AND (t.answered_at IS NULL OR t.answered_at >= ?)
                            THEN 1 ELSE 0 END),
                   SUM(CASE WHEN h.caller_phone IS NULL THEN 1 ELSE 0 END)
            FROM hotline_calls h LEFT JOIN tickets t ON t.code = h.ticket_code
            WHERE""" + IN_PERIOD;

    private static final String BY_DEPARTMENT = """
            SELECT t.department, COUNT(*)
            FROM hotline_calls h JOIN tickets t ON t.code = h.ticket_code
            WHERE""" + IN_PERIOD + " GROUP BY t.department ORDER BY t.department";

    private HotlineFigures() {
    }

    static Report.Hotline read(Connection c, Window w, Map<String, String> departmentNames) throws SQLException {
        long[] n = new long[7];
        try (PreparedStatement s = c.prepareStatement(CALLS)) {
            SqlTimes.set(s, 1, w.asOf());
            SqlTimes.set(s, 2, w.asOf());
            SqlTimes.set(s, 3, w.start());
            SqlTimes.set(s, 4, w.end());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                for (int i = 0; i < n.length; i++) {
                    n[i] = r.getLong(i + 1);
                }
            }
        }
        List<Report.DepartmentCount> byDepartment = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(BY_DEPARTMENT)) {
            SqlTimes.set(s, 1, w.start());
            SqlTimes.set(s, 2, w.end());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    byDepartment.add(new Report.DepartmentCount(id, departmentNames.getOrDefault(id, id), r.getLong(2)));
                }
            }
        }
        return new Report.Hotline(n[0], n[1], n[2], n[3], n[4], n[5], n[6], byDepartment);
    }
}
