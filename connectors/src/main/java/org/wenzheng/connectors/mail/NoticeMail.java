package org.wenzheng.connectors.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wenzheng.connectors.TicketNotice;

/**
 * Renders a {@link TicketNotice} as the subject and plain-text body of a mail, in Chinese.
 *
 * <p>Plain text only: officers answer from whatever client their office uses (Foxmail, Outlook,
 * a web mail), and plain text quotes cleanly, which is what lets {@link ReplyParser} find the new
 * text of a reply. The ticket code stays at the front of every subject so it survives the
 * {@code Re:}/{@code 回复：} prefixes clients add, and a reply whose threading headers were lost still
 * finds its ticket.
 */
final class NoticeMail {
    /** How much of the question the subject shows: enough to recognise it in a list of mails. */
    static final int SUBJECT_QUESTION_CHARS = 30;
    /** The users' time: every office Wenzheng serves keeps China Standard Time. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZONE);
    private static final Map<String, String> CHANNELS = Map.of(
            "web", "网页咨询",
            "hotline", "热线电话",
            "interview", "在线访谈",
            "api", "接口接入",
            "letter", "来信",
            "application", "政府信息公开申请表");
    private static final Map<String, String> ROLES = Map.of(
            "citizen", "市民",
            "bot", "问政机器人",
            "officer", "工作人员",
            "operator", "话务员",
            "system", "系统");
    /** A bot turn without text, as the chat page showed it (app.js). */
    static final String UNSURE_TURN = "（暂时无法确定答案）";
    private static final String RULE = "————————————————————";
    /** The citizens' page an answer mail may link to, to read and rate the answer. */
    static final String CITIZEN_PAGE = "/track#";

    private NoticeMail() {
    }

    static String subject(TicketNotice n) {
        String code = "[" + n.ticketCode() + "]";
        String q = shortQuestion(n.filing().title().orElse(n.question()));
        return switch (n.kind()) {
            case ESCALATION -> code + " 待办：" + q;
            case REMINDER -> "[催办] " + code + " " + n.deadline() + " 到期：" + q;
            case OVERDUE -> "[逾期] " + code + " 已于 " + n.deadline() + " 到期：" + q;
            case ANSWER -> "您的留言已答复 " + code;
            case CORRECTION -> "请补正您的申请 " + code;
            case SUPPLEMENT -> "[补充] " + code + " 来信人补充了材料：" + q;
            case REOPENED -> "[不满意重办] " + code + " " + n.deadline() + " 到期：" + q;
            case RECEIPT -> "政府信息公开申请受理回执 " + code;
        };
    }

    /**
     * The body of the mail.
     *
     * @throws IllegalArgumentException when an answer notice carries no answer: a bug of the
     *                                  caller, which retrying cannot fix
     */
    static String body(TicketNotice n) {
        StringBuilder b = new StringBuilder(2048);
        switch (n.kind()) {
            case ESCALATION -> {
                b.append(n.departmentName()).append("：\n\n");
                b.append(n.filing().mailboxName().map(m -> "市民致" + m + "的" + n.filing().typeName()
                        + "类来信已转由贵单位办理，请在答复期限前答复。\n\n")
                        .orElse("市民提出了一个问政机器人未能确切答复的问题，已转由贵单位办理，请在答复期限前答复。\n\n"));
                facts(b, n);
                conversation(b, n.conversation());
                candidates(b, n.candidates());
                howToReply(b, n);
            }
            case REMINDER -> {
                b.append(n.departmentName()).append("：\n\n");
                b.append("【催办】以下工单尚未答复，答复期限为 ").append(n.deadline()).append("，请尽快办理。\n\n");
                facts(b, n);
                candidates(b, n.candidates());
                howToReply(b, n);
            }
            case OVERDUE -> {
                b.append(n.departmentName()).append("负责人：\n\n");
                b.append("【逾期】以下工单已超过答复期限（").append(n.deadline())
                        .append("）仍未答复，请督促承办人员尽快办理。\n\n");
                facts(b, n);
                howToReply(b, n);
            }
            case ANSWER -> answer(b, n);
            case CORRECTION -> correction(b, n);
            case SUPPLEMENT -> {
                b.append(n.departmentName()).append("：\n\n");
                b.append("来信人对以下工单作了补充，请一并办理。\n\n");
                n.answer().filter(a -> !a.isBlank()).ifPresent(a -> b.append("补充内容：").append(a.strip())
                        .append("\n\n"));
                facts(b, n);
                howToReply(b, n);
            }
            case REOPENED -> {
                b.append(n.departmentName()).append("负责人：\n\n");
                b.append("【不满意重办】市民对以下工单的答复表示不满意，工单已重新打开，请督促重新办理并在新的答复期限（")
                        .append(n.deadline()).append("）前答复。\n\n");
                b.append("市民的意见：").append(n.answer().filter(a -> !a.isBlank()).map(String::strip)
                        .orElse("（未填写）")).append("\n\n");
                facts(b, n);
                howToReply(b, n);
            }
            case RECEIPT -> receipt(b, n);
        }
        b.append('\n').append(RULE).append('\n')
                .append("本邮件由问政系统自动发送。\n");
        return b.toString();
    }

