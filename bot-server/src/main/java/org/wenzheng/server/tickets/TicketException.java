package org.wenzheng.server.tickets;

/**
 * An action on a ticket that cannot be carried out: no such ticket or department, or the rules
 * forbid it (a second extension, 补正 after its time). The message is written for staff, in Chinese:
 * the desk shows it as it is.
 */
final class TicketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** No such ticket (or department). */
        NOT_FOUND,
        /** The ticket's state or the rules forbid the action. */
        CONFLICT,
        /** A value given is out of its limits. */
        INVALID
    }

    private final Reason reason;

    public TicketException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
