package org.wenzheng.server.http;

/**
 * A part of Wenzheng that plugs into the server: the chat, the staff logins, tickets, the mail
 * bridge, the hotline console, online interviews, the FAQ review, the admin pages, the reports, the
 * metrics, the retention clean-up (docs/architecture.md lists them). A feature is built
 * with exactly what it uses (by {@code org.wenzheng.app.Assembly}, the one place that wires them);
 * the server then calls {@link #addRoutes} once while it is built, {@link #start} after it
 * listens (background threads), and {@link #close} when it stops, after the requests in flight and
 * the worker threads are done and before the database closes; features are closed in the reverse
 * order of their installation.
 */
public interface Feature extends AutoCloseable {
    /** Adds the feature's routes. Runs once, before the server listens; must not block long. */
    void addRoutes(Routes.Builder routes);

    /** Starts background work (relays, watchers, readers). The server is listening. */
    default void start() {
    }

    /** Stops background work; must not throw. */
    @Override
    default void close() {
    }
}
