package org.wenzheng.server.reports;

import java.time.Instant;

/**
 * The instants a report counts between: [start, end), and {@code asOf}, the moment what is still
 * open is counted at (the end, or now when the period has not ended).
 */
record Window(Instant start, Instant end, Instant asOf) {
}
