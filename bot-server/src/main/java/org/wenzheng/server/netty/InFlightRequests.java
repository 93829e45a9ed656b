package org.wenzheng.server.netty;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Requests received and not yet answered, across all connections, so that a stop can wait for
 * them; and whether the server is draining (stopping), so that answers close their connections.
 */
public final class InFlightRequests {
    private int count;
    private volatile boolean draining;

    synchronized void started() {
        count++;
    }

    synchronized void finished() {
        count--;
        if (count <= 0) {
            notifyAll();
        }
    }

    synchronized int count() {
        return count;
    }

    /** From now on every answer closes its connection. */
    void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Waits until no request is in flight; false when {@code timeout} passed first. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
