package org.wenzheng.server.http;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.PasswordHashing;
import org.wenzheng.server.staff.StaffAuth;
import org.wenzheng.server.staff.StaffSocket;

/**
 * A part of Wenzheng that plugs into the server: tickets, the mail bridge, the hotline console,
 * online interviews, the admin pages. The server calls {@link #install} once while it is built
 * (add routes, metrics), {@link #start} after it listens (start background threads), and
 * {@link #close} when it stops, after the requests in flight and the worker threads are done and
 * before the database closes; features are closed in the reverse order of their installation.
 */
public interface ServerFeature extends AutoCloseable {
    /** Adds the feature's routes and metrics. Runs once, before the server listens; must not block long. */
    void install(Routes.Builder routes, Context context);

    /**
     * The WebSocket paths on which this feature pushes to logged-in staff (the console's pop-ups);
     * asked once, after {@link #install}.
     */
    default List<StaffSocket> staffSockets() {
        return List.of();
    }

    /** Starts background work (relays, watchers, readers). The server is listening. */
    default void start() {
    }

    /** Stops background work; must not throw. */
    @Override
    default void close() {
    }

    /**
     * What the server shares with its features.
     *
     * @param knowledge     the knowledge base (answers, search, FAQ entries)
     * @param database      the migrated database
     * @param conversations citizens' conversations and their messages
     * @param hub           the open chat connections: where later messages to a citizen are pushed
     * @param staff         staff accounts and sessions
     * @param guard         wraps staff endpoints and pages with the login, role and CSRF checks
     * @param passwords     the pool where passwords are hashed (never on the workers)
     * @param metrics       the counters and gauges shown on /metrics
     * @param workers       the bounded pool that runs the blocking work of requests (it refuses work when
     *                      full: background threads of features use their own)
     * @param clock         the wall clock (stored times, deadlines)
     * @param ticker        the monotonic time source (rate limits, durations)
     */
    record Context(KnowledgeBase knowledge, Database database, ConversationStore conversations, ConversationHub hub,
            StaffAuth staff, Guard guard, PasswordHashing passwords, ServerMetrics metrics, Executor workers, Clock clock,
            Ticker ticker) {
        public Context {
            Objects.requireNonNull(knowledge, "knowledge");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(conversations, "conversations");
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(staff, "staff");
            Objects.requireNonNull(guard, "guard");
            Objects.requireNonNull(passwords, "passwords");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(workers, "workers");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ticker, "ticker");
        }
    }
}
