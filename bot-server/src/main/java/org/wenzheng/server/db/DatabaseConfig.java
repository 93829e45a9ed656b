package org.wenzheng.server.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the database is and how many connections to keep, validated once at start. Each value is
 * named after its key in the {@code database:} section of {@code config/wenzheng.yaml}, and so are
 * the messages that reject a bad one, so that the configuration loader can report them under that
 * section.
 *
 * @param url               a {@code jdbc:sqlite:} URL of a file, or a {@code jdbc:postgresql:} URL
 * @param user              the database user, or null for the driver's default
 * @param password          the user's password, or null for none; never shown by {@link #toString}
 * @param maxPoolSize       connections kept open at most; a worker waits for a free one
 * @param connectionTimeout how long a worker waits for a connection (and, on SQLite, for the
 *                          database's one write lock) before the request fails
 * @param synchronous       when a commit of the embedded database returns (SQLite only)
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize, Duration connectionTimeout,
        Synchronous synchronous) {

    /**
     * What a returned commit of the embedded database survives. Both survive the process being
     * killed ({@code kill -9}, an out-of-memory kill): the commit has been written to the file
     * (SQLite's write-ahead log) before it returns.
     */
    public enum Synchronous {
        /**
         * The default: the log is also flushed to the disk (fsync) before the commit returns, so
         * the commit survives a power cut or a crash of the machine too. Costs one flush per commit
         * (a few milliseconds on a virtual disk).
         */
        FULL,
        /**
         * The log is flushed only at checkpoints: a power cut may undo the last commits (never
         * corrupt the file). For a machine whose disk flushes are too slow for its load.
         */
        NORMAL
    }

    /** Enough for every worker thread of the default server and the health check, with room to spare. */
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    static final int MAX_POOL_SIZE_LIMIT = 1000;
    /**
     * A reachable database hands out a connection in milliseconds; five seconds rides out a restart
     * of PostgreSQL without holding a worker (and a waiting citizen) much longer.
     */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** HikariCP refuses anything shorter. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    static final Duration MAX_CONNECTION_TIMEOUT = Duration.ofMinutes(10);

    /** The file of the embedded database inside the data folder. */
    public static final String SQLITE_FILE = "db/wenzheng.db";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseConfig {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(synchronous, "synchronous");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must not be empty");
        }
        url = url.strip();
        if (url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("url: H2 is no longer supported (it could lose committed answers"
                    + " when the process was killed); leave out database.url for the embedded SQLite file, which"
                    + " imports the data folder's H2 database at its first start, or use jdbc:postgresql:");
        }
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a jdbc:sqlite: or a jdbc:postgresql: URL, got '"
                    + redact(url) + "'");
        }
        if (url.startsWith("jdbc:sqlite:")) {
            sqliteFile(url);
        }
        if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE_LIMIT) {
            throw new IllegalArgumentException("maxPoolSize must be in [1," + MAX_POOL_SIZE_LIMIT + "], got "
                    + maxPoolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0
                || connectionTimeout.compareTo(MAX_CONNECTION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("connectionTimeoutMs must be in [" + MIN_CONNECTION_TIMEOUT.toMillis()
                    + "," + MAX_CONNECTION_TIMEOUT.toMillis() + "], got " + connectionTimeout.toMillis());
        }
    }

    /** A configuration with the default {@link Synchronous#FULL}. */
    public DatabaseConfig(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {
        this(url, user, password, maxPoolSize, connectionTimeout, Synchronous.FULL);
    }

    /**
     * The embedded default: the SQLite file {@code <data>/db/wenzheng.db}, in write-ahead-log mode,
     * opened by this process only (a lock file beside it: a second server on the same data folder
     * fails at start instead of sharing it). See {@link Database} for how it is opened.
     */
    public static String sqliteUrl(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().resolve(SQLITE_FILE).toString();
        if (path.indexOf('?') >= 0) {
            // '?' starts the driver's settings: such a path cannot be written in a URL.
            throw new IllegalArgumentException("url cannot be built from a data folder whose path contains '?' ("
                    + dataDir + "); set database.url");
        }
        return "jdbc:sqlite:" + path;
    }

    /** The defaults: the embedded SQLite file of the data folder, flushed at every commit. */
    public static DatabaseConfig defaults(Path dataDir) {
        return new DatabaseConfig(sqliteUrl(dataDir), null, null, DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                Synchronous.FULL);
    }

    /** The file of a {@code jdbc:sqlite:} URL; an in-memory database is refused (it would lose everything). */
    static Path sqliteFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int settings = rest.indexOf('?');
        String file = settings < 0 ? rest : rest.substring(0, settings);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:") || rest.contains("mode=memory")) {
            throw new IllegalArgumentException("url must name a database file: an in-memory SQLite database would"
                    + " lose every question and ticket at a restart, got '" + url + "'");
        }
        return Path.of(file).toAbsolutePath().normalize();
    }

    /** The database this configuration opens. */
    public Dialect dialect() {
        return Dialect.of(url);
    }

    public DatabaseConfig withPassword(String p) {
        return new DatabaseConfig(url, user, p, maxPoolSize, connectionTimeout, synchronous);
    }

    /** The URL as it may be shown in messages and logs: a password written in it is hidden. */
    public String displayUrl() {
        return redact(url);
    }

    /** Whether this is the embedded (SQLite) database. */
    public boolean embedded() {
        return dialect() == Dialect.SQLITE;
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + displayUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout="
                + connectionTimeout + ", synchronous=" + synchronous + "]";
    }
}
