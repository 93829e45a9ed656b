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

        byte[] text = csv.out.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(BOM.length + text.length);
        bytes.writeBytes(BOM);
        bytes.writeBytes(text);
        return bytes.toByteArray();
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
