package org.wenzheng.server.tickets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * What staff may do to a ticket on the desk, and when each is refused. The same rules decide both
 * what the service refuses (409 with the message) and which actions the desk offers for a ticket
 * ({@link #allowed}), so that the page never shows a button the server would refuse for the
 * ticket's type or state.
 */
public enum DeskAction {
    ANSWER,
    /** 领取: the ticket becomes the acting account's own. */
    TAKE,
    /** 指派: the ticket goes to a named staff account. */
    ASSIGN,
    TRANSFER,
    /** The one extension (Art. 33), for the types whose rules allow one. */
    EXTEND,
    /** 补正 (Art. 30), for the types with a correction procedure, once, within its days. */
    CORRECTION,
    CORRECTION_RECEIVED,
    CLOSE;

    /** The name in the API and the route: answer, take, …, correction-received. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Why this action cannot be done to the ticket now, in Chinese for the desk, or empty when it can.
     *
     * @param correctionRequested whether a 补正 was asked for before (it may be asked for once)
     * @param actor               the acting staff account's username (for {@link #TAKE})
     */
    Optional<String> refusal(Ticket t, DeadlineRules rules, boolean correctionRequested, String actor,
            LocalDate today) {
        String code = t.code();
        if (this == CLOSE) {
            return t.status() == Ticket.Status.CLOSED ? Optional.of(code + " 已关闭") : Optional.empty();
        }
        if (!t.pending()) {
            return Optional.of(code + " " + t.status().label() + "，不能再办理");
        }
        DeadlineRules.Limits limits = rules.limits(t.type());
        return switch (this) {
            case ANSWER, ASSIGN, CLOSE -> Optional.empty();
            case TAKE -> actor != null && actor.equals(t.assignee())
                    ? Optional.of(code + " 已由您办理") : Optional.empty();
            case TRANSFER -> t.question().duplicateOf() != null
                    ? Optional.of(code + " 已并入工单 " + t.question().duplicateOf() + "，请转办该工单")
                    : Optional.empty();
            case EXTEND -> {
                if (limits.maxExtensionDays() == 0) {
                    yield Optional.of(t.type().label() + "工单不能延期");
                }
                if (t.timing().extensionDays() > 0) {
                    yield Optional.of(code + " 已延期过一次，不能再次延期");
                }
                if (t.status() != Ticket.Status.OPEN) {
                    yield Optional.of(code + " 正在等待申请人补正，期限已暂停，不能延期");
                }
                if (today.isAfter(t.deadline())) {
                    yield Optional.of("答复期限 " + t.deadline() + " 已过：延期须在期限届满前决定");
                }
                yield Optional.empty();
            }
            case CORRECTION -> {
                if (limits.correctionWithinDays() == 0) {
                    yield Optional.of(t.type().label() + "工单没有补正环节");
                }
                if (t.status() != Ticket.Status.OPEN) {
                    yield Optional.of(code + " 已在等待补正");
                }
                if (correctionRequested) {
                    yield Optional.of("补正只能要求一次");
                }
                LocalDate last = rules.correctionDeadline(t.type(), t.timing().clockStartedOn());
                yield today.isAfter(last) ? Optional.of("要求补正的期限是 " + last + "，已经过了") : Optional.empty();
            }
            case CORRECTION_RECEIVED -> t.status() != Ticket.Status.CORRECTION
                    ? Optional.of(code + " 没有在等待补正") : Optional.empty();
        };
    }

    /** The actions the desk offers for this ticket now, in the desk's order. */
    static List<DeskAction> allowed(Ticket t, DeadlineRules rules, boolean correctionRequested, String actor,
            LocalDate today) {
        List<DeskAction> out = new ArrayList<>();
        for (DeskAction a : values()) {
            if (a.refusal(t, rules, correctionRequested, actor, today).isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }
}
