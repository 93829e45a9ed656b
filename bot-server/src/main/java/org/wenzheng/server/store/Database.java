package org.wenzheng.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Objects;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database: a pool of connections (HikariCP) to H2 or PostgreSQL whose schema
 * is brought up to date by the Flyway migrations in {@code db/migration} when it is opened. The
 * migrations are written once in SQL that both databases run. Opening fails at once, with a
 * message naming the database, when it cannot be reached or a migration fails: a server must not
 * start without its storage.
 *
 * <p>Its methods block (JDBC): call them from worker threads, never from an event loop.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Where the migrations are, in the jar. */
    static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final String shownAs;
    private final String product;
    private final String schemaVersion;
    private final int migrationsApplied;

    private Database(HikariDataSource pool, String shownAs, String product, String schemaVersion,
            int migrationsApplied) {
        this.pool = pool;
        this.shownAs = shownAs;
        this.product = product;
        this.schemaVersion = schemaVersion;
        this.migrationsApplied = migrationsApplied;
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
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari(config));
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + shownAs + ": " + rootMessage(e), e);
        }
        try {
            MigrateResult migrated = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
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
            Database db = new Database(pool, shownAs, product, migrated.targetSchemaVersion == null
                    ? migrated.initialSchemaVersion : migrated.targetSchemaVersion, migrated.migrationsExecuted);
            log.info("database {} ({}) at schema version {}; {} migration(s) applied now", shownAs, product,
                    db.schemaVersion, db.migrationsApplied);
            return db;
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("cannot migrate the database " + shownAs + ": " + rootMessage(e), e);
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
        // Every unit of work is an explicit transaction (see inTransaction): nothing commits halfway.
        h.setAutoCommit(false);
        return h;
    }

    /** The database as shown in messages: its URL without a password. */
    public String shownAs() {
        return shownAs;
    }

    /** The database product and version, as its driver reports them ("H2 2.5.252 (2025-…)"). */
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
     * when it throws. The commit has reached the database when this returns.
     *
     * @throws StoreUnavailableException when no connection could be had in time
     * @throws StoreException            when a statement or the commit failed
     */
    public <T> T inTransaction(Work<T> work) {
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

    /** Closes every connection. Idempotent. */
    @Override
    public void close() {
        pool.close();
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
