package org.wenzheng.server.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * 来信 in a report ({@link Report.Letters}): the tickets written to a named mailbox
 * ({@code tickets.mailbox}, set by the letters feature) received in the period, by mailbox and
 * 诉求类型. Every configured mailbox and every letter type is listed, with zeros; a mailbox no
 * longer configured, or a type that is not a letter type (依申请公开), only when it has letters.
 */
final class LetterFigures {
    private static final String LETTERS = """
            SELECT t.mailbox, t.ticket_type, COUNT(*),
                   SUM(CASE WHEN t.answered_at IS NOT NULL AND t.answered_at < ? THEN 1 ELSE 0 END)
            FROM tickets t
            WHERE t.mailbox IS NOT NULL AND t.created_at >= ? AND t.created_at < ?
            GROUP BY t.mailbox, t.ticket_type
            ORDER BY t.mailbox, t.ticket_type""";

    private LetterFigures() {
    }

    /** @param mailboxNames the configured mailboxes' names by id, in the configuration's order */
    static Report.Letters read(Connection c, Window w, Map<String, String> mailboxNames) throws SQLException {
        List<TicketType> types = new ArrayList<>(Arrays.stream(TicketType.values()).filter(TicketType::letterType)
                .toList());
        Map<String, Map<TicketType, long[]>> byMailbox = new LinkedHashMap<>();
        mailboxNames.keySet().forEach(id -> byMailbox.put(id, new LinkedHashMap<>()));
        try (PreparedStatement s = c.prepareStatement(LETTERS)) {
            SqlTimes.set(s, 1, w.asOf());
            SqlTimes.set(s, 2, w.start());
            SqlTimes.set(s, 3, w.end());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    TicketType type = TicketType.of(r.getString(2));
                    if (!types.contains(type)) {
                        types.add(type);
                    }
                    long[] n = byMailbox.computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(type, k -> new long[2]);
                    n[0] += r.getLong(3);
                    n[1] += r.getLong(4);
                }
            }
        }
        Map<TicketType, long[]> total = new LinkedHashMap<>();
        List<Report.MailboxLetters> mailboxes = new ArrayList<>();
        long received = 0;
        long answered = 0;
        for (Map.Entry<String, Map<TicketType, long[]>> e : byMailbox.entrySet()) {
            long mailboxReceived = 0;
            long mailboxAnswered = 0;
            for (Map.Entry<TicketType, long[]> t : e.getValue().entrySet()) {
                long[] n = total.computeIfAbsent(t.getKey(), k -> new long[2]);
                n[0] += t.getValue()[0];
                mailboxReceived += t.getValue()[0];
                mailboxAnswered += t.getValue()[1];
            }
            received += mailboxReceived;
            answered += mailboxAnswered;
            mailboxes.add(new Report.MailboxLetters(e.getKey(), mailboxNames.getOrDefault(e.getKey(), e.getKey()),
                    mailboxReceived, mailboxAnswered, counts(types, e.getValue())));
        }
        return new Report.Letters(received, answered, counts(types, total), mailboxes);
    }

    private static List<Report.TypeCount> counts(List<TicketType> types, Map<TicketType, long[]> n) {
        return types.stream().map(t -> new Report.TypeCount(t.dbName(), t.label(),
                n.containsKey(t) ? n.get(t)[0] : 0)).toList();
    }
}
