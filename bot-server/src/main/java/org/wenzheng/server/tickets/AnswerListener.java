package org.wenzheng.server.tickets;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Hears of every ticket an officer's answer answers, whichever way it came (a mail reply, a
 * webhook callback, /admin), inside the transaction that records it: what the listener writes on
 * {@code c} commits with the answer or not at all, and an exception it throws refuses the answer
 * (rolled back, as any failure of the recording is). A second answer to a ticket, kept as an event
 * only, is not heard of: nothing changes.
 *
 * <p>This is how another feature follows answers without the tickets knowing it: online
 * interviews publish the answer to a question they escalated (会后答复).
 */
@FunctionalInterface
public interface AnswerListener {
    /**
     * @param ticket         the ticket as answered (a linked duplicate is heard of on its own)
     * @param departmentName the display name of the department that answered
     * @param text           the answer as recorded
     * @param at             when it was recorded
     */
    void answered(Connection c, Ticket ticket, String departmentName, String text, Instant at) throws SQLException;
}
