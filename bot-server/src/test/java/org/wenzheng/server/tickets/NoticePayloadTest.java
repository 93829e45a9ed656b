package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.TicketNotice;

class NoticePayloadTest {
    private static TicketNotice escalation(Optional<String> contact, Optional<String> threadId) {
        return new TicketNotice("n-1", TicketNotice.Kind.ESCALATION, "WZ-20261126-0001", "hrss", "人力资源和社会保障局",
                List.of("officer@wenzheng.local"), "劳动合同到期不续签有补偿吗？\"引号\"", "web",
                Instant.parse("2026-11-26T01:02:03.123456Z"),
                List.of(new TicketNotice.Line("citizen", "你好", Instant.parse("2026-11-26T01:00:00Z"))),
                List.of(new TicketNotice.Source("劳动合同法", "第四十六条", "", "全国人大常委会", "2012-12-28", "经济补偿")),
                LocalDate.of(2026, 12, 1), contact, Optional.empty(), threadId, Optional.empty());
    }

    @Test
    void aNoticeSurvivesTheOutboxUnchanged() {
        TicketNotice n = escalation(Optional.of("z***@example.com"), Optional.of("abc@wenzheng.local"));

        assertThat(NoticePayload.read(NoticePayload.write(n))).isEqualTo(n);
    }

    @Test
    void emptyOptionalsAreWrittenAsNullAndReadBackEmpty() {
        TicketNotice n = escalation(Optional.empty(), Optional.empty());

        String json = NoticePayload.write(n);

        assertThat(json).contains("\"contact\":null").contains("\"threadId\":null").contains("\"kind\":\"ESCALATION\"")
                .contains("\"deadline\":\"2026-12-01\"");
        assertThat(NoticePayload.read(json)).isEqualTo(n);
    }

    @Test
    void aCorruptedPayloadIsRefusedWithAReason() {
        assertThatThrownBy(() -> NoticePayload.read("{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no array recipients");
        assertThatThrownBy(() -> NoticePayload.read("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSupplementKeepsItsAttachmentsAndAnOlderPayloadReadsWithNone() {
        TicketNotice base = escalation(Optional.empty(), Optional.of("abc@wenzheng.local"));
        TicketNotice n = new TicketNotice("n-2", TicketNotice.Kind.SUPPLEMENT, base.ticketCode(), base.department(),
                base.departmentName(), base.recipients(), base.question(), "letter", base.askedAt(), List.of(),
                List.of(), base.deadline(), Optional.empty(), Optional.of("补充说明"), base.threadId(),
                Optional.empty(), new TicketNotice.Filing("投诉", Optional.of("主任信箱"), Optional.of("标题"),
                        List.of(new TicketNotice.Attachment("照片.png", 40_000), new TicketNotice.Attachment("表.pdf", 120))));

        String json = NoticePayload.write(n);

        assertThat(NoticePayload.read(json)).isEqualTo(n);
        String older = NoticePayload.write(base).replace(",\"attachments\":[]", "");
        assertThat(older).doesNotContain("attachments");
        assertThat(NoticePayload.read(older).filing().attachments()).isEmpty();
    }
}
