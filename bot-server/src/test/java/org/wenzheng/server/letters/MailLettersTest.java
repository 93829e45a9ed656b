package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wenzheng.server.tickets.calendar.TicketType;

/** How a mail's subject files a letter, and how a long mail is clipped. */
class MailLettersTest {
    @Test
    void aSubjectNamingNoTypeIsAConsultationWithTheSubjectAsTitle() {
        assertThat(MailLetters.filing("  社保卡丢了怎么补办 ")).isEqualTo(
                new MailLetters.Filing(TicketType.CONSULTATION, "社保卡丢了怎么补办"));
        // A type's name inside the subject is not a prefix: the subject stays whole.
        assertThat(MailLetters.filing("关于投诉渠道的咨询")).isEqualTo(
                new MailLetters.Filing(TicketType.CONSULTATION, "关于投诉渠道的咨询"));
    }

    @Test
    void aSubjectBeginningWithATypesNameBracketedOrWithAColonFilesThatTypeAndLosesThePrefix() {
        assertThat(MailLetters.filing("【投诉】窗口办事拖延")).isEqualTo(
                new MailLetters.Filing(TicketType.COMPLAINT, "窗口办事拖延"));
        assertThat(MailLetters.filing("[建议] 延长服务时间")).isEqualTo(
                new MailLetters.Filing(TicketType.SUGGESTION, "延长服务时间"));
        assertThat(MailLetters.filing("（求助）老人无人照料")).isEqualTo(
                new MailLetters.Filing(TicketType.HELP, "老人无人照料"));
        assertThat(MailLetters.filing("举报：工地夜间施工")).isEqualTo(
                new MailLetters.Filing(TicketType.TIPOFF, "工地夜间施工"));
        assertThat(MailLetters.filing("投诉: 噪音")).isEqualTo(new MailLetters.Filing(TicketType.COMPLAINT, "噪音"));
        assertThat(MailLetters.filing("咨询：")).isEqualTo(new MailLetters.Filing(TicketType.CONSULTATION, ""));
    }

    @Test
    void aLetterOverTheLimitIsCutWithANoteAndStaysWithinIt() {
        String text = "字".repeat(500);
        String clipped = MailLetters.content(text, 100);
        assertThat(clipped).hasSizeLessThanOrEqualTo(100).startsWith("字字字").contains("来信过长");
        int kept = clipped.indexOf('\n');
        assertThat(clipped).contains("以上为前 " + kept + " 字，其余 " + (500 - kept) + " 字");
        assertThat(MailLetters.content("短信", 100)).isEqualTo("短信");
    }
}
