package org.wenzheng.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.chat.Conversation;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The report's figures from real rows, the same on every database: each subclass supplies a fresh,
 * empty database (SQLite always, PostgreSQL when configured). Questions are stored through
 * {@link ConversationStore}; tickets with plain SQL inserts (their store belongs to another part).
 * All times below are Beijing times.
 */
abstract class ReportServiceTest {
    static final WorkingCalendar CALENDAR = WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"),
            "config/calendar.yaml");
    static final LocalDate NOV = LocalDate.parse("2026-11-01");
    static final LocalDate DEC = LocalDate.parse("2026-12-01");

    @TempDir
    Path work;

    private Database db;
    private final List<Database> opened = new ArrayList<>();

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    void openDatabase() {
        db = Database.open(config());
        opened.add(db);
    }

    @AfterEach
    void closeAndDrop() throws Exception {
        opened.forEach(Database::close);
        dropDatabase();
    }

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(DeadlineRules.ZONE).toInstant();
    }

    private ReportService reportsAt(String beijingNow) {
        return new ReportService(db, CALENDAR, Map.of("民政局", "市民政局"), Map.of(), Clock.fixed(beijing(beijingNow), ZoneOffset.UTC));
    }

    private ConversationStore at(String beijingTime) {
        return new ConversationStore(db, Clock.fixed(beijing(beijingTime), ZoneOffset.UTC));
    }

    /** A citizen's question at this time, and the bot's reply when {@code botAnswered} is not null. */
    private void question(String channel, String time, Boolean botAnswered) {
        Conversation c = at(time).start(channel);
        Message q = at(time).append(c.id(), NewMessage.citizen("问题"));
        if (botAnswered != null) {
            at(time).append(c.id(), NewMessage.bot("回答", botAnswered, botAnswered ? 0.9 : 0.2, "[]", q.seq()));
        }
    }

    private int tickets;

    /** A ticket row; answeredAt null for an unanswered one. */
    private String ticket(String type, String status, String department, String created, String deadline,
            String answeredAt) {
        String code = "WZ-TEST-" + (++tickets);
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                    + " channel, question, question_key, department, candidates, contact_consent, created_at,"
                    + " clock_started_on, deadline, extension_days, answer, answered_at, answered_by, version)"
                    + " VALUES (?, ?, ?, ?, 'web', '问题', '问题', ?, '[]', FALSE, ?, ?, ?, 0, ?, ?, ?, 0)")) {
                Instant createdAt = beijing(created);
                s.setString(1, code);
                s.setString(2, "0".repeat(64));
                s.setString(3, type);
                s.setString(4, status);
                s.setString(5, department);
                SqlTimes.set(s, 6, createdAt);
                s.setObject(7, DeadlineRules.receiptDay(createdAt));
                s.setObject(8, LocalDate.parse(deadline));
                if (answeredAt == null) {
                    s.setNull(9, Types.VARCHAR);
                    s.setNull(10, Types.TIMESTAMP_WITH_TIMEZONE);
                    s.setNull(11, Types.VARCHAR);
                } else {
                    s.setString(9, "答复");
                    SqlTimes.set(s, 10, beijing(answeredAt));
                    s.setString(11, "officer@wenzheng.local");
                }
                s.executeUpdate();
            }
            return null;
        });
        return code;
    }

    private void event(String code, String kind, String time) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_events (ticket_code, occurred_at, kind,"
                    + " actor, detail) VALUES (?, ?, ?, 'system', NULL)")) {
                s.setString(1, code);
                SqlTimes.set(s, 2, beijing(time));
                s.setString(3, kind);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The tickets of the November fixture (see the comments for what each is there to show). */
    private void novemberTickets() {
        // Answered on time (Mon -> Wed: 2 working days).
        ticket("consultation", "answered", "民政局", "2026-11-02T10:00", "2026-11-05", "2026-11-04T15:00");
        // Answered late (Tue -> next Mon: 4 working days).
        ticket("consultation", "answered", "民政局", "2026-11-03T10:00", "2026-11-06", "2026-11-09T09:00");
        // Open and overdue at the end of November.
        ticket("consultation", "open", "人社局", "2026-11-20T10:00", "2026-11-25", null);
        // Disclosure, open, not yet due.
        ticket("disclosure", "open", "人社局", "2026-11-24T10:00", "2026-12-22", null);
        // Disclosure from October answered in November on time: carried over and resolved (19 working days).
        ticket("disclosure", "answered", "人社局", "2026-10-15T10:00", "2026-11-12", "2026-11-11T16:00");
        // Disclosure answered in October: not part of November at all.
        ticket("disclosure", "answered", "民政局", "2026-09-01T10:00", "2026-09-29", "2026-10-20T10:00");
        // Disclosure from October waiting for the applicant's 补正: open, its stale deadline not overdue.
        ticket("disclosure", "correction", "民政局", "2026-10-20T10:00", "2026-11-17", null);
        // Disclosure closed without an answer on Nov 6 (its "closed" event; a later event does not move
        // that): received and resolved in November.
        String closed = ticket("disclosure", "closed", "民政局", "2026-11-05T10:00", "2026-12-03", null);
        event(closed, "created", "2026-11-05T10:00");
        event(closed, "closed", "2026-11-06T11:00");
        event(closed, "reply_after_close", "2026-12-02T09:00");
        // Created half an hour before December, answered in December: created in November, still open at its end.
        ticket("consultation", "answered", "民政局", "2026-11-30T23:30", "2026-12-03", "2026-12-01T09:00");
        // Disclosure received and answered in November (Wed -> Fri: 2 working days).
        ticket("disclosure", "answered", "人社局", "2026-11-25T10:00", "2026-12-23", "2026-11-27T10:00");
    }

    @Test
    void questionsAreCountedPerChannelWithWhatTheBotAnsweredWithinTheBeijingPeriod() {
        question("web", "2026-11-02T10:00", true);
        question("web", "2026-11-02T10:05", false);
        question("web", "2026-11-01T00:00", null);      // the first instant of November in Beijing
        question("web", "2026-10-31T23:59:59", true);   // October: not counted
        question("web", "2026-12-01T00:00", true);      // December: not counted
        question("hotline", "2026-11-10T09:00", true);
        question("interview", "2026-11-11T15:00", null);
        question("wechat", "2026-11-12T08:00", false);

        Report.Questions q = reportsAt("2026-12-03T08:00").report(NOV, DEC).questions();

        assertThat(q.total()).isEqualTo(6);
        assertThat(q.answeredByBot()).isEqualTo(2);
        assertThat(q.notAnsweredByBot()).isEqualTo(4);
        assertThat(q.byChannel()).containsExactly(
                new Report.ChannelQuestions("web", "网站", 3, 1, 2, 0),
                new Report.ChannelQuestions("hotline", "热线电话", 1, 1, 0, 0),
                new Report.ChannelQuestions("interview", "在线访谈", 1, 0, 1, 0),
                new Report.ChannelQuestions("api", "接口", 0, 0, 0, 0),
                new Report.ChannelQuestions("wechat", "wechat", 1, 0, 1, 0));
    }

    @Test
    void aFollowUpQuestionInTheSameConversationCountsOnItsOwn() {
        Conversation c = at("2026-11-02T10:00").start("web");
        Message first = at("2026-11-02T10:00").append(c.id(), NewMessage.citizen("第一个问题"));
        Message second = at("2026-11-02T10:01").append(c.id(), NewMessage.citizen("第二个问题"));
        // The answer to the second question only; a bot reply is paired by reply_to, not by order.
        at("2026-11-02T10:02").append(c.id(), NewMessage.bot("回答", true, 0.9, "[]", second.seq()));
        at("2026-11-02T10:03").append(c.id(), NewMessage.bot("不确定", false, 0.1, "[]", first.seq()));

        Report.Questions q = reportsAt("2026-12-03T08:00").report(NOV, DEC).questions();

        assertThat(q.total()).isEqualTo(2);
        assertThat(q.answeredByBot()).isEqualTo(1);
    }

    @Test
    void ticketsAreCountedByDeadlineAndDepartmentAtTheEndOfThePeriod() {
        novemberTickets();

        Report r = reportsAt("2026-12-03T08:00").report(NOV, DEC);

        assertThat(r.period()).isEqualTo(new Report.Period("2026-11-01", "2026-12-01", "2026-11-30",
                "Asia/Shanghai", "2026-11-30T16:00:00Z"));
        Report.Tickets t = r.tickets();
        assertThat(t.created()).isEqualTo(7);
        assertThat(t.answered()).isEqualTo(4);
        assertThat(t.answeredOnTime()).isEqualTo(3);
        assertThat(t.answeredLate()).isEqualTo(1);
        assertThat(t.open()).isEqualTo(4);
        assertThat(t.openOverdue()).isEqualTo(1);
        // Working days to answer: 2, 4, 19, 2.
        assertThat(t.medianWorkingDaysToAnswer()).isEqualTo(3.0);
        assertThat(t.byDepartment()).containsExactly(
                new Report.DepartmentTickets("人社局", "人社局", 3, 2, 2, 0, 2, 1, 10.5),
                new Report.DepartmentTickets("民政局", "市民政局", 4, 2, 1, 1, 2, 0, 3.0));
    }

    @Test
    void inAPeriodNotYetOverOpenTicketsAreCountedNow() {
        novemberTickets();

        // Nov 26, 17:30: the consultation due Nov 25 is overdue; one due today is not (yet).
        ticket("consultation", "open", "人社局", "2026-11-23T10:00", "2026-11-26", null);
        Report r = reportsAt("2026-11-26T17:30").report(NOV, DEC);

        assertThat(r.period().asOf()).isEqualTo("2026-11-26T09:30:00Z");
        // Open at that moment: Nov 20, Nov 23, Nov 24, Nov 25 (answered only tomorrow), and the correction.
        assertThat(r.tickets().open()).isEqualTo(5);
        assertThat(r.tickets().openOverdue()).isEqualTo(1);
    }

    @Test
    void disclosureFiguresFollowTheAnnualReportTable() {
        novemberTickets();

        Report.Disclosure d = reportsAt("2026-12-03T08:00").report(NOV, DEC).disclosure();

        // New: Nov 24, Nov 5 (closed), Nov 25. Carried over: Oct 15, Oct 20 (correction).
        // Resolved: Oct 15 (answered Nov 11), Nov 5 (closed Nov 6), Nov 25. Carried forward: Nov 24, Oct 20.
        assertThat(d.newlyReceived()).isEqualTo(3);
        assertThat(d.carriedOver()).isEqualTo(2);
        assertThat(d.resolved()).isEqualTo(3);
        assertThat(d.carriedForward()).isEqualTo(2);
        assertThat(d.balanced()).isTrue();
        assertThat(d.notAvailable()).contains("三（一）予以公开", "三（六）其他处理");
    }

    @Test
    void whatOneMonthCarriesForwardTheNextCarriesOverAndEveryMonthBalances() {
        novemberTickets();
        ReportService reports = reportsAt("2027-01-15T08:00");

        Report.Disclosure previous = null;
        for (LocalDate month = LocalDate.parse("2026-08-01"); month.isBefore(LocalDate.parse("2027-01-01"));
                month = month.plusMonths(1)) {
            Report.Disclosure d = reports.report(month, month.plusMonths(1)).disclosure();
            assertThat(d.newlyReceived() + d.carriedOver()).as(month.toString())
                    .isEqualTo(d.resolved() + d.carriedForward());
            if (previous != null) {
                assertThat(d.carriedOver()).as(month.toString()).isEqualTo(previous.carriedForward());
            }
            previous = d;
        }
        // The whole year at once: the six disclosures received in 2026, none carried over from 2025.
        Report.Disclosure year = reports.report(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"))
                .disclosure();
        assertThat(year.newlyReceived()).isEqualTo(6);
        assertThat(year.carriedOver()).isZero();
        assertThat(year.carriedForward()).isEqualTo(previous.carriedForward()).isEqualTo(2);
    }

    private int calls;

    /** A call log row: started null for a call whose start the PBX never reported (created then). */
    private void call(String started, String created, String callerPhone, String answerGiven, String ticketCode) {
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO hotline_calls (integration, external_id,"
                    + " caller_phone, extension, started_at, answer_given, ticket_code, created_at, updated_at)"
                    + " VALUES ('pbx', ?, ?, '8001', ?, ?, ?, ?, ?)")) {
                s.setString(1, "call-" + (++calls));
                s.setString(2, callerPhone);
                SqlTimes.set(s, 3, started == null ? null : beijing(started));
                s.setString(4, answerGiven);
                s.setString(5, ticketCode);
                SqlTimes.set(s, 6, beijing(created));
                SqlTimes.set(s, 7, beijing(created));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void hotlineCallsAreCountedByTheirStartAndACallBackIsDoneWhenItsTicketWasAnsweredByTheEnd() {
        String answeredInNovember = ticket("consultation", "answered", "民政局", "2026-11-02T10:00", "2026-11-05",
                "2026-11-04T15:00");
        String answeredInDecember = ticket("consultation", "answered", "人社局", "2026-11-30T10:00", "2026-12-03",
                "2026-12-02T09:00");
        call("2026-11-02T09:55", "2026-11-02T09:55", "13812340001", null, answeredInNovember);
        call("2026-11-30T09:55", "2026-11-30T09:55", "13812340002", "已答复", answeredInDecember);
        call("2026-11-10T09:00", "2026-11-10T09:00", "13812340003", "到街道办申请。", null);
        call("2026-11-11T09:00", "2026-11-11T09:00", null, "   ", null);   // a blank answer is no answer
        // Logged by hand in November, no start reported: counted by its creation.
        call(null, "2026-11-12T09:00", "13812340004", null, null);
        // Started on Oct 31 in Beijing (logged after midnight): October's.
        call("2026-10-31T23:59", "2026-11-01T00:01", "13812340005", "答复", null);

        Report.Hotline h = reportsAt("2026-12-03T08:00").report(NOV, DEC).hotline();

        assertThat(h.calls()).isEqualTo(5);
        assertThat(h.answeredOnCall()).as("answered and not escalated").isEqualTo(1);
        assertThat(h.escalated()).isEqualTo(2);
        assertThat(h.notLogged()).isEqualTo(2);
        // The second ticket was answered on Dec 2: after the end of November.
        assertThat(h.callBacksDone()).isEqualTo(1);
        assertThat(h.callBacksPending()).isEqualTo(1);
        assertThat(h.withoutNumber()).isEqualTo(1);
        assertThat(h.byDepartment()).containsExactly(new Report.DepartmentCount("人社局", "人社局", 1),
                new Report.DepartmentCount("民政局", "市民政局", 1));
        // Handed to staff by channel comes from the tickets, of channel web in this fixture.
        assertThat(reportsAt("2026-12-03T08:00").report(NOV, DEC).questions().handedToStaff()).isEqualTo(2);
    }

    @Test
    void everyConfiguredMailboxAndLetterTypeIsListedWithZerosInTheConfigurationsOrder() {
        Map<String, String> mailboxes = new java.util.LinkedHashMap<>();
        mailboxes.put("mayor", "市政府信箱");
        mailboxes.put("director", "主任信箱");
        Report.Letters l = new ReportService(db, CALENDAR, Map.of(), mailboxes,
                Clock.fixed(beijing("2026-12-03T08:00"), ZoneOffset.UTC)).report(NOV, DEC).letters();

        assertThat(l.received()).isZero();
        assertThat(l.byMailbox()).extracting(Report.MailboxLetters::mailboxName).containsExactly("市政府信箱", "主任信箱");
        assertThat(l.byType()).extracting(Report.TypeCount::typeName).containsExactly("咨询", "建议", "投诉", "求助", "举报");
        assertThat(l.byMailbox().get(1).byType()).allSatisfy(t -> assertThat(t.count()).isZero());
    }

    /** An interview event and its id. */
    private long interview(String title, String startsAt) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO interviews (title, description, starts_at,"
                    + " ends_at, status, last_seq, asks, created_at) VALUES (?, '', ?, ?, 'ended', 0, 0, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, title);
                SqlTimes.set(s, 2, beijing(startsAt));
                SqlTimes.set(s, 3, beijing(startsAt).plusSeconds(7200));
                SqlTimes.set(s, 4, beijing(startsAt));
                s.executeUpdate();
                return org.wenzheng.server.db.SqlValues.generatedId(s);
            }
        });
    }

    /** A question submitted at this time, with its answer (source, time) when source is not null. */
    private void interviewQuestion(long interview, String status, String asked, String source, String answered) {
        db.inTransaction(c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_questions (interview_id, question,"
                    + " question_key, status, ask_count, created_at, updated_at) VALUES (?, '问题', '问题', ?, 1, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, interview);
                s.setString(2, status);
                SqlTimes.set(s, 3, beijing(asked));
                SqlTimes.set(s, 4, beijing(asked));
                s.executeUpdate();
                id = org.wenzheng.server.db.SqlValues.generatedId(s);
            }
            if (source != null) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO interview_answers (question_id, source,"
                        + " body, created_at, department_name) VALUES (?, ?, '回答', ?, ?)")) {
                    s.setLong(1, id);
                    s.setString(2, source);
                    SqlTimes.set(s, 3, beijing(answered));
                    s.setString(4, source.equals("officer") ? "市民政局" : null);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Test
    void interviewQuestionsOfThePeriodAreCountedPerEventAndAnAnswerAfterTheEndIsStillAwaited() {
        long first = interview("社保访谈", "2026-11-10T10:00");
        long second = interview("住房访谈", "2026-11-20T10:00");
        interviewQuestion(first, "answered", "2026-11-10T10:05", "guest", "2026-11-10T10:30");
        interviewQuestion(first, "merged", "2026-11-10T10:06", null, null);
        interviewQuestion(first, "bot_answered", "2026-11-10T10:07", "bot", "2026-11-10T10:07");
        // Tue Nov 10 -> Fri Nov 13: 3 working days; Nov 10 -> Mon Nov 16: 4.
        interviewQuestion(first, "answered_later", "2026-11-10T10:08", "officer", "2026-11-13T09:00");
        interviewQuestion(first, "answered_later", "2026-11-10T10:09", "officer", "2026-11-16T09:00");
        interviewQuestion(second, "rejected", "2026-11-20T10:05", null, null);
        interviewQuestion(second, "queued", "2026-11-20T10:06", null, null);
        // Answered after the event, but only in December: awaited at the end of November.
        interviewQuestion(second, "answered_later", "2026-11-20T10:07", "officer", "2026-12-02T09:00");
        // Asked in October: not November's.
        interviewQuestion(first, "answered", "2026-10-31T23:00", "guest", "2026-10-31T23:30");

        Report.Interviews i = reportsAt("2026-12-03T08:00").report(NOV, DEC).interviews();

        assertThat(i.askers()).isEqualTo(8);
        assertThat(i.questions()).isEqualTo(7);
        assertThat(i.answeredByGuests()).isEqualTo(1);
        assertThat(i.answeredByBot()).isEqualTo(1);
        assertThat(i.answeredAfterEvent()).isEqualTo(2);
        assertThat(i.awaitingAnswer()).isEqualTo(2);
        assertThat(i.rejected()).isEqualTo(1);
        assertThat(i.medianWorkingDaysToLaterAnswer()).isEqualTo(3.5);
        assertThat(i.byInterview()).containsExactly(
                new Report.InterviewFigures(first, "社保访谈", "2026-11-10", 5, 4, 1, 1, 2, 0, 0, 3.5),
                new Report.InterviewFigures(second, "住房访谈", "2026-11-20", 3, 3, 0, 0, 0, 2, 1, null));
    }

    @Test
    void theWorkbookHoldsTableThreeInTheTemplatesLayoutWithOnlyTheTotalsTheDataFills() throws Exception {
        novemberTickets();
        Report r = reportsAt("2026-12-03T08:00").report(NOV, DEC);

        try (var book = Workbooks.open(ReportXlsx.write(r))) {
            var three = book.getSheet(ReportXlsx.TABLE_THREE);
            int total = ReportXlsx.TOTAL_COLUMN;
            var received = Workbooks.rowWith(three, 0, "一、本年新收政府信息公开申请数量");
            assertThat(Workbooks.number(received, total)).hasValue(3.0);
            assertThat(Workbooks.number(Workbooks.rowWith(three, 0, "二、上年结转政府信息公开申请数量"), total))
                    .hasValue(2.0);
            assertThat(Workbooks.number(Workbooks.rowWith(three, 1, "（七）总计"), total)).hasValue(3.0);
            assertThat(Workbooks.number(Workbooks.rowWith(three, 0, "四、结转下年度继续办理"), total)).hasValue(2.0);
            // The applicant columns and the outcome rows are not known: empty, not zero.
            assertThat(Workbooks.number(received, 3)).isEmpty();
            assertThat(Workbooks.number(Workbooks.rowWith(three, 1, "（一）予以公开"), total)).isEmpty();
            assertThat(Workbooks.number(Workbooks.rowWith(three, 2, "3.补正后申请内容仍不明确"), total)).isEmpty();
            // The template's header: 申请人情况 over 自然人, 法人或其他组织 (five kinds) and 总计.
            var kinds = Workbooks.rowWith(three, 4, "商业企业");
            assertThat(kinds.getCell(8).getStringCellValue()).isEqualTo("其他");
            assertThat(three.getRow(kinds.getRowNum() - 1).getCell(total).getStringCellValue()).isEqualTo("总计");
            assertThat(Workbooks.rowWith(three, 0, "总计列 一＋二＝三（七）＋四：成立")).isNotNull();

            var overview = book.getSheet(ReportXlsx.OVERVIEW);
            assertThat(Workbooks.below(overview, "新建")).isEqualTo(7.0);
            assertThat(Workbooks.below(overview, "按期答复")).isEqualTo(3.0);
            assertThat(Workbooks.below(overview, "答复用时中位数（工作日）")).isEqualTo(3.0);
            assertThat(Workbooks.rowWith(overview, 0, "市民政局").getCell(1).getNumericCellValue()).isEqualTo(4.0);
        }
    }

    @Test
    void anEmptyDatabaseGivesZerosAndNoMedian() {
        Report r = reportsAt("2026-12-03T08:00").report(NOV, DEC);

        assertThat(r.questions().total()).isZero();
        assertThat(r.questions().byChannel()).hasSize(4);
        assertThat(r.tickets().created()).isZero();
        assertThat(r.tickets().medianWorkingDaysToAnswer()).isNull();
        assertThat(r.tickets().byDepartment()).isEmpty();
        assertThat(r.disclosure().balanced()).isTrue();
    }

    /** Runs one statement (the subclasses create and drop their database with it). */
    static void run(Connection c, String sql) throws Exception {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
