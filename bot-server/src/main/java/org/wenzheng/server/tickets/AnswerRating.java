package org.wenzheng.server.tickets;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * 满意度评价: a citizen's rating of an answered ticket, stored by the feature that keeps ratings in
 * the transaction that records it on the ticket ({@link TicketService#rate}): the rating, its event
 * and what it does to the ticket (a 不满意 reopens it once, then closes it) commit together.
 */
@FunctionalInterface
public interface AnswerRating {

    /** What a rating does to the ticket. */
    enum Effect {
        /** Nothing: the answer stands (满意, 基本满意). */
        NONE,
        /** 不满意 the first time: open again, to the department's supervisor, with a new deadline. */
        REOPEN,
        /** 不满意 after the ticket was reopened once: closed as 不满意. */
        CLOSE
    }

    /**
     * Stores the rating of the ticket's current answer on {@code c}, or refuses it.
     *
     * @param answered the ticket, locked, answered
     * @return what follows for the ticket
     * @throws Refused when the answer was rated already (nothing is stored then)
     */
    Effect store(Connection c, Ticket answered) throws SQLException;

    /** A rating that cannot be accepted now; the message is the citizen's, in Chinese. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
