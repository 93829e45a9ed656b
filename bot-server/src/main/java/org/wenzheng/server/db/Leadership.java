package org.wenzheng.server.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which node does the work that must run once across the nodes of one database (the mailbox
 * reader, the deadline watcher, the clean-up): each such piece of work is a {@link Singleton},
 * led by the node whose session holds its PostgreSQL advisory lock ({@code pg_try_advisory_lock}).
 *
 * <p>The locks are session-level, on one connection of this node's own outside the pool, held as
 * long as it leads: when the node dies (a {@code kill -9}, a lost machine) PostgreSQL ends its
 * session and the locks are free. Every {@link ClusterConfig#leaderCheck} a thread checks that the
 * connection still answers (else every lock is taken as lost, the work stops here, and a new
 * connection is opened, which leaves the work to the other nodes for {@value #REJOIN_CHECKS}
 * checks) and tries to take the locks this node does not hold: a dead leader's work moves to
 * another node within about one check. The session asks PostgreSQL to probe the
 * connection too (TCP keepalive every check), so that a machine gone without a word frees its
 * locks in seconds, not after the operating system's two hours.
 *
 * <p>The node's own id is locked the same way when it starts: a second node with the same
 * {@code cluster.nodeId} on the database is refused ({@link #start} throws), which lets a node take
 * back at start what it had claimed before it died ({@code outbox.claimed_by}).
 *
 * <p>A lock's key is a hash of the schema and the work's name, so that two installations in two
 * schemas of one database never lead each other's work.
 *
 * <p>On SQLite every singleton is always led: one process holds the database file (its lock file),
 * so it is alone by construction.
 */
public final class Leadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    /** Checks a node that lost its session waits before it tries to lead again: the others' turn first. */
    static final int REJOIN_CHECKS = 2;

    private final Database database;
    private final ClusterConfig config;
    private final boolean alone;
    private final Map<String, Singleton> singletons = new ConcurrentHashMap<>();
    private final List<Singleton> order = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    /** The session holding the locks; touched by the check thread only (and by close, after it stopped). */
    private Connection session;
    private String schema;
    private boolean sessionDownLogged;
    /** After this node lost its session (System.nanoTime), it leaves the work to the others for a while. */
    private long followUntil;
    private boolean following;
    private volatile boolean running;
    private Thread thread;

    private Leadership(Database database, ClusterConfig config) {
        this.database = Objects.requireNonNull(database, "database");
        this.config = Objects.requireNonNull(config, "config");
        this.alone = database.dialect() == Dialect.SQLITE;
    }

    /** The leadership of this node on this database; nothing is led until {@link #start}. */
    public static Leadership of(Database database, ClusterConfig config) {
        return new Leadership(database, config);
    }

    /** This node's id and timings. */
    public ClusterConfig cluster() {
        return config;
    }

    /**
     * The work of this name (one name, one lock, across the nodes): the same object for the same
     * name. May be asked for before or after {@link #start}.
     */
    public Singleton singleton(String name) {
        Objects.requireNonNull(name, "name");
        return singletons.computeIfAbsent(name, n -> {
            Singleton s = new Singleton(n, alone);
            order.add(s);
            return s;
        });
    }

    /**
     * Takes this node's id and tries every singleton once, before returning (a single node leads
     * at once), then checks every {@link ClusterConfig#leaderCheck} on a thread of its own.
     *
     * @throws StoreException when another node with this node id holds the database, or the
     *                        database cannot be reached
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        if (alone) {
            return;
        }
        try {
            openSession();
            if (!tryLock("node:" + config.nodeId())) {
                closeSession();
                throw new StoreException("another node with the node id '" + config.nodeId() + "' is using the"
                        + " database " + database.shownAs() + "; give each node its own cluster.nodeId (or "
                        + "WENZHENG_NODE_ID)");
            }
        } catch (SQLException e) {
            closeSession();
            throw new StoreException("cannot take the node id '" + config.nodeId() + "' on the database "
                    + database.shownAs() + ": " + Database.rootMessage(e), e);
        }
        tryToLead();
        running = true;
        thread = new Thread(this::run, "wenzheng-leadership");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            synchronized (wake) {
                try {
                    wake.wait(config.leaderCheck().toMillis());
                } catch (InterruptedException e) {
                    break;
                }
            }
            if (running) {
                check();
            }
        }
    }

    /** One check: the session still alive (else everything is lost and a new one opened), then the free locks tried. */
    void check() {
        if (session != null && !sessionAnswers()) {
            log.warn("node {}: the session holding the leadership locks on {} is gone; stopping the work it led",
                    config.nodeId(), database.shownAs());
            closeSession();
            // The others take the work over at their next check: this node, back at once on a new
            // session, must not win it back before them (a node whose connection flaps would keep
            // the work stopping and starting).
            followUntil = System.nanoTime() + REJOIN_CHECKS * config.leaderCheck().toNanos();
            following = true;
        }
        if (session == null) {
            try {
                openSession();
                if (!tryLock("node:" + config.nodeId())) {
                    log.error("node {}: another node took this node id while the database was out of reach; two"
                            + " nodes now share the id '{}': give each its own cluster.nodeId", config.nodeId(),
                            config.nodeId());
                }
                if (sessionDownLogged) {
                    log.info("node {}: a leadership session on {} is open again", config.nodeId(), database.shownAs());
                    sessionDownLogged = false;
                }
            } catch (SQLException e) {
                closeSession();
                if (!sessionDownLogged) {
                    log.warn("node {}: cannot open a leadership session on {}: {}; trying again every {} ms",
                            config.nodeId(), database.shownAs(), Database.rootMessage(e),
                            config.leaderCheck().toMillis());
                    sessionDownLogged = true;
                }
                return;
            }
        }
        tryToLead();
    }

    private void tryToLead() {
        if (following) {
            if (System.nanoTime() - followUntil < 0) {
                return;
            }
            following = false;
        }
        for (Singleton s : order) {
            if (s.leading()) {
                continue;
            }
            try {
                if (tryLock(s.name())) {
                    log.info("node {} leads {}", config.nodeId(), s.name());
                    s.set(true);
                }
            } catch (SQLException e) {
                // The session failed under the statement: the next check notices and starts afresh.
                log.warn("node {}: cannot try the lock of {}: {}", config.nodeId(), s.name(), Database.rootMessage(e));
                return;
            }
        }
    }

    private boolean sessionAnswers() {
        try (Statement st = session.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, config.leaderCheck().toSeconds()));
            st.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void openSession() throws SQLException {
        session = database.sessionConnection();
        try (Statement st = session.createStatement()) {
            // PostgreSQL ends the session (and frees its locks) when the node's machine stops answering.
            int seconds = (int) Math.max(1, config.leaderCheck().toSeconds());
            st.execute("SET tcp_keepalives_idle = " + seconds);
            st.execute("SET tcp_keepalives_interval = " + seconds);
            st.execute("SET tcp_keepalives_count = 3");
            st.execute("SET application_name = 'wenzheng " + config.nodeId() + " leadership'");
            try (ResultSet r = st.executeQuery("SELECT current_schema()")) {
                r.next();
                schema = Objects.requireNonNullElse(r.getString(1), "");
            }
        }
    }

    private boolean tryLock(String name) throws SQLException {
        try (PreparedStatement st = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            st.setLong(1, key(schema, name));
            try (ResultSet r = st.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** Every lock lost with the session: each singleton stops leading. */
    private void closeSession() {
        for (Singleton s : order) {
            if (s.leading()) {
                log.info("node {} no longer leads {}", config.nodeId(), s.name());
                s.set(false);
            }
        }
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // Already broken: nothing held remains.
            }
            session = null;
        }
    }

    /** The advisory lock key of a piece of work: the first 8 bytes of SHA-256(schema, name). */
    static long key(String schema, String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(("wenzheng\0" + schema + "\0" + name).getBytes(StandardCharsets.UTF_8));
            long k = 0;
            for (int i = 0; i < 8; i++) {
                k = (k << 8) | (h[i] & 0xff);
            }
            return k;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Stops the checks and ends the session: the locks are free for another node at once. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            synchronized (wake) {
                wake.notifyAll();
            }
            try {
                t.join(Math.max(1000, config.leaderCheck().toMillis() * 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closeSession();
        }
    }

    /**
     * A piece of work that runs on one node at a time: the node's code asks {@link #leading} before
     * each round of it (a deadline pass, a mailbox read), or waits with {@link #awaitLeading}.
     */
    public static final class Singleton {
        private final String name;
        private boolean leading;

        private Singleton(String name, boolean leading) {
            this.name = name;
            this.leading = leading;
        }

        /** The work's name, which its lock is derived from: {@code deadlines}, {@code imap:…}. */
        public String name() {
            return name;
        }

        /** Whether this node leads the work now. */
        public synchronized boolean leading() {
            return leading;
        }

        /**
         * Waits until this node leads the work, at most {@code timeout}.
         *
         * @return whether it leads
         */
        public synchronized boolean awaitLeading(Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (!leading) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }

        private synchronized void set(boolean now) {
            leading = now;
            notifyAll();
        }

        @Override
        public String toString() {
            return "Singleton[" + name + (leading ? ", leading" : "") + "]";
        }
    }
}
