package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.InboundReply.Kind;

class ReplyParserTest {
    private static final Instant AT = Instant.parse("2026-11-26T03:00:00Z");
    private static final String SUBJECT = "Re: [WZ-20261126-0007] 待办：我在外地工作，社保断缴了三个月，还能补缴吗？";
    private static final String QUOTED_NOTICE = """
            人力资源和社会保障局：
            市民提出了一个问政机器人未能确切答复的问题。
            工单编号：WZ-20261126-0007
            直接回复本邮件即可""";

    @Test
    void aGmailReplyGivesThreadingHeadersCodeAndOnlyTheNewText() {
        byte[] raw = new Fixture()
                .header("From", "\"Zhang San\" <Officer@Wenzheng.LOCAL>")
                .header("Message-ID", "<CAF+abc123@mail.gmail.com>")
                .header("In-Reply-To", "<n-1@wenzheng.local>")
                .header("References", "<n-0@wenzheng.local>\r\n <n-1@wenzheng.local>")
                .subject(SUBJECT)
                .body("""
                        可以补缴。请携带身份证到参保地社保中心办理，
                        补缴时按当期缴费基数计算。

                        --\s
                        张三
                        社会保险科 0571-12345678

                        On Thu, Nov 26, 2026 at 10:15 AM 问政 <hotline@wenzheng.local>
                        wrote:

                        """ + quoted(QUOTED_NOTICE))
                .bytes();

        InboundReply r = ReplyParser.parse(raw, "imap:INBOX:7:42", AT);

        assertThat(r.source()).isEqualTo("imap:INBOX:7:42");
        assertThat(r.messageId()).contains("CAF+abc123@mail.gmail.com");
        assertThat(r.inReplyTo()).contains("n-1@wenzheng.local");
        assertThat(r.references()).containsExactly("n-0@wenzheng.local", "n-1@wenzheng.local");
        assertThat(r.from()).isEqualTo("officer@wenzheng.local");
        assertThat(r.subject()).isEqualTo(SUBJECT);
        assertThat(r.ticketCode()).contains("WZ-20261126-0007");
        assertThat(r.answer()).isEqualTo("可以补缴。请携带身份证到参保地社保中心办理，\n补缴时按当期缴费基数计算。");
        assertThat(r.fullText()).contains("张三").contains("> 工单编号：WZ-20261126-0007");
        assertThat(r.kind()).isEqualTo(Kind.PERSON);
        assertThat(r.receivedAt()).isEqualTo(AT);
    }

    @Test
    void aGmailReplyInChineseLosesItsQuoteHeader() {
        byte[] raw = new Fixture().subject(SUBJECT).body("""
                同意办理。

                问政 <hotline@wenzheng.local> 于2026年11月26日周四 10:15写道：

                """ + quoted(QUOTED_NOTICE)).bytes();

        assertThat(ReplyParser.parse(raw, "t", AT).answer()).isEqualTo("同意办理。");
    }

    @Test
    void anOutlookReplyLosesItsHeaderBlock() {
        byte[] chinese = new Fixture().subject("答复: [WZ-20261126-0007] 待办：社保补缴").body("""
                可以补缴，所需材料见附件。

                ________________________________
                发件人: 问政 <hotline@wenzheng.local>
                发送时间: 2026年11月26日 10:15
                收件人: officer@wenzheng.local
                主题: [WZ-20261126-0007] 待办：社保补缴

                """ + QUOTED_NOTICE).bytes();
        byte[] english = new Fixture().subject("RE: [WZ-20261126-0007] 待办：社保补缴").body("""
                Approved, see the attached list.

                From: 问政 <hotline@wenzheng.local>
                Sent: Thursday, November 26, 2026 10:15 AM
                To: officer@wenzheng.local
                Subject: [WZ-20261126-0007] 待办：社保补缴

                """ + QUOTED_NOTICE).bytes();

        assertThat(ReplyParser.parse(chinese, "t", AT).answer()).isEqualTo("可以补缴，所需材料见附件。");
        assertThat(ReplyParser.parse(english, "t", AT).answer()).isEqualTo("Approved, see the attached list.");
        assertThat(ReplyParser.parse(chinese, "t", AT).ticketCode()).contains("WZ-20261126-0007");
    }

