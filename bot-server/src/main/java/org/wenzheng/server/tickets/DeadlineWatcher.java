package org.wenzheng.server.tickets;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.db.Leadership;

/**
 * Runs {@link TicketService#watch} on a thread of its own, at a fixed delay: reminders (催办) and
 * overdue reports. All its state is in the database (a ticket is marked reminded in the transaction
 * that queues its reminder), so a restart neither skips nor repeats a notice, and a failed pass
 * (database down) is simply tried again at the next interval.
 *
 * <p>One watcher across the nodes of one database: a pass runs only while this node leads the
 * {@code deadlines} {@link Leadership.Singleton}. (Two passes at once would still not notify twice:
 * each ticket is re-read under a row lock and marked in the transaction that queues its notice.)
 */
final class DeadlineWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeadlineWatcher.class);

    private final TicketService tickets;
    private final Duration interval;
    private final Leadership.Singleton leader;
    private ScheduledExecutorService thread;

    DeadlineWatcher(TicketService tickets, Duration interval, Leadership.Singleton leader) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.leader = Objects.requireNonNull(leader, "leader");
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the deadline watcher was already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wenzheng-deadlines");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass() {
        if (!leader.leading()) {
            return;
        }
        try {
            TicketService.Watched w = tickets.watch();
            if (!w.reminded().isEmpty() || !w.overdue().isEmpty()) {
                log.info("deadlines: reminded={} overdue={}", w.reminded(), w.overdue());
            }
        } catch (RuntimeException e) {
            // Never let one failure end the schedule: the next pass retries from the database.
            log.error("deadline watch failed; retrying in {} s", interval.toSeconds(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the deadline watcher did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
