package org.wenzheng.server.reports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A report as CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel on Chinese
 * Windows reads UTF-8 as GBK and shows mojibake), CRLF line ends, RFC 4180 quoting, and Chinese
 * headers. One long table of 项目 (figure), 分组 (channel or department by name, 合计 for all), 数值
 * (value), so that it sorts and filters as one sheet.
 */
final class ReportCsv {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String ALL = "合计";

    private final StringBuilder out = new StringBuilder();

    private ReportCsv() {
    }

    static byte[] write(Report r) {
        ReportCsv csv = new ReportCsv();
        csv.row("项目", "分组", "数值");
        Report.Period p = r.period();
        csv.row("统计期间", ALL, p.from() + " 至 " + p.lastDay());
        csv.row("未办结工单统计时点（UTC）", ALL, p.asOf());

        Report.Questions q = r.questions();
        csv.row("咨询问题数", ALL, q.total());
        for (Report.ChannelQuestions c : q.byChannel()) {
            csv.row("咨询问题数", c.channelName(), c.questions());
        }
        csv.row("机器人当场答复数", ALL, q.answeredByBot());
        for (Report.ChannelQuestions c : q.byChannel()) {
            csv.row("机器人当场答复数", c.channelName(), c.answeredByBot());
        }
        csv.row("机器人未能答复数", ALL, q.notAnsweredByBot());
        for (Report.ChannelQuestions c : q.byChannel()) {
            csv.row("机器人未能答复数", c.channelName(), c.notAnsweredByBot());
        }
        csv.row("转人工办理数（工单）", ALL, q.handedToStaff());
        for (Report.ChannelQuestions c : q.byChannel()) {
            csv.row("转人工办理数（工单）", c.channelName(), c.handedToStaff());
        }

        Report.Tickets t = r.tickets();
        csv.tickets(ALL, t.created(), t.answered(), t.answeredOnTime(), t.answeredLate(), t.open(), t.openOverdue(),
                t.medianWorkingDaysToAnswer());
        for (Report.DepartmentTickets d : t.byDepartment()) {
            csv.tickets(d.departmentName(), d.created(), d.answered(), d.answeredOnTime(), d.answeredLate(), d.open(),
                    d.openOverdue(), d.medianWorkingDaysToAnswer());
        }

        Report.Disclosure d = r.disclosure();
        csv.row("依申请公开 一、本期新收", ALL, d.newlyReceived());
        csv.row("依申请公开 二、上期结转", ALL, d.carriedOver());
        csv.row("依申请公开 三（七）、办理结果总计", ALL, d.resolved());
        csv.row("依申请公开 四、结转下期", ALL, d.carriedForward());
        csv.row("依申请公开 一＋二＝三（七）＋四", ALL, d.balanced() ? "成立" : "不成立");
        for (String missing : d.notAvailable()) {
            csv.row("依申请公开 暂无数据", missing, "");
        }

        csv.hotline(r.hotline());
        csv.interviews(r.interviews());
        csv.letters(r.letters());
        for (Report.NotAvailable n : r.notAvailable()) {
            csv.row("暂无数据：" + n.figure(), ALL, n.reason());
        }

        byte[] text = csv.out.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BOM.length + text.length);
        bytes.writeBytes(BOM);
        bytes.writeBytes(text);
        return bytes.toByteArray();
    }

    private void hotline(Report.Hotline h) {
        row("热线 来电数", ALL, h.calls());
        row("热线 通话中答复数", ALL, h.answeredOnCall());
        row("热线 转办工单数", ALL, h.escalated());
        for (Report.DepartmentCount d : h.byDepartment()) {
            row("热线 转办工单数", d.departmentName(), d.count());
        }
        row("热线 未记录答复或转办数", ALL, h.notLogged());
        row("热线 已回访数（工单已答复）", ALL, h.callBacksDone());
        row("热线 待回访数", ALL, h.callBacksPending());
        row("热线 未显示号码来电数", ALL, h.withoutNumber());
    }

    private void interviews(Report.Interviews i) {
        interview(ALL, i.askers(), i.questions(), i.answeredByGuests(), i.answeredByBot(), i.answeredAfterEvent(),
                i.awaitingAnswer(), i.rejected(), i.medianWorkingDaysToLaterAnswer());
        for (Report.InterviewFigures f : i.byInterview()) {
            interview(f.title() + "（" + f.startsOn() + "）", f.askers(), f.questions(), f.answeredByGuests(),
                    f.answeredByBot(), f.answeredAfterEvent(), f.awaitingAnswer(), f.rejected(),
                    f.medianWorkingDaysToLaterAnswer());
        }
    }

    private void interview(String group, long askers, long questions, long guests, long bot, long later,
            long awaiting, long rejected, Double median) {
        row("在线访谈 提问人次", group, askers);
        row("在线访谈 问题数（合并相同问题后）", group, questions);
        row("在线访谈 嘉宾现场答复数", group, guests);
        row("在线访谈 机器人现场答复数", group, bot);
        row("在线访谈 会后答复数", group, later);
        row("在线访谈 待答复数", group, awaiting);
        row("在线访谈 未采用数", group, rejected);
        row("在线访谈 会后答复用时中位数（工作日）", group, median == null ? "" : median.toString());
    }

    private void letters(Report.Letters l) {
        row("来信 收信数", ALL, l.received());
        row("来信 已答复数", ALL, l.answered());
        for (Report.TypeCount t : l.byType()) {
            row("来信 收信数（" + t.typeName() + "）", ALL, t.count());
        }
        for (Report.MailboxLetters m : l.byMailbox()) {
            row("来信 收信数", m.mailboxName(), m.received());
            row("来信 已答复数", m.mailboxName(), m.answered());
            for (Report.TypeCount t : m.byType()) {
                row("来信 收信数（" + t.typeName() + "）", m.mailboxName(), t.count());
            }
        }
    }

    private void tickets(String group, long created, long answered, long onTime, long late, long open, long overdue,
            Double median) {
        row("工单新建数", group, created);
        row("工单答复数", group, answered);
        row("按期答复数", group, onTime);
        row("超期答复数", group, late);
        row("未办结工单数", group, open);
        row("未办结且已超期数", group, overdue);
        row("答复用时中位数（工作日）", group, median == null ? "" : median.toString());
    }

    private void row(String item, String group, Object value) {
        out.append(cell(item)).append(',').append(cell(group)).append(',').append(cell(String.valueOf(value)))
                .append("\r\n");
    }

    /**
     * A cell: quoted when it holds a comma, quote or line break; a text starting with = + - @ (or a
     * tab or CR) gets a leading apostrophe, so a spreadsheet shows it instead of running it as a
     * formula (department and channel names are data). Numbers are written by us and never start so.
     */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