    @Test
    void aFoxmailReplyInGbkLabelledGb2312IsReadWhole() {
        // 喆 is in GBK but not in GB2312: Foxmail labels such text gb2312 all the same.
        byte[] raw = new Fixture().charset(Charset.forName("GBK"), "gb2312")
                .header("From", "=?gb2312?B?" + Base64.getEncoder().encodeToString("王喆".getBytes(Charset.forName("GBK")))
                        + "?= <wangzhe@wenzheng.local>")
                .subjectEncoded("=?gb2312?B?" + Base64.getEncoder().encodeToString(
                        "回复：[WZ-20261126-0007] 待办：喆".getBytes(Charset.forName("GBK"))) + "?=")
                .body("""
                        您好，经办人王喆已核实，可以补缴。

                        发件人：问政
                        发送时间：2026-11-26 10:15
                        收件人：officer
                        主题：[WZ-20261126-0007] 待办：社保补缴
                        """ + QUOTED_NOTICE)
                .bytes();

        InboundReply r = ReplyParser.parse(raw, "t", AT);

        assertThat(r.answer()).isEqualTo("您好，经办人王喆已核实，可以补缴。");
        assertThat(r.subject()).isEqualTo("回复：[WZ-20261126-0007] 待办：喆");
        assertThat(r.from()).isEqualTo("wangzhe@wenzheng.local");
    }

