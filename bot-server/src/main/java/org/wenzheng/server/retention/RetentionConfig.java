package org.wenzheng.server.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long citizens' conversations are kept, and how often expired data is deleted.
 *
 * <p>PIPL Art. 19 allows keeping personal information only as long as the purpose needs it. The
 * default of 366 days keeps a whole reporting year (the annual disclosure report is filled from
 * these rows) and more than the six months the Cybersecurity Law (Art. 21) asks of network logs.
 * A conversation that a ticket refers to stays as long as its ticket.
 *
 * @param conversations how long a conversation is kept after it started
 * @param interval      how often the housekeeping runs (expired staff sessions, old conversations)
 */
public record RetentionConfig(Duration conversations, Duration interval) {
    /** Shortest retention accepted: a day less would delete conversations the same day they happen. */
    public static final Duration MIN_CONVERSATIONS = Duration.ofDays(1);
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    public static final RetentionConfig DEFAULTS = new RetentionConfig(Duration.ofDays(366), Duration.ofMinutes(60));

    public RetentionConfig {
        Objects.requireNonNull(conversations, "conversations");
        Objects.requireNonNull(interval, "interval");
        if (conversations.compareTo(MIN_CONVERSATIONS) < 0) {
            throw new IllegalArgumentException("conversationDays must be at least 1, got " + conversations.toDays());
        }
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("intervalMinutes must be at least 1, got " + interval.toMinutes());
        }
    }
}
