package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every stored event detail, as TicketService and Router write it, reads in Chinese with names. */
class EventTextTest {
    private final EventText text = new EventText(id -> Map.of("office", "综合办公室", "housing", "住房和城乡建设局")
            .getOrDefault(id, id), id -> Map.of("director", "主任信箱").getOrDefault(id, id));

    @Test
    void everyKindHasAChineseLabelAndSystemIsNamed() {
        for (String kind : new String[] {"created", "linked", "duplicate", "routed", "escalated", "transferred",
                "extended", "correction_requested", "correction_mailed", "correction_received", "answered",
                "answer_again", "answer_mailed", "reminded", "overdue", "closed", "supplemented", "supplement_mailed",
                "attachment_added"}) {
            assertThat(EventText.label(kind)).as(kind).doesNotContainPattern("[A-Za-z]");
        }
        assertThat(EventText.actor("system")).isEqualTo("系统");
        assertThat(EventText.actor("citizen")).isEqualTo("市民");
        assertThat(EventText.actor("officer")).isEqualTo("officer");
    }

    @Test
    void storedDetailsReadInChineseWithDepartmentAndChannelNames() {
        assertThat(text.detail("created", "channel hotline, type disclosure")).isEqualTo("来源：热线电话，类型：依申请公开");
        assertThat(text.detail("created", "channel letter, type complaint, mailbox director"))
                .isEqualTo("来源：来信，类型：投诉，信箱：主任信箱");
        assertThat(text.detail("routed", "office: no rule matched: the first department of mailbox director"))
                .isEqualTo("综合办公室（未匹配任何规则，交该信箱的首个承办部门）");
        assertThat(text.detail("routed", "office: no rule matched: default department"))
                .isEqualTo("综合办公室（未匹配任何规则，交默认部门）");
        assertThat(text.detail("routed", "housing: keyword '物业' in the question"))
                .isEqualTo("住房和城乡建设局（问题含关键词“物业”）");
        assertThat(text.detail("routed", "housing: candidate document 《住房租赁条例》 matches '租赁'"))
                .isEqualTo("住房和城乡建设局（候选文件《住房租赁条例》符合“租赁”）");
        assertThat(text.detail("routed", "office: candidate issuer 市政府办公室 matches '办公室'"))
                .isEqualTo("综合办公室（候选文件发文机关市政府办公室符合“办公室”）");
        assertThat(text.detail("routed", "office: candidate category 民政")).isEqualTo("综合办公室（候选文件类别：民政）");
        assertThat(text.detail("attachment_added", "现场 照片 (1).png (40000 bytes)")).isEqualTo("现场 照片 (1).png（40000 字节）");
        assertThat(text.detail("supplement_mailed", "to officer@wenzheng.local")).isEqualTo("通知已发往 officer@wenzheng.local");
        assertThat(text.detail("linked", "same question as WZ-20261120-0001"))
                .isEqualTo("与 WZ-20261120-0001 问题相同，已并入该工单");
        assertThat(text.detail("duplicate", "WZ-20261120-0002 asks the same question"))
                .isEqualTo("WZ-20261120-0002 提出了相同问题，已并入本工单");
        assertThat(text.detail("escalated", "to a@x.cn, b@x.cn")).isEqualTo("通知已发往 a@x.cn, b@x.cn");
        assertThat(text.detail("transferred", "office → housing")).isEqualTo("综合办公室 → 住房和城乡建设局");
        assertThat(text.detail("transferred", "office → housing (属住建 (房屋) 职责)"))
                .isEqualTo("综合办公室 → 住房和城乡建设局，说明：属住建 (房屋) 职责");
        assertThat(text.detail("extended", "15 working days, deadline 2026-12-01 → 2026-12-22 (材料较多)"))
                .isEqualTo("延长 15 个工作日，答复期限 2026-12-01 → 2026-12-22，说明：材料较多");
        assertThat(text.detail("correction_received", "clock restarted 2026-12-03, deadline 2026-12-31"))
                .isEqualTo("自 2026-12-03 重新计时，答复期限 2026-12-31");
        assertThat(text.detail("answered", "via mail")).isEqualTo("经邮件答复");
        assertThat(text.detail("answered", "via admin, with WZ-20261120-0001"))
                .isEqualTo("经管理页面答复，随 WZ-20261120-0001 一并答复");
        assertThat(text.detail("answer_again", "via mail, not recorded (ticket is closed): 已处理"))
                .isEqualTo("经邮件再次答复，工单已关闭，未记录：已处理");
        assertThat(text.detail("answer_mailed", "to the citizen's address")).isEqualTo("已发往市民留下的邮箱");
        assertThat(text.detail("correction_mailed", "to the citizen's address")).isEqualTo("已发往市民留下的邮箱");
        assertThat(text.detail("reminded", "deadline 2026-12-01, to li@x.cn")).isEqualTo("答复期限 2026-12-01，提醒已发往 li@x.cn");
        assertThat(text.detail("overdue", "deadline 2026-12-01 passed, to boss@x.cn"))
                .isEqualTo("答复期限 2026-12-01 已过，已通知 boss@x.cn");
    }

    @Test
    void notesAndUnknownFormsAreShownAsTheyAre() {
        assertThat(text.detail("closed", "市民撤回")).isEqualTo("市民撤回");
        assertThat(text.detail("correction_requested", "请补充身份证明")).isEqualTo("请补充身份证明");
        assertThat(text.detail("routed", "")).isEmpty();
        assertThat(text.detail("someday", "anything")).isEqualTo("anything");
    }
}
