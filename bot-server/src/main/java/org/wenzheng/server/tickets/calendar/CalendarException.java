package org.wenzheng.server.tickets.calendar;

/** A calendar file that cannot be used; the message names the file, the field and, where known, the line. */
public final class CalendarException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CalendarException(String message) {
        super(message);
    }

    CalendarException(String message, Throwable cause) {
        super(message, cause);
    }
}