    private static void facts(StringBuilder b, TicketNotice n) {
        b.append("工单编号：").append(n.ticketCode()).append('\n');
        b.append("类型：").append(n.filing().typeName()).append('\n');
        n.filing().mailboxName().ifPresent(m -> b.append("信箱：").append(m).append('\n'));
        n.filing().title().ifPresent(t -> b.append("标题：").append(t.strip()).append('\n'));
        b.append(n.filing().title().isPresent() ? "来信内容：" : "问题：").append(n.question().strip()).append('\n');
        b.append("渠道：").append(channel(n.channel())).append('\n');
        b.append("提问时间：").append(time(n.askedAt())).append("（北京时间）\n");
        b.append("答复期限：").append(n.deadline()).append("（含当日）\n");
        b.append("联系方式：").append(n.contact().filter(c -> !c.isBlank()).orElse("未留联系方式")).append('\n');
        attachments(b, n.filing().attachments());
    }

    /** The files by name and size: staff open them on the ticket's page, the mail never carries them. */
    private static void attachments(StringBuilder b, List<TicketNotice.Attachment> files) {
        if (files.isEmpty()) {
            return;
        }
        b.append("附件（").append(files.size()).append(" 个，请在工单页面查看下载）：\n");
        for (TicketNotice.Attachment a : files) {
            b.append("  · ").append(a.name()).append("（").append(size(a.bytes())).append("）\n");
        }
    }

    /** A size as people read it: 850 字节, 12.3 KB, 4.1 MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " 字节";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static void conversation(StringBuilder b, List<TicketNotice.Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        b.append('\n').append(RULE).append("\n此前的对话\n").append(RULE).append('\n');
        for (TicketNotice.Line line : lines) {
            b.append('[').append(time(line.at())).append("] ").append(ROLES.getOrDefault(line.role(), line.role()))
                    .append("：").append(lineText(line)).append('\n');
        }
    }

    /** What the citizen saw: a bot turn that found nothing is stored empty, the chat said 暂时无法确定答案. */
    private static String lineText(TicketNotice.Line line) {
        String text = line.text().strip();
        if (!text.isEmpty()) {
            return text;
        }
        return "bot".equals(line.role()) ? UNSURE_TURN : "（无内容）";
    }

    private static void candidates(StringBuilder b, List<TicketNotice.Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        b.append('\n').append(RULE).append("\n问政机器人找到的相关条文（供参考，请核实后引用）\n").append(RULE).append('\n');
        int i = 1;
        for (TicketNotice.Source s : sources) {
            b.append(i++).append(". 《").append(s.title().strip()).append('》');
            if (!s.article().isBlank()) {
                b.append(' ').append(s.article().strip());
            }
            b.append('\n');
            StringBuilder meta = new StringBuilder();
            appendMeta(meta, "文号", s.docNumber());
            appendMeta(meta, "发布机关", s.issuer());
            appendMeta(meta, "日期", s.date());
            if (meta.length() > 0) {
                b.append("   ").append(meta).append('\n');
            }
            if (!s.snippet().isBlank()) {
                b.append("   ").append(s.snippet().strip().replace("\n", "\n   ")).append('\n');
            }
        }
    }

    private static void appendMeta(StringBuilder meta, String label, String value) {
        if (value.isBlank()) {
            return;
        }
        if (meta.length() > 0) {
            meta.append("；");
        }
        meta.append(label).append("：").append(value.strip());
    }

