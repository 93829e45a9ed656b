package org.wenzheng.server.interviews;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Turns a question left unanswered at the end of an online interview into an escalation ticket
 * (channel interview), so that it is answered after the event. Implemented over the tickets
 * service; without one, questions wait as {@code to_escalate} until an administrator escalates
 * them once it exists.
 */
@FunctionalInterface
public interface Escalator {
    /**
     * Creates the ticket. Blocks (database, mail outbox): called on a worker thread.
     *
     * @return the ticket's code
     */
    String escalate(Interview interview, InterviewQuestion question);

    /**
     * Has the answers to the tickets made here published (会后答复): from now on, each is handed
     * to {@code answers} inside the transaction that records it. Called once, while the server is
     * built. By default no answer comes back.
     */
    default void onAnswer(Answers answers) {
    }

    /** Where the answers to escalated questions go, in the transaction that records each. */
    @FunctionalInterface
    interface Answers {
        /**
         * @param ticketCode the ticket answered; one that no escalated question waits for changes nothing
         * @param department the display name of the department that answered
         * @param text       the answer as recorded
         * @param at         when it was recorded
         */
        void publish(Connection c, String ticketCode, String department, String text, Instant at)
                throws SQLException;
    }
}
