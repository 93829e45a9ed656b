package org.wenzheng.server.hotline;

import java.time.Instant;
import java.time.LocalDate;

/** A ticket not yet answered, as the console shows it beside a caller's call. */
record OpenTicket(String code, String status, String question, Instant createdAt, LocalDate deadline) {
}
