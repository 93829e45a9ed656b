package org.wenzheng.server.letters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Dialect;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * 信件公开 in the database: the {@code published_letters} table (V19), the reviewed text of each
 * letter an administrator published, and the letters that may be published: answered, with the
 * writer's consent, to a mailbox that publishes, never a 举报. Each change is a ticket event in the
 * same transaction. Its methods block: call them from workers.
 */
final class PublicationStore {
    static final String PUBLISHED = "published";
    static final String WITHDRAWN = "withdrawn";

    private static final String ELIGIBLE = " FROM tickets t JOIN letters l ON l.ticket_code = t.code"
            + " LEFT JOIN published_letters p ON p.ticket_code = t.code"
            + " WHERE l.publish_consent = ? AND t.answer IS NOT NULL AND t.answered_at IS NOT NULL"
            + " AND t.ticket_type <> '" + TicketType.TIPOFF.dbName() + "'";
    private static final String COLUMNS = "t.code, t.mailbox, t.ticket_type, t.department, t.answered_at, t.title,"
            + " t.question, t.answer, l.writer_name, p.title, p.content, p.answer, p.status, p.published_at,"
            + " p.published_by, p.changed_at, p.changed_by";

    private final Database database;
    private final TicketService tickets;
    private final Clock clock;

    PublicationStore(Database database, TicketService tickets, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The reviewed text as published (or withdrawn), with who published it and who changed it last. */
    record Published(String title, String content, String answer, String status, Instant publishedAt,
            String publishedBy, Instant changedAt, String changedBy) {
    }

    /** A letter that may be published: the ticket's own text, and what was published of it, if anything. */
    record Candidate(String code, String mailbox, TicketType type, String department, Instant answeredAt,
            String title, String content, String answer, String writerName, Optional<Published> published) {
    }

    /** The letters that may be published, in these mailboxes, most recently answered first. */
    List<Candidate> candidates(Set<String> mailboxes, int limit) {
        if (mailboxes.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ELIGIBLE + " AND t.mailbox IN ("
                    + placeholders(mailboxes.size()) + ") ORDER BY t.answered_at DESC, t.code LIMIT ?")) {
                int i = 1;
                s.setBoolean(i++, true);
                for (String m : mailboxes) {
                    s.setString(i++, m);
                }
                s.setInt(i, limit);
                return read(s);
            }
        });
    }

    /** One letter that may be published, locked for a change when {@code lock}. */
    private static Optional<Candidate> candidate(Connection c, String code, Set<String> mailboxes, boolean lock)
            throws SQLException {
        if (mailboxes.isEmpty()) {
            return Optional.empty();
        }
        // PostgreSQL does not lock the nullable side of an outer join: the ticket row is locked.
        String sql = "SELECT " + COLUMNS + ELIGIBLE + " AND t.code = ? AND t.mailbox IN (" + placeholders(mailboxes
                .size()) + ")" + (lock && Dialect.of(c) == Dialect.POSTGRESQL ? " FOR UPDATE OF t" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setBoolean(i++, true);
            s.setString(i++, code);
            for (String m : mailboxes) {
                s.setString(i++, m);
            }
            List<Candidate> found = read(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    Optional<Candidate> find(String code, Set<String> mailboxes) {
        return database.inTransaction(c -> candidate(c, code, mailboxes, false));
    }

    /**
     * Publishes a letter with this text (or replaces the published text). Recorded as ticket events:
     * {@code letter_published} when it was not listed, {@code letter_publication_edited} naming the
     * fields that differ from what was there before (the automatic masking, the first time).
     *
     * @param automatic the text as the masker drafted it, to tell what the reviewer edited
     * @return the letter as it is now, or empty when no letter with this code may be published
     */
    Optional<Candidate> publish(String code, Set<String> mailboxes, String title, String content, String answer,
            Published automatic, String actor) {
        return database.inTransaction(c -> {
            Optional<Candidate> found = candidate(c, code, mailboxes, true);
            if (found.isEmpty()) {
                return found;
            }
            Instant now = clock.instant();
            Optional<Published> before = found.get().published();
            Published was = before.orElse(automatic);
            List<String> edited = new ArrayList<>();
            if (!was.title().equals(title)) {
                edited.add("标题");
            }
            if (!was.content().equals(content)) {
                edited.add("内容");
            }
            if (!was.answer().equals(answer)) {
                edited.add("答复");
            }
            if (before.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO published_letters (ticket_code, title,"
                        + " content, answer, status, published_at, published_by, changed_at, changed_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, code);
                    s.setString(2, title);
                    s.setString(3, content);
                    s.setString(4, answer);
                    s.setString(5, PUBLISHED);
                    SqlTimes.set(s, 6, now);
                    s.setString(7, actor);
                    SqlTimes.set(s, 8, now);
                    s.setString(9, actor);
                    s.executeUpdate();
                }
            } else {
                boolean republished = !PUBLISHED.equals(before.get().status());
                try (PreparedStatement s = c.prepareStatement("UPDATE published_letters SET title = ?, content = ?,"
                        + " answer = ?, status = ?, changed_at = ?, changed_by = ?" + (republished
                        ? ", published_at = ?, published_by = ?" : "") + " WHERE ticket_code = ?")) {
                    int i = 1;
                    s.setString(i++, title);
                    s.setString(i++, content);
                    s.setString(i++, answer);
                    s.setString(i++, PUBLISHED);
                    SqlTimes.set(s, i++, now);
                    s.setString(i++, actor);
                    if (republished) {
                        SqlTimes.set(s, i++, now);
                        s.setString(i++, actor);
                    }
                    s.setString(i, code);
                    s.executeUpdate();
                }
            }
            if (before.isEmpty() || !PUBLISHED.equals(before.get().status())) {
                tickets.recordEvent(c, code, "letter_published", actor, "在“信件公开”发布");
            }
            if (!edited.isEmpty()) {
                tickets.recordEvent(c, code, "letter_publication_edited", actor, "修改了公开稿的"
                        + String.join("、", edited) + (before.isEmpty() ? "（与自动去除个人信息的稿件相比）" : ""));
            }
            return candidate(c, code, mailboxes, false);
        });
    }

    /**
     * Withdraws a published letter: it leaves /letters/public at once; the text is kept.
     *
     * @return the letter as it is now, or empty when no letter with this code may be published
     * @throws IllegalStateException when it is not published
     */
    Optional<Candidate> withdraw(String code, Set<String> mailboxes, String actor) {
        return database.inTransaction(c -> {
            Optional<Candidate> found = candidate(c, code, mailboxes, true);
            if (found.isEmpty()) {
                return found;
            }
            if (found.get().published().filter(p -> PUBLISHED.equals(p.status())).isEmpty()) {
                throw new IllegalStateException("not published");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE published_letters SET status = ?, changed_at = ?,"
                    + " changed_by = ? WHERE ticket_code = ?")) {
                s.setString(1, WITHDRAWN);
                SqlTimes.set(s, 2, clock.instant());
                s.setString(3, actor);
                s.setString(4, code);
                s.executeUpdate();
            }
            tickets.recordEvent(c, code, "letter_withdrawn", actor, "从“信件公开”撤回");
            return candidate(c, code, mailboxes, false);
        });
    }

    /** A published letter as the public sees it: only the reviewed text and where it was answered. */
    record PublicLetter(String code, String mailbox, TicketType type, String department, Instant answeredAt,
            Instant publishedAt, String title, String content, String answer) {
    }

    /** What the public listing asks for: every part optional but the page. */
    record PublicQuery(Optional<String> mailbox, Optional<TicketType> type, Optional<YearMonth> month,
            Optional<String> text, int page, int pageSize) {
    }

    record PublicPage(List<PublicLetter> letters, int total) {
    }

    /**
     * The published letters (status published, in a mailbox that publishes; never a withdrawn one),
     * most recently answered first.
     */
    PublicPage published(PublicQuery q, Set<String> mailboxes) {
        if (mailboxes.isEmpty()) {
            return new PublicPage(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(" FROM published_letters p JOIN tickets t ON t.code = p.ticket_code"
                + " JOIN letters l ON l.ticket_code = t.code WHERE p.status = ? AND l.publish_consent = ?"
                + " AND t.ticket_type <> '" + TicketType.TIPOFF.dbName() + "' AND t.mailbox IN ("
                + placeholders(mailboxes.size()) + ")");
        q.mailbox().ifPresent(m -> where.append(" AND t.mailbox = ?"));
        q.type().ifPresent(t -> where.append(" AND t.ticket_type = ?"));
        q.month().ifPresent(m -> where.append(" AND t.answered_at >= ? AND t.answered_at < ?"));
        q.text().ifPresent(t -> where.append(" AND (p.title LIKE ? ESCAPE '!' OR p.content LIKE ? ESCAPE '!'"
                + " OR p.answer LIKE ? ESCAPE '!')"));
        return database.inTransaction(c -> {
            int total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(s, q, mailboxes);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    total = r.getInt(1);
                }
            }
            List<PublicLetter> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT t.code, t.mailbox, t.ticket_type, t.department,"
                    + " t.answered_at, p.published_at, p.title, p.content, p.answer" + where
                    + " ORDER BY t.answered_at DESC, t.code LIMIT ? OFFSET ?")) {
                int i = bind(s, q, mailboxes);
                s.setInt(i++, q.pageSize());
                s.setInt(i, (q.page() - 1) * q.pageSize());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new PublicLetter(r.getString(1), r.getString(2), TicketType.of(r.getString(3)),
                                r.getString(4), SqlTimes.instant(r, 5), SqlTimes.instant(r, 6), r.getString(7),
                                r.getString(8), r.getString(9)));
                    }
                }
            }
            return new PublicPage(List.copyOf(out), total);
        });
    }

    private static int bind(PreparedStatement s, PublicQuery q, Set<String> mailboxes) throws SQLException {
        int i = 1;
        s.setString(i++, PUBLISHED);
        s.setBoolean(i++, true);
        for (String m : mailboxes) {
            s.setString(i++, m);
        }
        if (q.mailbox().isPresent()) {
            s.setString(i++, q.mailbox().get());
        }
        if (q.type().isPresent()) {
            s.setString(i++, q.type().get().dbName());
        }
        if (q.month().isPresent()) {
            YearMonth m = q.month().get();
            SqlTimes.set(s, i++, m.atDay(1).atStartOfDay(TicketService.ZONE).toInstant());
            SqlTimes.set(s, i++, m.plusMonths(1).atDay(1).atStartOfDay(TicketService.ZONE).toInstant());
        }
        if (q.text().isPresent()) {
            String like = "%" + q.text().get().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            s.setString(i++, like);
            s.setString(i++, like);
            s.setString(i++, like);
        }
        return i;
    }

    private static List<Candidate> read(PreparedStatement s) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String status = r.getString(13);
                Optional<Published> p = status == null ? Optional.empty() : Optional.of(new Published(
                        r.getString(10), r.getString(11), r.getString(12), status, SqlTimes.instant(r, 14),
                        r.getString(15), SqlTimes.instant(r, 16), r.getString(17)));
                out.add(new Candidate(r.getString(1), r.getString(2), TicketType.of(r.getString(3)), r.getString(4),
                        SqlTimes.instant(r, 5), nullToEmpty(r.getString(6)), r.getString(7), r.getString(8),
                        r.getString(9), p));
            }
        }
        return List.copyOf(out);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
