package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.TicketNotice;

/** The text of the mails officers and citizens read. */
class NoticeMailTest {

    private static TicketNotice withConversation(List<TicketNotice.Line> lines) {
        TicketNotice e = Notices.escalation("n-1", "officer@hrss.example.gov.cn");
        return new TicketNotice(e.id(), e.kind(), e.ticketCode(), e.department(), e.departmentName(), e.recipients(),
                e.question(), e.channel(), e.askedAt(), lines, e.candidates(), e.deadline(), e.contact(), e.answer(),
                e.threadId(), e.ticketUrl());
    }

    @Test
    void escalationNamesEachSpeakerOfTheConversation() {
        String body = NoticeMail.body(Notices.escalation("n-1", "officer@hrss.example.gov.cn"));

        assertThat(body).contains("] 市民：社保断缴怎么办\n", "] 问政机器人：您可以咨询参保地社保经办机构。\n");
    }

    @Test
    void escalationShowsABotTurnThatFoundNothingAsTheCitizenSawIt() {
        String body = NoticeMail.body(withConversation(List.of(
                new TicketNotice.Line("citizen", "断缴社保能补吗", Notices.ASKED.minusSeconds(60)),
                new TicketNotice.Line("bot", "", Notices.ASKED.minusSeconds(59)))));

        assertThat(body).contains("] 市民：断缴社保能补吗\n", "] 问政机器人：（暂时无法确定答案）\n")
                .doesNotContain("问政机器人：\n");
    }

    @Test
    void aSupplementIsAnOfficersNoticeWithTheAddedTextAndTheFilesBySize() {
        TicketNotice n = Notices.of(TicketNotice.Kind.SUPPLEMENT, "n-9", Optional.of("补充：窗口编号 3 号"),
                "officer@hrss.example.gov.cn");
        n = n.withFiling(new TicketNotice.Filing("投诉", Optional.of("主任信箱"), Optional.of("窗口办事拖延"),
                List.of(new TicketNotice.Attachment("照片.png", 40_000), new TicketNotice.Attachment("表.pdf", 900))));

        assertThat(NoticeMail.subject(n)).startsWith("[补充] [" + n.ticketCode() + "]").contains("窗口办事拖延");
        assertThat(NoticeMail.body(n)).contains("补充内容：补充：窗口编号 3 号\n")
                .contains("附件（2 个", "  · 照片.png（39.1 KB）\n", "  · 表.pdf（900 字节）\n");
    }

    @Test
    void aReceiptTellsTheApplicantTheDayOfReceiptInBeijingAndTheDeadlineAndNoStaffLink() {
        TicketNotice e = Notices.of(TicketNotice.Kind.RECEIPT, "n-9", java.util.Optional.empty(), "zhang@example.com");
        // 16:30 UTC is half past midnight in Beijing: received the next day.
        TicketNotice late = new TicketNotice(e.id(), e.kind(), e.ticketCode(), e.department(), e.departmentName(),
                e.recipients(), e.question(), "application", java.time.Instant.parse("2026-11-26T16:30:00Z"),
                List.of(), List.of(), e.deadline(), java.util.Optional.empty(), e.answer(), e.threadId(),
                java.util.Optional.empty());

        assertThat(NoticeMail.subject(late)).isEqualTo("政府信息公开申请受理回执 [WZ-20261126-0007]");
        assertThat(NoticeMail.body(late)).contains("通过政府信息公开申请表提交的政府信息公开申请，人力资源和社会保障局已于 2026-11-27 收到")
                .contains("答复期限：2026-12-01（含当日").contains("第三十三条").doesNotContain("如何答复")
                .doesNotContain("管理后台");
    }
}
