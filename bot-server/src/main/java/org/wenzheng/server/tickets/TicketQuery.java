package org.wenzheng.server.tickets;

import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * What the ticket desk's list asks for: every part null (or false) means "any". The parts are
 * checked by the API before they come here.
 *
 * @param status     open, correction, answered or closed
 * @param department a department's id
 * @param channel    web, hotline, interview, api or letter
 * @param type       a ticket type (consultation, … tipoff, disclosure)
 * @param mailbox    a mailbox's id: letters to it only
 * @param overdue    true: open tickets past their deadline only; false: all others only
 * @param assignee   the username of the staff account that has it
 * @param unassigned true: only tickets nobody has taken (then {@code assignee} is null)
 * @param text       a part of the code or of the question as the desk shows it
 */
public record TicketQuery(String status, String department, String channel, TicketType type, String mailbox,
        Boolean overdue,
        String assignee, boolean unassigned, String text) {

    /** Every ticket. */
    public static final TicketQuery ALL = new TicketQuery(null, null, null, null, null, null, null, false, null);

    public TicketQuery {
        if (unassigned && assignee != null) {
            throw new IllegalArgumentException("a query asks for unassigned tickets or for an assignee, not both");
        }
    }

    /** The same query with tickets by status and department only (either may be null). */
    public static TicketQuery of(String status, String department) {
        return new TicketQuery(status, department, null, null, null, null, null, false, null);
    }

    /** The same query limited to one department. */
    public TicketQuery inDepartment(String id) {
        return new TicketQuery(status, id, channel, type, mailbox, overdue, assignee, unassigned, text);
    }
}
