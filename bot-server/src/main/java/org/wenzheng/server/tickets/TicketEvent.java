package org.wenzheng.server.tickets;

import java.time.Instant;

/**
 * One thing that happened to a ticket.
 *
 * @param kind   created, linked, routed, escalated, reminded, overdue, extended, transferred,
 *               correction_requested, correction_received, answered, answer_again, closed
 * @param actor  a staff username, an officer's address, or {@code system}
 * @param detail what a reader needs to know (the routing rule, the old and new department …), in the
 *               fixed form of its kind that {@link EventText} reads back into Chinese for staff: a
 *               change to a form written here needs the same change there
 */
public record TicketEvent(long id, String ticketCode, Instant occurredAt, String kind, String actor, String detail) {
}
