package org.wenzheng.connectors.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.wenzheng.connectors.TicketNotice;

/** Small real notices, as the server builds them. */
final class Notices {
    static final Instant ASKED = Instant.parse("2026-11-26T02:15:00Z"); // 10:15 in Beijing

    private Notices() {
    }

    static TicketNotice escalation(String id, String... recipients) {
        return new TicketNotice(id, TicketNotice.Kind.ESCALATION, "WZ-20261126-0007", "hrss", "人力资源和社会保障局",
                List.of(recipients), "我在外地工作，社保断缴了三个月，还能补缴吗？补缴要带哪些材料？", "web", ASKED,
                List.of(new TicketNotice.Line("citizen", "社保断缴怎么办", ASKED.minusSeconds(120)),
                        new TicketNotice.Line("bot", "您可以咨询参保地社保经办机构。", ASKED.minusSeconds(110))),
                List.of(new TicketNotice.Source("社会保险费征缴暂行条例", "第十三条", "国务院令第259号", "国务院", "1999-01-22",
                        "缴费单位未按规定缴纳和代扣代缴社会保险费的，由劳动保障行政部门或者税务机关责令限期缴纳"),
                        new TicketNotice.Source("关于规范社会保险缴费基数有关问题的通知", "", "劳社险中心函〔2006〕60号", "",
                                "", "本人上一年度月平均工资")),
                LocalDate.of(2026, 12, 1), Optional.of("手机 138****5678"), Optional.empty(), Optional.empty(),
                Optional.of("http://127.0.0.1:8080/admin/tickets/WZ-20261126-0007"));
    }

    static TicketNotice reminder(String id, String threadId, String... recipients) {
        TicketNotice e = escalation(id, recipients);
        return new TicketNotice(id, TicketNotice.Kind.REMINDER, e.ticketCode(), e.department(), e.departmentName(),
                e.recipients(), e.question(), e.channel(), e.askedAt(), List.of(), e.candidates(), e.deadline(),
                e.contact(), Optional.empty(), Optional.of(threadId), e.ticketUrl());
    }

    static TicketNotice of(TicketNotice.Kind kind, String id, Optional<String> answer, String... recipients) {
        TicketNotice e = escalation(id, recipients);
        return new TicketNotice(id, kind, e.ticketCode(), e.department(), e.departmentName(), e.recipients(),
                e.question(), e.channel(), e.askedAt(), e.conversation(), e.candidates(), e.deadline(), e.contact(),
                answer, Optional.empty(), e.ticketUrl());
    }
}
