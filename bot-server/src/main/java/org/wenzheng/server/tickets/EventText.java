package org.wenzheng.server.tickets;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wenzheng.server.chat.ChannelNames;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * A ticket event as staff read it: a Chinese label for its kind, and its detail in Chinese with
 * department and channel names in place of ids.
 *
 * <p>{@link TicketService} stores each kind's detail in one fixed form, with ids, dates and
 * addresses (for instance {@code routed} as {@code office: keyword '路灯' in the question},
 * {@code transferred} as {@code office → civil (reason)}), and this reads that form back. Reading
 * it rather than storing Chinese keeps every event ever stored readable, and shows a department
 * by the name it has now. A detail in no known form (a note, or a form a later version writes) is
 * shown as it is, so nothing is ever hidden.
 */
final class EventText {
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("created", "已创建"),
            Map.entry("linked", "已并单"),
            Map.entry("duplicate", "收到相同问题"),
            Map.entry("routed", "已分派"),
            Map.entry("escalated", "已通知部门"),
            Map.entry("transferred", "已转交"),
            Map.entry("extended", "已延期"),
            Map.entry("correction_requested", "已要求补正"),
            Map.entry("correction_mailed", "已发送补正通知"),
            Map.entry("receipt_mailed", "已发送受理回执"),
            Map.entry("correction_received", "已收到补正"),
            Map.entry("answered", "已答复"),
            Map.entry("answer_again", "再次答复"),
            Map.entry("answer_mailed", "已发送答复"),
            Map.entry("reminded", "已提醒"),
            Map.entry("overdue", "已超期"),
            Map.entry("closed", "已关闭"),
            Map.entry("taken", "已领取"),
            Map.entry("assigned", "已指派"),
            Map.entry("supplemented", "来信人补充"),
            Map.entry("supplement_mailed", "已通知补充"),
            Map.entry("attachment_added", "附件"),
            Map.entry("rated", "市民评价"),
            Map.entry("reopened", "不满意重办"),
            Map.entry("letter_published", "信件已公开"),
            Map.entry("letter_publication_edited", "已修改公开稿"),
            Map.entry("letter_withdrawn", "已撤回公开"));

    /** How an answer arrived ({@code via}): the page, or a reply connector by its configured name. */
    private static final Map<String, String> VIA = Map.of("admin", "管理页面", "mail", "邮件");

    private static final Map<String, String> STATUS = Map.of("open", "办理中", "correction", "待补正",
            "answered", "已答复", "closed", "已关闭");

    private static final String CODE = "(WZ-\\d{8}-\\d{4})";
    private static final String DATE = "(\\d{4}-\\d{2}-\\d{2})";
    /** A staff reason, as {@code TicketService.reasonText} appends it. */
    private static final String REASON = "(?: \\((.*)\\))?";
    private static final Pattern CREATED = Pattern.compile("channel (\\S+), type ([^,\\s]+)(?:, mailbox (\\S+))?");
    private static final Pattern LINKED = Pattern.compile("same question as " + CODE);
    private static final Pattern DUPLICATE = Pattern.compile(CODE + " asks the same question");
    private static final Pattern ROUTED = Pattern.compile("([^:\\s]+): (.*)", Pattern.DOTALL);
    private static final Pattern TO = Pattern.compile("to (.+)");
    private static final Pattern FROM = Pattern.compile("from (.+)");
    private static final Pattern TRANSFERRED = Pattern.compile("(\\S+) → (\\S+)" + REASON, Pattern.DOTALL);
    private static final Pattern EXTENDED = Pattern.compile("(\\d+) working days, deadline " + DATE + " → " + DATE
            + REASON, Pattern.DOTALL);
    private static final Pattern RESTARTED = Pattern.compile("clock restarted " + DATE + ", deadline " + DATE);
    private static final Pattern ANSWERED = Pattern.compile("via (\\S+?)(?:, with " + CODE + ")?");
    private static final Pattern ANSWER_AGAIN = Pattern.compile("via (\\S+), not recorded \\(ticket is (\\S+)\\): (.*)",
            Pattern.DOTALL);
    private static final Pattern REMINDED = Pattern.compile("deadline " + DATE + ", to (.+)");
    private static final Pattern OVERDUE = Pattern.compile("deadline " + DATE + " passed, to (.+)");
    private static final String CITIZENS_ADDRESS = "to the citizen's address";

    /** The rules of {@link Router}, as it words them. */
    private static final Pattern RULE_KEYWORD = Pattern.compile("keyword '(.*)' in the question");
    private static final Pattern RULE_DOCUMENT = Pattern.compile("candidate document (《.*》) matches '(.*)'");
    private static final Pattern RULE_ISSUER = Pattern.compile("candidate issuer (.*) matches '(.*)'");
    private static final Pattern RULE_CATEGORY = Pattern.compile("candidate category (.*)");
    private static final String RULE_DEFAULT = "no rule matched: default department";
    private static final Pattern RULE_MAILBOX = Pattern.compile("no rule matched: the first department of mailbox (\\S+)");

    private final Function<String, String> departmentName;
    private final Function<String, String> mailboxName;

    /**
     * @param departmentName a department's name by its id (the id itself for one no longer configured)
     * @param mailboxName    a mailbox's name by its id, likewise
     */
    EventText(Function<String, String> departmentName, Function<String, String> mailboxName) {
        this.departmentName = departmentName;
        this.mailboxName = mailboxName;
    }

    /** The label of a kind; a kind this version does not know is shown as it is. */
    static String label(String kind) {
        return LABELS.getOrDefault(kind, kind);
    }

    /** Who acted: a username or an officer's address, or 系统. */
    static String actor(String actor) {
        return TicketService.SYSTEM.equals(actor) ? "系统" : TicketService.CITIZEN.equals(actor) ? "市民" : actor;
    }

    /** The detail in Chinese. */
    String detail(String kind, String detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        Matcher m;
        switch (kind) {
            case "created":
                if ((m = CREATED.matcher(detail)).matches()) {
                    return "来源：" + ChannelNames.of(m.group(1)) + "，类型：" + typeLabel(m.group(2))
                            + (m.group(3) == null ? "" : "，信箱：" + mailboxName.apply(m.group(3)));
                }
                break;
            case "linked":
                if ((m = LINKED.matcher(detail)).matches()) {
                    return "与 " + m.group(1) + " 问题相同，已并入该工单";
                }
                break;
            case "duplicate":
                if ((m = DUPLICATE.matcher(detail)).matches()) {
                    return m.group(1) + " 提出了相同问题，已并入本工单";
                }
                break;
            case "routed":
                if ((m = ROUTED.matcher(detail)).matches()) {
                    return departmentName.apply(m.group(1)) + "（" + rule(m.group(2)) + "）";
                }
                break;
            case "escalated":
            case "supplement_mailed":
                if ((m = TO.matcher(detail)).matches()) {
                    return "通知已发往 " + m.group(1);
                }
                break;
            case "attachment_added":
                if ((m = TicketService.ATTACHMENT_DETAIL.matcher(detail)).matches()) {
                    return m.group(1) + "（" + m.group(2) + " 字节）";
                }
                break;
            case "assigned":
                if ((m = TO.matcher(detail)).matches()) {
                    return "指派给 " + m.group(1);
                }
                break;
            case "taken":
                if ((m = FROM.matcher(detail)).matches()) {
                    return "原由 " + m.group(1) + " 办理";
                }
                break;
            case "transferred":
                if ((m = TRANSFERRED.matcher(detail)).matches()) {
                    return departmentName.apply(m.group(1)) + " → " + departmentName.apply(m.group(2))
                            + reason(m.group(3));
                }
                break;
            case "extended":
                if ((m = EXTENDED.matcher(detail)).matches()) {
                    return "延长 " + m.group(1) + " 个工作日，答复期限 " + m.group(2) + " → " + m.group(3)
                            + reason(m.group(4));
                }
                break;
            case "correction_received":
                if ((m = RESTARTED.matcher(detail)).matches()) {
                    return "自 " + m.group(1) + " 重新计时，答复期限 " + m.group(2);
                }
                break;
            case "answered":
                if ((m = ANSWERED.matcher(detail)).matches()) {
                    return "经" + via(m.group(1)) + "答复" + (m.group(2) == null ? "" : "，随 " + m.group(2) + " 一并答复");
                }
                break;
            case "answer_again":
                if ((m = ANSWER_AGAIN.matcher(detail)).matches()) {
                    return "经" + via(m.group(1)) + "再次答复，工单" + STATUS.getOrDefault(m.group(2), m.group(2))
                            + "，未记录：" + m.group(3);
                }
                break;
            case "answer_mailed":
            case "correction_mailed":
            case "receipt_mailed":
                if (detail.equals(CITIZENS_ADDRESS)) {
                    return "已发往市民留下的邮箱";
                }
                break;
            case "reminded":
                if ((m = REMINDED.matcher(detail)).matches()) {
                    return "答复期限 " + m.group(1) + "，提醒已发往 " + m.group(2);
                }
                break;
            case "overdue":
                if ((m = OVERDUE.matcher(detail)).matches()) {
                    return "答复期限 " + m.group(1) + " 已过，已通知 " + m.group(2);
                }
                break;
            default:
                break;
        }
        return detail;
    }

    private static String rule(String rule) {
        Matcher m;
        if (rule.equals(RULE_DEFAULT)) {
            return "未匹配任何规则，交默认部门";
        }
        if (RULE_MAILBOX.matcher(rule).matches()) {
            return "未匹配任何规则，交该信箱的首个承办部门";
        }
        if ((m = RULE_KEYWORD.matcher(rule)).matches()) {
            return "问题含关键词“" + m.group(1) + "”";
        }
        if ((m = RULE_DOCUMENT.matcher(rule)).matches()) {
            return "候选文件" + m.group(1) + "符合“" + m.group(2) + "”";
        }
        if ((m = RULE_ISSUER.matcher(rule)).matches()) {
            return "候选文件发文机关" + m.group(1) + "符合“" + m.group(2) + "”";
        }
        if ((m = RULE_CATEGORY.matcher(rule)).matches()) {
            return "候选文件类别：" + m.group(1);
        }
        return rule;
    }

    private static String typeLabel(String type) {
        try {
            return TicketType.of(type).label();
        } catch (IllegalArgumentException e) {
            return type;
        }
    }

    private static String via(String via) {
        return VIA.getOrDefault(via, via);
    }

    private static String reason(String reason) {
        return reason == null ? "" : "，说明：" + reason;
    }
}
