package org.wenzheng.server.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A report as an XLSX workbook (Apache POI), for Excel and WPS. Two sheets:
 * <ul>
 *   <li>{@value #OVERVIEW}: a table per channel, as /admin's reports tab shows them;
 *   <li>{@value #TABLE_THREE}: table 三 of the annual report (政府信息公开工作年度报告,
 *       国办公开办函〔2021〕30号), 收到和处理政府信息公开申请情况, in the template's layout: its rows
 *       and its applicant columns. The cells our data fills are numbers; those it cannot fill
 *       (the outcome rows and the applicant columns, see {@link Report.Disclosure#notAvailable})
 *       are left empty and shaded, with a note saying why, so that a blank is never read as zero.
 * </ul>
 * Numbers are numeric cells (they sum and sort); names are text cells, never formulas.
 */
final class ReportXlsx {
    static final String OVERVIEW = "统计概览";
    static final String TABLE_THREE = "表三 依申请公开";
    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** The applicant columns of table 三, after the three label columns. */
    static final List<String> APPLICANTS = List.of("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
            "总计");
    /** The column of 总计 in table 三 (0-based): three label columns, then the applicants. */
    static final int TOTAL_COLUMN = 3 + APPLICANTS.size() - 1;

    private final XSSFWorkbook book = new XSSFWorkbook();
    private final CellStyle title;
    private final CellStyle header;
    private final CellStyle text;
    private final CellStyle number;
    private final CellStyle decimal;
    private final CellStyle unavailable;
    private final CellStyle note;

    private ReportXlsx() {
        Font bold = book.createFont();
        bold.setBold(true);
        Font big = book.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = book.createCellStyle();
        title.setFont(big);
        header = bordered();
        header.setFont(bold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setWrapText(true);
        text = bordered();
        text.setWrapText(true);
        number = bordered();
        number.setDataFormat(book.createDataFormat().getFormat("0"));
        decimal = bordered();
        decimal.setDataFormat(book.createDataFormat().getFormat("0.0"));
        unavailable = bordered();
        unavailable.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        unavailable.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        note = book.createCellStyle();
        note.setWrapText(true);
    }

    private CellStyle bordered() {
        CellStyle s = book.createCellStyle();
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        s.setVerticalAlignment(VerticalAlignment.CENTER);
        return s;
    }

    static byte[] write(Report r) {
        ReportXlsx x = new ReportXlsx();
        try (XSSFWorkbook book = x.book) {
            x.overview(r);
            x.tableThree(r);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report's workbook", e);
        }
    }

    // ------------------------------------------------------------------ 统计概览

    private void overview(Report r) {
        Sheet s = book.createSheet(OVERVIEW);
        s.setColumnWidth(0, 28 * 256);
        for (int c = 1; c < 10; c++) {
            s.setColumnWidth(c, 14 * 256);
        }
        int[] at = {0};
        titleRow(s, at, "统计期间：" + r.period().from() + " 至 " + r.period().lastDay() + "（北京时间）");
        at[0]++;

        Report.Questions q = r.questions();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("合计", q.total(), q.answeredByBot(), q.notAnsweredByBot(), q.handedToStaff()));
        q.byChannel().forEach(c -> rows.add(List.of(c.channelName(), c.questions(), c.answeredByBot(),
                c.notAnsweredByBot(), c.handedToStaff())));
        table(s, at, "市民提问（网站、接口等）", List.of("渠道", "提问", "机器人当场答复", "未当场答复", "转人工办理（工单）"),
                rows);

        Report.Hotline h = r.hotline();
        table(s, at, "热线电话", List.of("来电", "通话中答复", "转办工单", "未记录答复或转办", "已回访（工单已答复）", "待回访",
                "未显示号码"), List.of(List.of(h.calls(), h.answeredOnCall(), h.escalated(), h.notLogged(),
                h.callBacksDone(), h.callBacksPending(), h.withoutNumber())));
        List<List<Object>> departments = new ArrayList<>();
        h.byDepartment().forEach(d -> departments.add(List.of(d.departmentName(), d.count())));
        table(s, at, "热线电话 转办部门", List.of("转办部门", "转办工单"), departments);

        Report.Interviews i = r.interviews();
        List<List<Object>> events = new ArrayList<>();
        events.add(row("合计", i.askers(), i.questions(), i.answeredByGuests(), i.answeredByBot(),
                i.answeredAfterEvent(), i.awaitingAnswer(), i.rejected(), i.medianWorkingDaysToLaterAnswer()));
        i.byInterview().forEach(e -> events.add(row(e.title() + "（" + e.startsOn() + "）", e.askers(), e.questions(),
                e.answeredByGuests(), e.answeredByBot(), e.answeredAfterEvent(), e.awaitingAnswer(), e.rejected(),
                e.medianWorkingDaysToLaterAnswer())));
        table(s, at, "在线访谈", List.of("访谈", "提问人次", "问题（合并后）", "嘉宾现场答复", "机器人现场答复", "会后答复",
                "待答复", "未采用", "会后答复用时中位数（工作日）"), events);

        Report.Letters l = r.letters();
        List<String> letterHeaders = new ArrayList<>(List.of("信箱", "收信", "已答复"));
        l.byType().forEach(t -> letterHeaders.add(t.typeName()));
        List<List<Object>> mailboxes = new ArrayList<>();
        mailboxes.add(letterRow("合计", l.received(), l.answered(), l.byType()));
        l.byMailbox().forEach(m -> mailboxes.add(letterRow(m.mailboxName(), m.received(), m.answered(), m.byType())));
        table(s, at, "来信", letterHeaders, mailboxes);

        Report.Tickets t = r.tickets();
        List<List<Object>> tickets = new ArrayList<>();
        tickets.add(row("合计", t.created(), t.answered(), t.answeredOnTime(), t.answeredLate(), t.open(),
                t.openOverdue(), t.medianWorkingDaysToAnswer()));
        t.byDepartment().forEach(d -> tickets.add(row(d.departmentName(), d.created(), d.answered(), d.answeredOnTime(),
                d.answeredLate(), d.open(), d.openOverdue(), d.medianWorkingDaysToAnswer())));
        table(s, at, "工单", List.of("部门", "新建", "答复", "按期答复", "逾期答复", "未办结", "其中已逾期",
                "答复用时中位数（工作日）"), tickets);

        List<List<Object>> missing = new ArrayList<>();
        r.notAvailable().forEach(n -> missing.add(List.of(n.figure(), n.reason())));
        table(s, at, "暂无数据", List.of("项目", "原因"), missing);
    }

    /** A row whose values may be null (a median of nothing), shown as an empty cell. */
    private static List<Object> row(Object... values) {
        List<Object> row = new ArrayList<>();
        for (Object v : values) {
            row.add(v);
        }
        return row;
    }

    private static List<Object> letterRow(String name, long received, long answered, List<Report.TypeCount> types) {
        List<Object> row = new ArrayList<>(List.of(name, received, answered));
        types.forEach(t -> row.add(t.count()));
        return row;
    }

    private void titleRow(Sheet s, int[] at, String value) {
        Cell c = s.createRow(at[0]++).createCell(0);
        c.setCellValue(value);
        c.setCellStyle(title);
    }

    private void table(Sheet s, int[] at, String name, List<String> headers, List<List<Object>> rows) {
        titleRow(s, at, name);
        Row head = s.createRow(at[0]++);
        for (int c = 0; c < headers.size(); c++) {
            Cell cell = head.createCell(c);
            cell.setCellValue(headers.get(c));
            cell.setCellStyle(header);
        }
        for (List<Object> values : rows) {
            Row row = s.createRow(at[0]++);
            for (int c = 0; c < values.size(); c++) {
                value(row.createCell(c), values.get(c));
            }
        }
        if (rows.isEmpty()) {
            Cell cell = s.createRow(at[0]++).createCell(0);
            cell.setCellValue("本期没有");
            cell.setCellStyle(note);
        }
        at[0]++;
    }

    private void value(Cell cell, Object v) {
        if (v instanceof Long || v instanceof Integer) {
            cell.setCellValue(((Number) v).doubleValue());
            cell.setCellStyle(number);
        } else if (v instanceof Double d) {
            cell.setCellValue(d);
            cell.setCellStyle(decimal);
        } else {
            cell.setCellValue(v == null ? "" : v.toString());
            cell.setCellStyle(text);
        }
    }

    // ------------------------------------------------------------------ 表三

    /** A row of table 三: its labels in the three label columns, and the 总计 it has, or null. */
    private record Line(String first, String second, String third, Long total) {
    }

    private void tableThree(Report r) {
        Report.Disclosure d = r.disclosure();
        Sheet s = book.createSheet(TABLE_THREE);
        s.setColumnWidth(0, 16 * 256);
        s.setColumnWidth(1, 16 * 256);
        s.setColumnWidth(2, 40 * 256);
        for (int c = 3; c <= TOTAL_COLUMN; c++) {
            s.setColumnWidth(c, 12 * 256);
        }
        int[] at = {0};
        titleRow(s, at, "三、收到和处理政府信息公开申请情况");
        titleRow(s, at, "统计期间：" + r.period().from() + " 至 " + r.period().lastDay());

        int top = at[0];
        Row h1 = s.createRow(top);
        Row h2 = s.createRow(top + 1);
        Row h3 = s.createRow(top + 2);
        for (Row h : List.of(h1, h2, h3)) {
            for (int c = 0; c <= TOTAL_COLUMN; c++) {
                h.createCell(c).setCellStyle(header);
            }
        }
        h1.getCell(0).setCellValue("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
        merge(s, top, top + 2, 0, 2);
        h1.getCell(3).setCellValue("申请人情况");
        merge(s, top, top, 3, TOTAL_COLUMN);
        h2.getCell(3).setCellValue(APPLICANTS.get(0));
        merge(s, top + 1, top + 2, 3, 3);
        h2.getCell(4).setCellValue("法人或其他组织");
        merge(s, top + 1, top + 1, 4, 8);
        for (int c = 4; c <= 8; c++) {
            h3.getCell(c).setCellValue(APPLICANTS.get(c - 3));
        }
        h2.getCell(TOTAL_COLUMN).setCellValue("总计");
        merge(s, top + 1, top + 2, TOTAL_COLUMN, TOTAL_COLUMN);
        at[0] = top + 3;

        line(s, at, new Line("一、本年新收政府信息公开申请数量", null, null, d.newlyReceived()));
        line(s, at, new Line("二、上年结转政府信息公开申请数量", null, null, d.carriedOver()));
        int results = at[0];
        line(s, at, new Line("三、本年度办理结果", "（一）予以公开", null, null));
        line(s, at, new Line(null, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", null, null));
        group(s, at, "（三）不予公开", List.of("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
                "8.属于行政查询事项"));
        group(s, at, "（四）无法提供", List.of("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                "3.补正后申请内容仍不明确"));
        group(s, at, "（五）不予处理", List.of("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"));
        group(s, at, "（六）其他处理", List.of("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"));
        line(s, at, new Line(null, "（七）总计", null, d.resolved()));
        merge(s, results, at[0] - 1, 0, 0);
        line(s, at, new Line("四、结转下年度继续办理", null, null, d.carriedForward()));

        at[0]++;
        Cell check = s.createRow(at[0]++).createCell(0);
        check.setCellValue("总计列 一＋二＝三（七）＋四：" + (d.balanced() ? "成立" : "不成立（数据有误，请联系技术人员）"));
        Cell why = s.createRow(at[0]++).createCell(0);
        why.setCellValue("灰色单元格暂无数据（不是零）：" + String.join("；", d.notAvailable())
                + "。工单只记录申请已答复或已关闭，不记录办理结果的类别和申请人类型。");
        why.setCellStyle(note);
        merge(s, at[0] - 1, at[0] - 1, 0, TOTAL_COLUMN);
        s.getRow(at[0] - 1).setHeightInPoints(48);
    }

    /** A row of table 三 with the applicant cells, 总计 filled when known. */
    private void line(Sheet s, int[] at, Line l) {
        Row row = s.createRow(at[0]);
        for (int c = 0; c <= 2; c++) {
            row.createCell(c).setCellStyle(text);
        }
        if (l.first() != null) {
            row.getCell(0).setCellValue(l.first());
        }
        if (l.second() != null) {
            row.getCell(1).setCellValue(l.second());
        }
        if (l.third() != null) {
            row.getCell(2).setCellValue(l.third());
        }
        if (l.second() == null && l.third() == null) {
            merge(s, at[0], at[0], 0, 2);
        } else if (l.third() == null) {
            merge(s, at[0], at[0], 1, 2);
        }
        for (int c = 3; c <= TOTAL_COLUMN; c++) {
            Cell cell = row.createCell(c);
            if (c == TOTAL_COLUMN && l.total() != null) {
                cell.setCellValue(l.total());
                cell.setCellStyle(number);
            } else {
                cell.setCellStyle(unavailable);
            }
        }
        at[0]++;
    }

    /** A row heading with its reasons, one row each, none of which our data fills. */
    private void group(Sheet s, int[] at, String heading, List<String> reasons) {
        int first = at[0];
        for (String reason : reasons) {
            line(s, at, new Line(null, at[0] == first ? heading : null, reason, null));
        }
        merge(s, first, at[0] - 1, 1, 1);
    }

    private static void merge(Sheet s, int firstRow, int lastRow, int firstCol, int lastCol) {
        if (firstRow != lastRow || firstCol != lastCol) {
            s.addMergedRegion(new CellRangeAddress(firstRow, lastRow, firstCol, lastCol));
        }
    }
}
