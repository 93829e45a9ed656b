package org.wenzheng.server.retention;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.chat.ConversationStore;

/**
 * Deletes what is no longer needed, on a timer of its own thread: staff sessions past their end
 * (they no longer log anyone in, but a copy of the table would still show who worked when) and
 * conversations past their retention time (see {@link RetentionConfig}). A failed run is logged
 * and the next one tries again; nothing here can stop the server.
 *
 * <p>One clean-up across the nodes of one database: a pass runs only on the node that leads the
 * {@code retention} {@link Leadership.Singleton} (the deletes are harmless twice, but each node's
 * pass would scan the same tables for nothing).
 */
public final class Housekeeping implements Feature {
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final RetentionConfig config;
    private final AccountStore accounts;
    private final ConversationStore conversations;
    private final Clock clock;
    private final Leadership.Singleton leader;
    private ScheduledExecutorService timer;

    /**
     * @param accounts the staff accounts, whose expired sessions go too
     * @param leader   the clean-up's leadership: it runs only on the node that leads it
     */
    public Housekeeping(RetentionConfig config, ConversationStore conversations, AccountStore accounts,
            Leadership.Singleton leader, Clock clock) {
        this.leader = java.util.Objects.requireNonNull(leader, "leader");
        this.config = config;
        this.conversations = conversations;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        // Background work only.
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wenzheng-housekeeping");
            t.setDaemon(true);
            return t;
        });
        // The first run soon after start: a server restarted daily must still clean up.
        timer.scheduleWithFixedDelay(this::runOnce, 1, config.interval().toSeconds(), TimeUnit.SECONDS);
    }

    /** One pass; also what the tests call. */
    void runOnce() {
        if (!leader.leading()) {
            return;
        }
        try {
            int sessions = accounts.deleteExpiredSessions();
            Instant cutoff = clock.instant().minus(config.conversations());
            int deleted = conversations.deleteStartedBefore(cutoff);
            if (sessions > 0 || deleted > 0) {
                log.info("housekeeping: deleted {} expired staff session(s) and {} conversation(s) started before {}",
                        sessions, deleted, cutoff);
            }
        } catch (RuntimeException e) { // StoreException among others: the next run tries again
            log.warn("housekeeping failed, tried again in {} min: {}", config.interval().toMinutes(), e.getMessage());
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
