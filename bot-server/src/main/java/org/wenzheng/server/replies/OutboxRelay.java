package org.wenzheng.server.replies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.privacy.PersonalDataMasker;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.StoreException;

/**
 * Delivers the outbox: the notices that ticket changes committed (escalations, reminders, overdue
 * notices, answers to citizens), each through the connector its row names, oldest first.
 *
 * <p>A delivered row becomes {@code sent} with the receiving system's id (the Message-ID), and the
 * first escalation's Message-ID becomes the ticket's thread id, in one transaction. A transient
 * failure (connection refused, SMTP 4xx) is retried with exponential backoff and jitter, forever
 * and at least every {@link Backoff#max()}: an outage of a day delays mail by a day and loses none.
 * A permanent failure (5xx, a refused address) marks the row {@code failed}: it stays in the table,
 * counted on /metrics and listed for administrators, who can retry it once the cause is fixed.
 *
 * <p><b>The one duplicate that cannot be avoided.</b> Delivering and recording the delivery are two
 * systems: if the process dies after the SMTP server answered 250 and before the row's commit, the
 * row is still pending and the notice is sent again after the restart. No ordering fixes this
 * without a transaction spanning SMTP and the database, which does not exist. It is harmless
 * because the notice's id is stable: the mail carries the same Message-ID both times (and a
 * webhook the same idempotency key), so mail clients and servers that de-duplicate by Message-ID
 * show one mail, the threads of both copies are the same, and a reply to either copy finds the
 * ticket.
 *
 * <p><b>Several nodes, one outbox.</b> Each relay claims a row before it delivers it
 * ({@link OutboxStore#claimNext}: the row locked with {@code FOR UPDATE SKIP LOCKED} on PostgreSQL,
 * and a lease, {@code cluster.claimLeaseSeconds}, recorded with this node's id), then delivers it
 * outside any transaction and records the outcome. Two relays never hold a claim on one row at
 * once, and a claim is delivered at most once: a transient failure ends the claim (the row is due
 * again after its backoff, for whichever node claims it then). A node that dies between a claim
 * and its record leaves the row claimed until the lease has passed; another node then delivers it
 * (or this node, restarted, at once: it frees its own dead claims at start). As with a crash on one
 * node, the notice may then have left twice, with the same Message-ID.
 *
 * <p>One thread. It sleeps until the next row can be claimed, at most {@code relayPoll}, and is
 * woken at once by {@link #wakeUp()} (a ticket was created on this node): never a busy loop. A
 * notice written on another node is delivered within {@code relayPoll}.
 */