    private static void howToReply(StringBuilder b, TicketNotice n) {
        b.append('\n').append(RULE).append("\n如何答复\n").append(RULE).append('\n');
        b.append("直接回复本邮件即可：写在引用的原邮件之上的文字，将作为答复发送给市民。\n");
        b.append("请保留邮件主题中的工单编号 ").append(n.ticketCode()).append("，并使用本单位登记的邮箱回复。\n");
        // The reply address carries this notice's token: a new mail to the plain address is not accepted.
        b.append("本邮件的回复地址为本工单专用，请直接点“回复”，不要改动收件人或另写新邮件，否则答复不会被采用。\n");
        n.ticketUrl().filter(u -> !u.isBlank())
                .ifPresent(u -> b.append("也可在管理后台办理（答复、转办、申请延期）：").append(u).append('\n'));
    }

    private static void answer(StringBuilder b, TicketNotice n) {
        String answer = n.answer().filter(a -> !a.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("answer notice " + n.id() + " carries no answer"));
        b.append("您好：\n\n");
        b.append("您于 ").append(time(n.askedAt())).append("（北京时间）通过").append(channel(n.channel()))
                .append("提出的问题，").append(n.departmentName()).append("已经答复。\n\n");
        b.append("工单编号：").append(n.ticketCode()).append('\n');
        b.append("您的问题：").append(n.question().strip()).append("\n\n");
        b.append("答复：\n").append(answer.strip()).append('\n');
        // Only a link to 办件查询: a citizen's mail never carries the address of a staff page.
        n.ticketUrl().filter(u -> u.contains(CITIZEN_PAGE)).ifPresentOrElse(
                u -> b.append("\n请对本次答复作出评价（满意、基本满意或不满意）：打开 ").append(u)
                        .append(" ，填写查询码或您留下的联系方式，查看答复后即可评价。每次答复只能评价一次。\n"),
                () -> b.append("\n请凭工单编号和查询码在问政页面的“办件查询”中查看答复，并对答复作出评价。\n"));
        b.append("如需查看办理情况，请凭工单编号和查询码在问政页面查询。请勿直接回复本邮件。\n");
    }

    private static void correction(StringBuilder b, TicketNotice n) {
        b.append("您好：\n\n");
        b.append("您于 ").append(time(n.askedAt())).append("（北京时间）通过").append(channel(n.channel()))
                .append("提出的申请，").append(n.departmentName())
                .append("经审查认为内容需要补正（《中华人民共和国政府信息公开条例》第三十条）。\n\n");
        b.append("工单编号：").append(n.ticketCode()).append('\n');
        b.append("您的申请：").append(n.question().strip()).append("\n\n");
        b.append("需要补正的内容：\n")
                .append(n.answer().filter(a -> !a.isBlank()).map(String::strip).orElse("（请凭工单编号和查询码在问政页面查看。）"))
                .append("\n\n");
        b.append("补正期间答复期限暂停计算，收到补正后重新计算。无正当理由逾期不补正的，视为放弃申请。\n");
        b.append("补正材料请通过原提交渠道提交，或联系").append(n.departmentName())
                .append("；办理情况可凭工单编号和查询码在问政页面查询。请勿直接回复本邮件。\n");
    }

    private static void receipt(StringBuilder b, TicketNotice n) {
        b.append("您好：\n\n");
        b.append("您于 ").append(time(n.askedAt())).append("（北京时间）通过").append(channel(n.channel()))
                .append("提交的政府信息公开申请，").append(n.departmentName()).append("已于 ")
                .append(DAY.format(n.askedAt())).append(" 收到。\n\n");
        b.append("申请编号：").append(n.ticketCode()).append('\n');
        b.append("答复期限：").append(n.deadline()).append("（含当日；自收到申请之日起按工作日计算，")
                .append("《中华人民共和国政府信息公开条例》第三十三条）\n\n");
        b.append("您的申请：\n").append(n.question().strip()).append("\n\n");
        b.append("申请内容不明确的，本机关将一次性告知您补正，答复期限自收到补正之日起计算；需要延长答复期限的，")
                .append("本机关将告知您延长的期限和理由。征求第三方意见所需时间不计算在答复期限内。\n");
        b.append("受理回执可凭申请编号和查询密钥在提交申请后的页面打开并打印；办理情况可凭编号和查询码在问政页面查询。")
                .append("请勿直接回复本邮件。\n");
    }

    private static String channel(String channel) {
        return CHANNELS.getOrDefault(channel, channel);
    }

    private static String time(Instant at) {
        return TIME.format(at);
    }

    /** The question on one line, cut to {@link #SUBJECT_QUESTION_CHARS} characters (not UTF-16 units). */
    static String shortQuestion(String question) {
        String oneLine = question.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= SUBJECT_QUESTION_CHARS) {
            return oneLine;
        }
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, SUBJECT_QUESTION_CHARS)) + "…";
    }
}
