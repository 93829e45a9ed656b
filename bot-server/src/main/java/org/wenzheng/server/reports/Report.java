package org.wenzheng.server.reports;

import java.util.List;
import java.util.Objects;

/**
 * The figures of one period, as {@link ReportService} computes them and
 * {@code GET /api/v1/admin/reports} returns them (JSON field names are the component names; see
 * docs/reports.md for an example). Dates are {@code yyyy-MM-dd} in Asia/Shanghai.
 *
 * @param period     what was counted
 * @param questions  citizens' questions and whether the bot answered them on the spot
 * @param tickets    questions escalated to departments, and how their deadlines were kept
 * @param disclosure the 依申请公开 counts of table 三 of the annual report that our data supports
 * @param hotline    the hotline's calls, from the call log
 * @param interviews the online interviews' askers, questions and answers
 * @param letters    letters to the named mailboxes, by mailbox and type
 * @param notAvailable figures asked for that the stored data cannot give, each with the reason, so
 *                   that a screen says so rather than show zeros
 */
public record Report(Period period, Questions questions, Tickets tickets, Disclosure disclosure, Hotline hotline,
        Interviews interviews, Letters letters, List<NotAvailable> notAvailable) {

    public Report {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(questions, "questions");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(hotline, "hotline");
        Objects.requireNonNull(interviews, "interviews");
        Objects.requireNonNull(letters, "letters");
        notAvailable = List.copyOf(notAvailable);
    }

    /**
     * A figure the report cannot give.
     *
     * @param figure what it would be, as a person reads it (修订、废止的文件数 …)
     * @param reason why the data does not hold it, in Chinese
     */
    public record NotAvailable(String figure, String reason) {
    }

    /**
     * @param from     the first day counted
     * @param to       the day after the last day counted: the period is [from, to)
     * @param lastDay  the last day counted ({@code to} minus one), as people write a period
     * @param timeZone the zone of the dates: Asia/Shanghai
     * @param asOf     the instant (ISO-8601, UTC) open tickets are counted at: the end of the period,
     *                 or the time of the report when the period has not ended yet
     */
    public record Period(String from, String to, String lastDay, String timeZone, String asOf) {
    }

    /**
     * Questions citizens asked in the period (their messages, in every conversation).
     *
     * @param total            all questions
     * @param answeredByBot    questions the bot answered on the spot (confident enough to answer)
     * @param notAnsweredByBot the others: the bot offered candidates, or no reply was stored
     * @param handedToStaff    tickets of the channel created in the period (questions handed to staff)
     * @param byChannel        the same per channel: web, hotline, interview, api always, then any
     *                         other channel found, alphabetically
     */
    public record Questions(long total, long answeredByBot, long notAnsweredByBot, long handedToStaff,
            List<ChannelQuestions> byChannel) {
        public Questions {
            byChannel = List.copyOf(byChannel);
        }
    }

    /**
     * @param channel     the channel's id (web, hotline, interview, api …)
     * @param channelName its name as people read it (网站, 热线电话, 在线访谈, 接口; an unknown id as it is)
     */
    public record ChannelQuestions(String channel, String channelName, long questions, long answeredByBot,
            long notAnsweredByBot, long handedToStaff) {
    }

    /**
     * Tickets, all types together.
     *
     * @param created                   created in the period
     * @param answered                  answered in the period (whenever created)
     * @param answeredOnTime            of those, answered on or before their deadline (extension and
     *                                  correction included, as the ticket's deadline holds them)
     * @param answeredLate              of those, answered after their deadline
     * @param open                      not answered nor closed at {@link Period#asOf}
     * @param openOverdue               of those, past their deadline at {@link Period#asOf} (a ticket
     *                                  waiting for the citizen's 补正 is not counted: its clock is stopped)
     * @param medianWorkingDaysToAnswer the median, over the tickets answered in the period, of the
     *                                  working days from the day of receipt to the day of the answer
     *                                  (0: answered the day it arrived); null when none was answered
     * @param byDepartment              the same per department, by id
     */
    public record Tickets(long created, long answered, long answeredOnTime, long answeredLate, long open,
            long openOverdue, Double medianWorkingDaysToAnswer, List<DepartmentTickets> byDepartment) {
        public Tickets {
            byDepartment = List.copyOf(byDepartment);
        }
    }

    /**
     * @param department     the department's id, as tickets store it
     * @param departmentName its name in the tickets configuration (the id of a department no longer
     *                       configured)
     */
    public record DepartmentTickets(String department, String departmentName, long created, long answered, long answeredOnTime,
            long answeredLate, long open, long openOverdue, Double medianWorkingDaysToAnswer) {
    }

    /**
     * 依申请公开 (ticket type disclosure): the rows of table 三 of the annual report
     * (政府信息公开工作年度报告, 国办公开办函〔2021〕30号) that our data supports, for the 总计 column.
     * For a calendar-year period they are the report's 本年新收, 上年结转, 三(七) 总计 and 结转下年度.
     *
     * <p>We cannot fill yet: the split of 三 into (一) 予以公开, (二) 部分公开, (三) 不予公开 and its
     * reasons, (四) 无法提供, (五) 不予处理, (六) 其他处理 — tickets do not record the outcome of an
     * application, only that it was answered; and the columns by applicant (自然人, 商业企业,
     * 科研机构, 社会公益组织, 法律服务机构, 其他) — tickets do not record who applied. These are
     * listed in {@link #notAvailable} so that a screen can say so rather than show zeros.
     *
     * @param newlyReceived  一 本年新收: received in the period
     * @param carriedOver    二 上年结转: received before the period, not yet resolved when it began
     * @param resolved       三(七) 总计: resolved (answered, or closed) in the period
     * @param carriedForward 四 结转下年度: not resolved at the end of the period
     * @param balanced       the report's invariant 一 + 二 = 三(七) + 四 holds (always, by construction;
     *                       false would be a bug and is shown rather than hidden)
     * @param notAvailable   the rows and columns of table 三 these figures cannot fill
     */
    public record Disclosure(long newlyReceived, long carriedOver, long resolved, long carriedForward,
            boolean balanced, List<String> notAvailable) {
        public Disclosure {
            notAvailable = List.copyOf(notAvailable);
        }
    }

    /**
     * 热线电话: the calls of the period (by the time they started, or were logged when no start was
     * reported), as the call log records them. Every call is in exactly one of answeredOnCall,
     * escalated and notLogged.
     *
     * @param calls            calls in the period
     * @param answeredOnCall   answered during the call: the operator logged the answer given, and
     *                         did not escalate it
     * @param escalated        made a ticket with a number to call back (转办)
     * @param notLogged        neither an answer nor a ticket logged (hung up, or not written down)
     * @param callBacksDone    of the escalated, those whose ticket the department answered by
     *                         {@link Period#asOf} (the caller was called back, 回访)
     * @param callBacksPending of the escalated, those whose ticket was not answered by then
     * @param withoutNumber    calls with the caller's number withheld
     * @param byDepartment     the escalated calls by the department their ticket went to
     */
    public record Hotline(long calls, long answeredOnCall, long escalated, long notLogged, long callBacksDone,
            long callBacksPending, long withoutNumber, List<DepartmentCount> byDepartment) {
        public Hotline {
            byDepartment = List.copyOf(byDepartment);
        }
    }

    /** A count for one department (by id, with its configured name). */
    public record DepartmentCount(String department, String departmentName, long count) {
    }

    /**
     * 在线访谈: the questions submitted in the period, to every event.
     *
     * @param askers             submissions, near-duplicates merged into another included: the
     *                           people who asked
     * @param questions          distinct questions (submissions less those merged into another)
     * @param answeredByGuests   answered on the spot by a guest (嘉宾)
     * @param answeredByBot      answered on the spot by the bot
     * @param answeredAfterEvent answered after the event (会后答复, through its ticket), by {@link Period#asOf}
     * @param awaitingAnswer     not answered yet: in the queue, or escalated and not answered
     * @param rejected           not published by the moderator
     * @param medianWorkingDaysToLaterAnswer over the questions answered after the event, the median of
     *                           the working days from the question to its answer; null when none
     * @param byInterview        the same per event, oldest first
     */
    public record Interviews(long askers, long questions, long answeredByGuests, long answeredByBot,
            long answeredAfterEvent, long awaitingAnswer, long rejected, Double medianWorkingDaysToLaterAnswer,
            List<InterviewFigures> byInterview) {
        public Interviews {
            byInterview = List.copyOf(byInterview);
        }
    }

    /** One event's figures (see {@link Interviews}); startsOn: the Beijing date it was scheduled to start. */
    public record InterviewFigures(long interviewId, String title, String startsOn, long askers, long questions,
            long answeredByGuests, long answeredByBot, long answeredAfterEvent, long awaitingAnswer, long rejected,
            Double medianWorkingDaysToLaterAnswer) {
    }

    /**
     * 来信: letters to the named mailboxes (tickets with a mailbox) received in the period.
     *
     * @param received  letters received in the period
     * @param answered  of those, answered by {@link Period#asOf}
     * @param byType    received, by 诉求类型, every letter type listed
     * @param byMailbox the same per mailbox
     */
    public record Letters(long received, long answered, List<TypeCount> byType, List<MailboxLetters> byMailbox) {
        public Letters {
            byType = List.copyOf(byType);
            byMailbox = List.copyOf(byMailbox);
        }
    }

    /** Letters of one type: its id (consultation …) and its name (咨询 …). */
    public record TypeCount(String type, String typeName, long count) {
    }

    /** One mailbox's letters, by id and configured name (the id of a mailbox no longer configured). */
    public record MailboxLetters(String mailbox, String mailboxName, long received, long answered,
            List<TypeCount> byType) {
        public MailboxLetters {
            byType = List.copyOf(byType);
        }
    }
}
