package org.wenzheng.server.tickets;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The deadline rules as the ticket desk uses them, per ticket type ({@code consultation},
 * {@code disclosure}), on the working-day calendar of the configuration (调休 included).
 */
public interface TicketDeadlines {
    /** The last working day for an answer when the clock (re)starts on {@code clockStart}. */
    LocalDate deadline(String type, LocalDate clockStart);

    /** The day the reminder (催办) is due for a ticket with this deadline. */
    LocalDate reminderDay(String type, LocalDate deadline);

    /** Working days the one extension may add at most; 0 when the type has none. */
    int maxExtensionDays(String type);

    /** The deadline moved by this many working days. */
    LocalDate extend(LocalDate deadline, int workingDays);

    /** The last day a 补正 (correction) may be asked for; empty when the type has none. */
    Optional<LocalDate> correctionLastDay(String type, LocalDate clockStart);
}
