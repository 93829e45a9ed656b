package org.wenzheng.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: a pool of connections (HikariCP) to SQLite (the embedded default)
 * or PostgreSQL, whose schema is brought up to date by the Flyway migrations of its dialect
 * ({@code db/migration/sqlite}, {@code db/migration/postgresql}) when it is opened. Opening fails
 * at once, with a message naming the database, when it cannot be reached or a migration fails: a
 * server must not start without its storage.
 *
 * <p>SQLite is opened so that a commit that returned survives the process being killed: the
 * write-ahead log ({@code journal_mode=WAL}) receives every commit before it returns, and with
 * {@code synchronous=FULL} (the default) is flushed to the disk too. SQLite has one writer at a
 * time; transactions here take that lock when they begin ({@code BEGIN IMMEDIATE}, so that a
 * transaction that reads, then writes, never fails halfway on a busy database), and they queue for
 * it in this process, in arrival order, rather than in SQLite's busy handler, which polls with
 * growing sleeps. A lock file beside the database keeps a second process out.
 *
 * <p>Its methods block (JDBC): call them from worker threads, never from an event loop.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where the migrations are, in the jar. */
    static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String shownAs;
    private final String product;
    private final String schemaVersion;
    private final int migrationsApplied;
    /** SQLite: the lock file keeping other processes out, held until {@link #close}; else null. */
    private final FileLock processLock;
    /** SQLite's one writer, taken in this process in arrival order; null on PostgreSQL. */
    private final ReentrantLock writer;

    private Database(HikariDataSource pool, Dialect dialect, String shownAs, String product, String schemaVersion,
            int migrationsApplied, FileLock processLock) {
        this.pool = pool;
        this.dialect = dialect;
        this.shownAs = shownAs;
        this.product = product;
        this.schemaVersion = schemaVersion;
        this.migrationsApplied = migrationsApplied;
        this.processLock = processLock;
        this.writer = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /**
     * Connects and applies the migrations not yet applied (none when the schema is current).
     *
     * @throws StoreException when the database cannot be reached, or a migration fails or does not
     *                        match what was applied before (a changed migration file)
     */
    public static Database open(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        String shownAs = config.displayUrl();
        Dialect dialect = config.dialect();
        FileLock processLock = dialect == Dialect.SQLITE ? lockFile(config, shownAs) : null;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(config));
        } catch (RuntimeException e) {
            release(processLock);
            throw new StoreException("cannot connect to the database " + shownAs + ": " + rootMessage(e), e);
        }
        Database db;
        try {
            if (dialect == Dialect.SQLITE) {
                checkSqliteSettings(pool, config);
            }
            MigrateResult migrated = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:" + dialect.migrations())
                    // An empty location means a broken build, not a database without tables.
                    .failOnMissingLocations(true)
                    .validateMigrationNaming(true)
                    .load()
                    .migrate();
            String product;
            try (Connection c = pool.getConnection()) {
                DatabaseMetaData m = c.getMetaData();
                product = m.getDatabaseProductName() + " " + m.getDatabaseProductVersion();
            }
            db = new Database(pool, dialect, shownAs, product, migrated.targetSchemaVersion == null
                    ? migrated.initialSchemaVersion : migrated.targetSchemaVersion, migrated.migrationsExecuted,
                    processLock);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            release(processLock);
            throw new StoreException("cannot migrate the database " + shownAs + ": " + rootMessage(e), e);
        }
        log.info("database {} ({}) at schema version {}; {} migration(s) applied now", shownAs, db.product,
                db.schemaVersion, db.migrationsApplied);
        if (dialect == Dialect.SQLITE) {
            try {
                LegacyH2Import.importIfPresent(db, DatabaseConfig.sqliteFile(config.url()));
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return db;
    }

    /**
     * The lock file of an SQLite database ({@code wenzheng.db.lock} beside {@code wenzheng.db}),
     * locked by this process until it closes the database or dies (the operating system releases
     * it then, so a killed server never blocks its restart). Creates the database's folder.
     */
    private static FileLock lockFile(DatabaseConfig config, String shownAs) {
        Path file = DatabaseConfig.sqliteFile(config.url());
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = channel.tryLock();
            if (held == null) {
                throw new OverlappingFileLockException();
            }
            return held;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new StoreException("cannot connect to the database " + shownAs + ": it is already in use by another"
                    + " process (" + lock + " is locked); stop the other server or give this one another --data"
                    + " folder", e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot connect to the database " + shownAs + ": cannot create or lock " + lock
                    + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The lock was not had; nothing to release.
            }
        }
    }

    private static void release(FileLock lock) {
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException e) {
                log.warn("cannot close the database lock file: {}", e.getMessage());
            }
        }
    }

    private static HikariConfig hikari(DatabaseConfig config) {
        HikariConfig h = new HikariConfig();
        h.setPoolName("wenzheng-db");
        h.setJdbcUrl(config.url());
        if (config.user() != null) {
            h.setUsername(config.user());
        }
        if (config.password() != null) {
            h.setPassword(config.password());
        }
        h.setMaximumPoolSize(config.maxPoolSize());
        h.setConnectionTimeout(config.connectionTimeout().toMillis());
        if (config.dialect() == Dialect.SQLITE) {
            // The SQLite driver begins a transaction as soon as auto-commit is turned off and again
            // right after every commit: an idle pooled connection would then hold the database's
            // write lock. Connections stay in auto-commit mode, and inTransaction writes BEGIN
            // IMMEDIATE and COMMIT itself.
            h.setAutoCommit(true);
            h.addDataSourceProperty("journal_mode", "WAL");
            h.addDataSourceProperty("synchronous", config.synchronous().name());
            h.addDataSourceProperty("foreign_keys", "true");
            // Only another program opening the file (a backup tool, the sqlite3 shell) makes a
            // transaction wait here: this process queues its own before they begin.
            h.addDataSourceProperty("busy_timeout", String.valueOf(config.connectionTimeout().toMillis()));
        } else {
            // Every unit of work is an explicit transaction (see inTransaction): nothing commits halfway.
            h.setAutoCommit(false);
        }
        return h;
    }

    /**
     * Reads back what the durability of an SQLite commit rests on, and refuses to go on without
     * it: a file system that cannot hold a write-ahead log (some network shares) silently leaves
     * SQLite in another journal mode.
     */
    private static void checkSqliteSettings(HikariDataSource pool, DatabaseConfig config) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            String journal = pragma(s, "journal_mode");
            if (!"wal".equals(journal.toLowerCase(Locale.ROOT))) {
                throw new StoreException("the database file cannot be kept in write-ahead-log mode (journal_mode is "
                        + journal + "); put the data folder on a local disk");
            }
            int expected = config.synchronous() == DatabaseConfig.Synchronous.FULL ? 2 : 1;
            String sync = pragma(s, "synchronous");
            if (!String.valueOf(expected).equals(sync)) {
                throw new StoreException("the database does not take synchronous=" + config.synchronous()
                        + " (it reports " + sync + ")");
            }
            if (!"1".equals(pragma(s, "foreign_keys"))) {
                throw new StoreException("the database does not enforce foreign keys");
            }
        }
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA " + name)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    /** The database as shown in messages: its URL without a password. */
    public String shownAs() {
        return shownAs;
    }

    /** Which database it is, for the few statements that differ ({@link Dialect#forUpdate}). */
    public Dialect dialect() {
        return dialect;
    }

    /** The database product and version, as its driver reports them ("SQLite 3.54.1"). */
    public String product() {
        return product;
    }

    /** The version of the newest migration applied ("1"). */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** How many migrations were applied when it was opened: 0 when the schema was already current. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /**
     * Checks that the database answers a query (the health check).
     *
     * @throws StoreException when it does not
     */
    public void ping() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    /** One unit of work on a connection, committed by {@link #inTransaction} when it returns. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work in one transaction on a pooled connection: committed when it returns, rolled back
     * when it throws. The commit has reached the database when this returns (on SQLite: its
     * write-ahead log, flushed to the disk with {@code synchronous=FULL}).
     *
     * <p>Work must not call this method again: on SQLite the inner transaction would wait for the
     * outer one's write lock. That is refused with an {@link IllegalStateException}.
     *
     * @throws StoreUnavailableException when no connection (or, on SQLite, no turn to write) could
     *                                   be had in time
     * @throws StoreException            when a statement or the commit failed
     */
    public <T> T inTransaction(Work<T> work) {
        if (writer == null) {
            return pooledTransaction(work);
        }
        if (writer.isHeldByCurrentThread()) {
            throw new IllegalStateException("a transaction on " + shownAs + " was begun inside another one");
        }
        try {
            if (!writer.tryLock(pool.getConnectionTimeout(), TimeUnit.MILLISECONDS)) {
                throw new StoreUnavailableException("the database " + shownAs + " was busy for "
                        + pool.getConnectionTimeout() + " ms: too many transactions are waiting to write", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the database " + shownAs, e);
        }
        try {
            return sqliteTransaction(work);
        } finally {
            writer.unlock();
        }
    }

    private <T> T pooledTransaction(Work<T> work) {
        try (Connection c = connection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("a statement on the database " + shownAs + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T sqliteTransaction(Work<T> work) {
        try (Connection c = connection()) {
            execute(c, "BEGIN IMMEDIATE");
            try {
                T result = work.run(c);
                execute(c, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    execute(c, "ROLLBACK");
                } catch (SQLException r) {
                    // A failed COMMIT may have rolled back already ("no transaction is active").
                    if (!isNoTransaction(r)) {
                        e.addSuppressed(r);
                    }
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("a statement on the database " + shownAs + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A connection of its own, outside the pool, in auto-commit mode, for {@link Leadership}: its
     * session holds advisory locks as long as it lives, which the pool (which retires connections
     * after a while) must not decide. The caller closes it.
     */
    Connection sessionConnection() throws SQLException {
        Connection c = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        c.setAutoCommit(true);
        return c;
    }

    private static boolean isNoTransaction(SQLException e) {
        return Optional.ofNullable(e.getMessage()).map(m -> m.contains("no transaction is active")).orElse(false);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw new StoreUnavailableException("no connection to the database " + shownAs + " within "
                    + pool.getConnectionTimeout() + " ms: " + rootMessage(e), e);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot connect to the database " + shownAs + ": " + rootMessage(e), e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes every connection, then lets another process open an embedded database. Idempotent. */
    @Override
    public void close() {
        pool.close();
        release(processLock);
    }

    /**
     * What went wrong, in one line: the database driver's own explanation ("Connection to
     * 127.0.0.1:5432 refused", "password authentication failed"), which pools and migration tools
     * wrap in layers of their own; else the innermost message.
     */
    static String rootMessage(Throwable t) {
        Throwable deepestSql = null;
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                deepestSql = c;
            }
            root = c;
        }
        Throwable chosen = deepestSql != null ? deepestSql : root;
        String m = chosen.getMessage();
        if (m == null || m.isBlank()) {
            return chosen.getClass().getSimpleName();
        }
        return m.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
    }
}