final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final OutboxStore store;
    private final Map<String, Connector> connectors;
    private final Function<String, TicketNotice> decoder;
    private final Backoff backoff;
    private final Duration poll;
    private final int batch;
    private final Clock clock;
    private final String claimer;
    private final Duration lease;
    private final Object signal = new Object();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder permanentFailures = new LongAdder();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private boolean storeDown;

    /**
     * @param connectors by name, as outbox rows name them
     * @param decoder    reads a row's payload (the notice as JSON)
     * @param cluster    this node's id (the claimer's name) and the lease of a claim
     */
    OutboxRelay(OutboxStore store, Map<String, Connector> connectors, Function<String, TicketNotice> decoder,
            RepliesConfig config, ClusterConfig cluster, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.connectors = Map.copyOf(connectors);
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.backoff = config.relayBackoff();
        this.poll = config.relayPoll();
        this.batch = config.relayBatch();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimer = cluster.nodeId();
        this.lease = cluster.claimLease();
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "wenzheng-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    /** Delivers what is due now instead of at the next poll: call after committing a new notice. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Pending rows, as of the last round. */
    public int pending() {
        return pending.get();
    }

    /** Permanently failed rows, as of the last round. */
    public int failed() {
        return failed.get();
    }

    /** Notices delivered since start. */
    public long delivered() {
        return delivered.sum();
    }

    /** Rows that failed permanently since start. */
    public long permanentFailures() {
        return permanentFailures.sum();
    }

    private void run() {
        try {
            int freed = store.releaseAbandonedClaims(claimer);
            if (freed > 0) {
                log.info("outbox: {} notice(s) claimed by this node before it stopped are due again", freed);
            }
        } catch (StoreException e) {
            // They are claimed again when their lease passes.
            log.warn("cannot free this node's earlier outbox claims: {}", e.getMessage());
        }
        while (running) {
            Duration wait = poll;
            try {
                int done = deliverDue();
                refreshCounts();
                if (storeDown) {
                    log.info("the outbox is readable again");
                    storeDown = false;
                }
                wait = done == batch ? Duration.ZERO : untilNextDue();
            } catch (StoreException e) {
                if (!storeDown) {
                    log.warn("cannot read the outbox: {}; retrying every {} s", e.getMessage(), poll.toSeconds());
                    storeDown = true;
                }
            } catch (RuntimeException e) {
                log.error("outbox relay: unexpected failure", e);
            }
            try {
                sleep(wait);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    private Duration untilNextDue() {
        Optional<Instant> next = store.nextDue();
        if (next.isEmpty()) {
            return poll;
        }
        Duration d = Duration.between(clock.instant(), next.get());
        // At least a millisecond (due rows are delivered in the next round anyway), at most the poll.
        return d.compareTo(poll) > 0 ? poll : d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    private void sleep(Duration d) throws InterruptedException {
        if (d.isZero()) {
            return;
        }
        synchronized (signal) {
            if (!woken && running) {
                signal.wait(Math.max(1, d.toMillis()));
            }
            woken = false;
        }
    }

    /**
     * One round: claims and delivers the rows due now, oldest first, one at a time, at most a
     * batch.
     *
     * @return how many rows were handled (delivered, failed or rescheduled)
     */
    int deliverDue() {
        int handled = 0;
        while (handled < batch && (running || thread == null)) {
            Instant now = clock.instant();
            Optional<OutboxStore.Row> row = store.claimNext(now, claimer, now.plus(lease));
            if (row.isEmpty()) {
                break;
            }
            deliver(row.get());
            handled++;
        }
        return handled;
    }

    void refreshCounts() {
        OutboxStore.Counts c = store.counts();
        pending.set(c.pending());
        failed.set(c.failed());
    }

    /** The gauges' first values, before the first round; a database not answering yet is not fatal here. */
    void refreshCountsQuietly() {
        try {
            refreshCounts();
        } catch (StoreException e) {
            log.warn("cannot count the outbox: {}", e.getMessage());
        }
    }

    private void deliver(OutboxStore.Row row) {
        Connector connector = connectors.get(row.connector());
        if (connector == null) {
            fail(row, "no connector named '" + row.connector() + "' is configured");
            return;
        }
        TicketNotice notice;
        try {
            notice = decoder.apply(row.payload());
        } catch (RuntimeException e) {
            fail(row, "the notice cannot be read: " + e.getMessage());
            return;
        }
        String deliveredId;
        try {
            deliveredId = connector.deliver(notice);
        } catch (DeliveryException e) {
            if (e.permanent()) {
                fail(row, e.getMessage());
            } else {
                Duration wait = backoff.delay(row.attempts() + 1, ThreadLocalRandom.current().nextDouble());
                store.reschedule(row.id(), claimer, clock.instant().plus(wait), e.getMessage());
                log.info("outbox {} ({} of ticket {}) via {}: attempt {} failed: {}; next in {} s", row.id(),
                        row.kind(), row.ticketCode(), row.connector(), row.attempts() + 1,
                        PersonalDataMasker.mask(e.getMessage()), wait.toSeconds());
            }
            return;
        } catch (RuntimeException e) {
            // A connector's bug must not stop the relay; retried like an outage, logged in full.
            log.error("outbox {} via {}: the connector failed unexpectedly", row.id(), row.connector(), e);
            Duration wait = backoff.delay(row.attempts() + 1, ThreadLocalRandom.current().nextDouble());
            store.reschedule(row.id(), claimer, clock.instant().plus(wait), e.toString());
            return;
        }
        if (store.markSent(row, deliveredId == null ? "" : deliveredId, clock.instant())) {
            delivered.increment();
            log.info("outbox {} ({} of ticket {}) delivered via {} as {}", row.id(), row.kind(), row.ticketCode(),
                    row.connector(), deliveredId);
        }
    }

    private void fail(OutboxStore.Row row, String why) {
        store.markFailed(row.id(), why);
        permanentFailures.increment();
        // A refusal names the recipient (550 <zs@example.com>: no such user): masked in the log,
        // kept whole in the row for the administrator.
        log.warn("outbox {} ({} of ticket {}) via {} failed permanently: {}; kept as failed for an administrator",
                row.id(), row.kind(), row.ticketCode(), row.connector(), PersonalDataMasker.mask(why));
    }

    /** Stops the thread after the delivery in progress. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        wakeUp();
        if (t == null) {
            return;
        }
        try {
            t.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.interrupt();
            log.warn("the outbox relay did not stop within {} s; interrupted", JOIN_TIMEOUT.toSeconds());
        }
    }
}
