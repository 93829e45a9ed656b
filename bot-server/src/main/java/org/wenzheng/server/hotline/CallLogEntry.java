package org.wenzheng.server.hotline;

/**
 * What an operator writes into a call's log: each field replaces the stored one, null leaves it
 * as it is.
 *
 * @param question    what the caller asked
 * @param answerGiven the answer the operator gave, with its citation
 * @param notes       anything else worth keeping
 */
record CallLogEntry(String question, String answerGiven, String notes) {
}