    @Test
    void anUnlabelledGbkBodyIsReadAsGb18030AndAnUnlabelledUtf8BodyAsUtf8() {
        byte[] head = "From: officer@wenzheng.local\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] gbk = concat(head, "王喆已办结。".getBytes(Charset.forName("GBK")));
        byte[] utf8 = concat(head, "王喆已办结。".getBytes(StandardCharsets.UTF_8));

        assertThat(ReplyParser.parse(gbk, "t", AT).answer()).isEqualTo("王喆已办结。");
        assertThat(ReplyParser.parse(utf8, "t", AT).answer()).isEqualTo("王喆已办结。");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aQqMailHtmlOnlyReplyBecomesTextWithoutTheOriginal() {
        String html = "<html><head><style>div{font-size:14px}</style></head><body>"
                + "<div>可以补缴。</div><div>请到<b>社保中心</b>办理。</div><div><br></div>"
                + "<div><br></div><div style=\"font-size:12px;\">------------------&nbsp;原始邮件&nbsp;------------------</div>"
                + "<div style=\"font-size:12px;background:#efefef;\"><div><b>发件人:</b>&nbsp;\"问政\"&lt;hotline@wenzheng.local&gt;;</div>"
                + "<div><b>发送时间:</b>&nbsp;2026年11月26日(星期四) 上午10:15</div>"
                + "<div><b>收件人:</b>&nbsp;\"officer\"&lt;officer@wenzheng.local&gt;;</div>"
                + "<div><b>主题:</b>&nbsp;[WZ-20261126-0007] 待办：社保补缴</div></div>"
                + "<div>人力资源和社会保障局：</div></body></html>";
        byte[] raw = new Fixture().charset(Charset.forName("GB18030"), "GB18030").type("text/html").subject(SUBJECT)
                .body(html).bytes();

        InboundReply r = ReplyParser.parse(raw, "t", AT);

        assertThat(r.answer()).isEqualTo("可以补缴。\n请到社保中心办理。");
        assertThat(r.fullText()).contains("原始邮件").contains("人力资源和社会保障局：").doesNotContain("font-size");
    }

    @Test
    void htmlBlockquotesBecomeQuotedLinesThatTheAnswerLeavesOut() {
        String html = "<div dir=\"ltr\">好的，已办结。</div><br><div class=\"gmail_quote\">"
                + "<blockquote class=\"gmail_quote\"><div>工单编号：WZ-20261126-0007</div><div>直接回复本邮件即可</div>"
                + "</blockquote></div>";
        byte[] raw = new Fixture().type("text/html").subject(SUBJECT).body(html).bytes();

        InboundReply r = ReplyParser.parse(raw, "t", AT);

        assertThat(r.fullText()).contains("> 工单编号：WZ-20261126-0007");
        assertThat(r.answer()).isEqualTo("好的，已办结。");
    }

    @Test
    void thePlainPartIsPreferredToTheHtmlPart() {
        String raw = """
                From: officer@wenzheng.local
                Subject: =?UTF-8?B?UmU6IFtXWi0yMDI2MTEyNi0wMDA3XQ==?=
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/html; charset=UTF-8

                <p>HTML 版本</p>
                --b1
                Content-Type: text/plain; charset=UTF-8

                纯文本版本
                --b1--
                """.replace("\n", "\r\n");

        InboundReply r = ReplyParser.parse(raw.getBytes(StandardCharsets.UTF_8), "t", AT);

        assertThat(r.answer()).isEqualTo("纯文本版本");
        assertThat(r.ticketCode()).contains("WZ-20261126-0007");
    }

    @Test
    void anIphoneReplyLosesItsTrailerAndQuote() {
        byte[] raw = new Fixture().subject(SUBJECT).body("""
                已电话联系市民说明。

                发自我的iPhone

                在 2026年11月26日，10:15，问政 <hotline@wenzheng.local> 写道：

                """ + quoted(QUOTED_NOTICE)).bytes();

        assertThat(ReplyParser.parse(raw, "t", AT).answer()).isEqualTo("已电话联系市民说明。");
    }

    @Test
    void anAnswerLineThatMerelyStartsWithOnIsKept() {
        byte[] raw = new Fixture().subject(SUBJECT).body("""
                First line.
                On Monday the office is open.
                On Thu, Nov 26, 2026 at 10:15 AM 问政 <hotline@wenzheng.local> wrote:
                > quoted
                """).bytes();

        assertThat(ReplyParser.parse(raw, "t", AT).answer()).isEqualTo("First line.\nOn Monday the office is open.");
    }

    @Test
    void automaticRepliesAreRecognised() {
        assertThat(kindWith("Auto-Submitted", "auto-replied")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("Auto-Submitted", "auto-generated; owner-email=\"x@y\"")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("X-Autoreply", "yes")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("X-Autorespond", "Out of office")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("Precedence", "bulk")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("Precedence", "Junk")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("Precedence", "list")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("Precedence", "auto_reply")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("X-Autogenerated", "Reply")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("List-Id", "<briefing.news.example.gov.cn>")).isEqualTo(Kind.AUTO_REPLY);
        assertThat(kindWith("List-Unsubscribe", "<mailto:u@news.example.gov.cn>")).isEqualTo(Kind.AUTO_REPLY);
    }

    @Test
    void theReasonNamesTheEvidence() {
        byte[] header = new Fixture().header("Auto-Submitted", "auto-replied").subject(SUBJECT).body("收到。").bytes();
        byte[] subjectOnly = new Fixture().subject("自动回复：" + SUBJECT).body("可以补缴。").bytes();
        byte[] subjectAndBody = new Fixture().subject("Automatic reply: " + SUBJECT)
                .body("I am out of the office until Thursday.").bytes();
        byte[] declared = new Fixture().subject(SUBJECT).body("这是来自QQ邮箱的假期自动回复邮件。\n\n您好。").bytes();

        InboundReply h = ReplyParser.parse(header, "t", AT);
        InboundReply s = ReplyParser.parse(subjectOnly, "t", AT);
        InboundReply sb = ReplyParser.parse(subjectAndBody, "t", AT);
        InboundReply d = ReplyParser.parse(declared, "t", AT);

        assertThat(h.kindReason()).isEqualTo("header Auto-Submitted: auto-replied");
        assertThat(s.kind()).isEqualTo(Kind.POSSIBLE_AUTO_REPLY);
        assertThat(s.kindReason()).isEqualTo("the subject begins with 自动回复：");
        assertThat(sb.kind()).isEqualTo(Kind.AUTO_REPLY);
        assertThat(sb.kindReason()).isEqualTo("the subject begins with Automatic reply:; the body opens with an absence"
                + " notice (I am out of the office)");
        assertThat(d.kind()).isEqualTo(Kind.AUTO_REPLY);
        assertThat(d.kindReason()).isEqualTo("the body says it is automatic (这是来自QQ邮箱的假期自动回复)");
        assertThat(ReplyParser.parse(new Fixture().subject(SUBJECT).body("可以补缴。").bytes(), "t", AT).kindReason())
                .isEmpty();
    }

    @Test
    void onlyTheWritersOwnAbsenceAtTheOpeningIsASign() {
        assertThat(kindOfBody("我于12月1日至12月3日休假，期间不能及时回复。")).isEqualTo(Kind.POSSIBLE_AUTO_REPLY);
        assertThat(kindOfBody("本人目前不在办公室。")).isEqualTo(Kind.POSSIBLE_AUTO_REPLY);
        assertThat(kindOfBody("I'm currently on annual leave.")).isEqualTo(Kind.POSSIBLE_AUTO_REPLY);
        assertThat(kindOfBody("我单位职工休假期间工资照发。")).isEqualTo(Kind.PERSON);
        assertThat(kindOfBody("可以补缴。我局已通知单位。")).isEqualTo(Kind.PERSON);
        assertThat(kindOfBody("休假期间工资照发，按《职工带薪年休假条例》执行。")).isEqualTo(Kind.PERSON);
        assertThat(kindOfBody("Forms handed in out of office hours count from the next working day.")).isEqualTo(Kind.PERSON);
        // Past the opening, a mention is only a mention.
        assertThat(kindOfBody("可以补缴。" + "请携带身份证、户口簿和单位出具的证明材料到参保地社保经办机构办理。".repeat(4)
                + "我下周休假，有疑问请联系李科长。")).isEqualTo(Kind.PERSON);
    }

    @Test
    void headersThatDoNotMeanAutomaticLeaveAPersonsReply() {
        assertThat(kindWith("Auto-Submitted", "no")).isEqualTo(Kind.PERSON);
        assertThat(kindWith("Auto-Submitted", "No")).isEqualTo(Kind.PERSON);
        assertThat(kindWith("Precedence", "first-class")).isEqualTo(Kind.PERSON);
    }

    @Test
    void bouncesAreRecognised() {
        assertThat(kindWith("Return-Path", "<>")).isEqualTo(Kind.BOUNCE);
        byte[] daemon = new Fixture().header("From", "Mail Delivery System <MAILER-DAEMON@mx.wenzheng.local>")
                .subject("Undelivered Mail Returned to Sender").body("This is the mail system.").bytes();
        byte[] postmaster = new Fixture().header("From", "postmaster@qq.com").subject("退信").body("投递失败").bytes();
        String report = """
                From: Mail Delivery Subsystem <mailer@mx.example>
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r1"

                --r1
                Content-Type: text/plain; charset=UTF-8

                Delivery to officer@wenzheng.local failed permanently.
                --r1
                Content-Type: message/delivery-status

                Final-Recipient: rfc822; officer@wenzheng.local
                Action: failed
                Status: 5.1.1
                --r1--
                """.replace("\n", "\r\n");

        assertThat(ReplyParser.parse(daemon, "t", AT).kind()).isEqualTo(Kind.BOUNCE);
        assertThat(ReplyParser.parse(postmaster, "t", AT).kind()).isEqualTo(Kind.BOUNCE);
        InboundReply dsn = ReplyParser.parse(report.getBytes(StandardCharsets.UTF_8), "t", AT);
        assertThat(dsn.kind()).isEqualTo(Kind.BOUNCE);
        assertThat(dsn.fullText()).contains("failed permanently");
    }

    @Test
    void aMailWithoutMessageIdHasAStableFingerprint() throws Exception {
        byte[] raw = new Fixture().subject(SUBJECT).body("可以补缴。").bytes();
        byte[] other = new Fixture().subject(SUBJECT).body("可以补缴！").bytes();

        InboundReply first = ReplyParser.parse(raw, "imap:INBOX:1:1", AT);
        InboundReply again = ReplyParser.parse(raw.clone(), "imap:INBOX:2:9", AT);

        assertThat(first.messageId()).isEmpty();
        assertThat(first.inReplyTo()).isEmpty();
        assertThat(first.references()).isEmpty();
        assertThat(first.fingerprint())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                .isEqualTo(again.fingerprint())
                .isNotEqualTo(ReplyParser.parse(other, "t", AT).fingerprint())
                .hasSize(64);
        assertThat(first.answer()).isEqualTo("可以补缴。");
    }

    @Test
    void aMailWithoutSubjectOrSenderHasEmptyFields() {
        byte[] raw = "\r\njust a body\r\n".getBytes(StandardCharsets.US_ASCII);

        InboundReply r = ReplyParser.parse(raw, "t", AT);

        assertThat(r.from()).isEmpty();
        assertThat(r.subject()).isEmpty();
        assertThat(r.ticketCode()).isEmpty();
        assertThat(r.answer()).isEqualTo("just a body");
    }

    @Test
    void textLongerThanTheLimitIsCutAndMarked() {
        String longText = "长".repeat(ReplyParser.MAX_TEXT_CHARS + 10);
        byte[] raw = new Fixture().subject(SUBJECT).body(longText).bytes();

        InboundReply r = ReplyParser.parse(raw, "t", AT);

        assertThat(r.fullText()).hasSize(ReplyParser.MAX_TEXT_CHARS + ReplyParser.CUT_MARK.length())
                .endsWith(ReplyParser.CUT_MARK);
        assertThat(r.answer()).startsWith("长长").endsWith(ReplyParser.CUT_MARK.strip());
    }

    @Test
    void ticketCodesAreFoundInAnyCase() {
        assertThat(ReplyParser.ticketCode("回复：[wz-20261126-12345] x")).contains("WZ-20261126-12345");
        assertThat(ReplyParser.ticketCode("WZ-2026112-0007")).isEmpty();
        assertThat(ReplyParser.ticketCode("XWZ-20261126-0007")).isEmpty();
    }

    private static Kind kindOfBody(String body) {
        return ReplyParser.parse(new Fixture().subject(SUBJECT).body(body).bytes(), "t", AT).kind();
    }

    private static Kind kindWith(String header, String value) {
        byte[] raw = new Fixture().header(header, value).subject(SUBJECT).body("收到。").bytes();
        return ReplyParser.parse(raw, "t", AT).kind();
    }

    private static String quoted(String text) {
        return text.lines().map(l -> "> " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
    }

    /** A small mail as a client would send it: headers, one text part, base64 in the given charset. */
    private static final class Fixture {
        private final List<String> headers = new ArrayList<>();
        private Charset charset = StandardCharsets.UTF_8;
        private String label = "UTF-8";
        private String type = "text/plain";
        private String body = "";
        private boolean hasFrom;

        Fixture header(String name, String value) {
            headers.add(name + ": " + value);
            hasFrom |= name.equalsIgnoreCase("From");
            return this;
        }

        Fixture subject(String subject) {
            try {
                return header("Subject", MimeUtility.encodeText(subject, label, "B"));
            } catch (UnsupportedEncodingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        Fixture subjectEncoded(String encoded) {
            return header("Subject", encoded);
        }

        Fixture charset(Charset c, String l) {
            charset = c;
            label = l;
            return this;
        }

        Fixture type(String t) {
            type = t;
            return this;
        }

        Fixture body(String b) {
            body = b;
            return this;
        }

        byte[] bytes() {
            StringBuilder s = new StringBuilder();
            if (!hasFrom) {
                s.append("From: officer@wenzheng.local\r\n");
            }
            s.append("To: hotline@wenzheng.local\r\n");
            for (String h : headers) {
                s.append(h).append("\r\n");
            }
            s.append("MIME-Version: 1.0\r\n")
                    .append("Content-Type: ").append(type).append("; charset=\"").append(label).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(body.replace("\n", "\r\n").getBytes(charset)))
                    .append("\r\n");
            return s.toString().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
