package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.tickets.calendar.TicketType;

class TicketTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    private static Ticket.Builder open() {
        return Ticket.builder().code("WZ-20261126-0001").keyHash("ab").type(TicketType.CONSULTATION).channel("web")
                .question(new Ticket.Question("社保怎么转移？", "社保转移", null, "[]")).department("office")
                .createdAt(NOW).timing(Ticket.Timing.startedOn(TODAY, LocalDate.of(2026, 12, 1)));
    }

    @Test
    void aNewTicketIsOpenWithoutContactOrAnswer() {
        Ticket t = open().build();

        assertThat(t.status()).isEqualTo(Ticket.Status.OPEN);
        assertThat(t.pending()).isTrue();
        assertThat(t.contact()).isEqualTo(Ticket.Contact.NONE);
        assertThat(t.answer()).isNull();
        assertThat(t.answerText()).isNull();
        assertThat(t.answeredAt()).isNull();
        assertThat(t.answeredBy()).isNull();
        assertThat(t.version()).isZero();
        assertThat(t.toBuilder().build()).isEqualTo(t);
    }

    @Test
    void aMissingRequiredPartIsNamed() {
        assertThatThrownBy(() -> open().department(null).build()).hasMessage("department");
        assertThatThrownBy(() -> open().timing(null).build()).hasMessage("timing");
        assertThatThrownBy(() -> open().question(null).build()).hasMessage("question");
        assertThatThrownBy(() -> open().version(-1)).hasMessage("ticket version must be 0 or more: -1");
    }

    @Test
    void statusesAreStoredByTheirLowerCaseNames() {
        for (Ticket.Status s : Ticket.Status.values()) {
            assertThat(Ticket.Status.of(s.id())).isEqualTo(s);
        }
        assertThat(Ticket.Status.CORRECTION.id()).isEqualTo("correction");
        assertThatThrownBy(() -> Ticket.Status.of("OPEN")).hasMessageContaining("open, correction, answered or closed");
    }

    @Test
    void aTransferredTicketIsRemindedAfreshButStaysOverdue() {
        Ticket t = open().build().withReminded(NOW).withOverdue(NOW.plusSeconds(60));

        Ticket moved = t.withDepartment("housing");

        assertThat(moved.department()).isEqualTo("housing");
        assertThat(moved.timing().remindedAt()).isNull();
        assertThat(moved.timing().overdueAt()).isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void aNewDeadlineIsNeitherRemindedNorOverdueAndAnAnswerClosesTheWait() {
        Ticket t = open().build().withReminded(NOW).withOverdue(NOW);

        Ticket extended = t.withDeadline(TODAY, LocalDate.of(2026, 12, 24), 20);
        Ticket answered = extended.withAnswer("请到社保中心办理。", NOW, "officer@wenzheng.local");

        assertThat(extended.timing()).isEqualTo(new Ticket.Timing(TODAY, LocalDate.of(2026, 12, 24), 20, null, null));
        assertThat(answered.status()).isEqualTo(Ticket.Status.ANSWERED);
        assertThat(answered.pending()).isFalse();
        assertThat(answered.answer()).isEqualTo(new Ticket.Answer("请到社保中心办理。", NOW, "officer@wenzheng.local"));
        assertThat(answered.answeredAt()).isEqualTo(NOW);
        assertThat(answered.answeredBy()).isEqualTo("officer@wenzheng.local");
    }
}
