package org.wenzheng.server.interview;

import org.wenzheng.server.store.Interview;
import org.wenzheng.server.store.InterviewQuestion;

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
}
