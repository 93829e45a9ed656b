package org.wenzheng.server.applications;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.applications.Choices.ApplicantType;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * 受理回执: the notice that an application was received, as a page to print (A4, the office's
 * name, the day of receipt, the deadline on the working-day calendar and the rules that move it).
 * The applicant opens it with the code and key; the identity number appears masked even there, as
 * the page may be printed or forwarded. Every value is HTML-escaped.
 */
final class ReceiptPage {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.ROOT);

    private ReceiptPage() {
    }

    /**
     * @param office the department that handles the application (its name)
     * @param limits the disclosure deadlines (answer days, extension, 补正)
     */
    static String render(ApplicationStore.Stored a, String office, LocalDate deadline, DeadlineRules.Limits limits) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>政府信息公开申请受理回执 ").append(e(a.code())).append("</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/apply.css\">\n")
                .append("<script src=\"/apply-receipt.js\" defer></script>\n</head>\n<body class=\"receipt\">\n")
                .append("<main class=\"receipt-sheet\">\n")
                .append("<h1>政府信息公开申请受理回执</h1>\n")
                .append("<p class=\"receipt-number\">编号：<span id=\"receipt-code\">").append(e(a.code()))
                .append("</span></p>\n");
        String who = a.applicantType() == ApplicantType.NATURAL ? a.name() : a.organisation();
        b.append("<p class=\"receipt-to\">").append(e(who)).append("：</p>\n");
        b.append("<p>您（单位）提交的政府信息公开申请，本机关已于 <strong id=\"receipt-received\">")
                .append(DAY.format(a.receivedOn())).append("</strong>（").append(via(a.via()))
                .append("）收到。根据《中华人民共和国政府信息公开条例》第三十三条，本机关将在收到申请之日起 ")
                .append(limits.answerDays()).append(" 个工作日内，即 <strong id=\"receipt-deadline\">")
                .append(DAY.format(deadline)).append("</strong> 前（含当日）作出答复。</p>\n");
        b.append("<table class=\"receipt-facts\">\n");
        row(b, "申请人类型", a.applicantType().label()
                + (a.organisationType() == null ? "" : "（" + a.organisationType().label() + "）"));
        if (a.applicantType() == ApplicantType.LEGAL) {
            row(b, "名称", a.organisation());
            row(b, "统一社会信用代码", a.creditCode());
            row(b, "联系人", a.name());
        } else {
            row(b, "姓名", a.name());
        }
        if (a.idType() != null) {
            row(b, "身份证明", a.idType().label() + " " + a.idNumberMasked());
        }
        row(b, "所需政府信息", a.request());
        if (a.docReference() != null) {
            row(b, "文号或名称", a.docReference());
        }
        row(b, "信息的提供形式", a.form().label());
        row(b, "获取信息的方式", a.delivery().label());
        row(b, "办理机关", office);
        b.append("</table>\n");
        b.append("<h2>请您知悉</h2>\n<ol class=\"receipt-rules\">\n");
        if (limits.correctionWithinDays() > 0) {
            b.append("<li>申请内容不明确的，本机关将在收到申请之日起 ").append(limits.correctionWithinDays())
                    .append(" 个工作日内一次性告知您补正；答复期限自收到补正之日起计算。无正当理由逾期不补正的，视为放弃申请（第三十条）。</li>\n");
        }
        if (limits.maxExtensionDays() > 0) {
            b.append("<li>需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过 ")
                    .append(limits.maxExtensionDays()).append(" 个工作日（第三十三条）。</li>\n");
        }
        b.append("<li>需要征求第三方或者其他机关意见的，所需时间不计算在答复期限内（第三十二条、第三十三条）。</li>\n")
                .append("<li>工作日按国家法定节假日安排（含调休）计算。</li>\n")
                .append("<li>凭编号和查询密钥可在“办件查询”页面查看办理进度和答复。</li>\n</ol>\n");
        b.append("<p class=\"receipt-sign\">").append(e(office)).append("<br>")
                .append(DAY.format(a.receivedOn())).append("</p>\n");
        b.append("<p class=\"receipt-actions\"><button type=\"button\" id=\"receipt-print\">打印回执</button>")
                .append(" <a href=\"/track\">办件查询</a></p>\n");
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String via(ApplicationStore.Via via) {
        return switch (via) {
            case ONLINE -> "网上提交";
            case POST -> "邮寄，以签收之日为准";
            case COUNTER -> "当面提交";
        };
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<tr><th scope=\"row\">").append(label).append("</th><td>").append(e(value)).append("</td></tr>\n");
    }

    private static String e(String s) {
        return s == null ? "" : Entities.escape(s);
    }
}
