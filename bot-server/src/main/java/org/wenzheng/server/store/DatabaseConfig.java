package org.wenzheng.server.store;

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
 * @param url               a {@code jdbc:h2:} or {@code jdbc:postgresql:} URL
 * @param user              the database user, or null for the driver's default
 * @param password          the user's password, or null for none; never shown by {@link #toString}
 * @param maxPoolSize       connections kept open at most; a worker waits for a free one
 * @param connectionTimeout how long a worker waits for a connection before the request fails
 */
public record DatabaseConfig(String url, String user, String password, int maxPoolSize, Duration connectionTimeout) {

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

    /** The file of the embedded database inside the data folder, without H2's {@code .mv.db}. */
    public static final String H2_FILE = "db/wenzheng";

    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

    public DatabaseConfig {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url must not be empty");
        }
        url = url.strip();
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must be a jdbc:h2: or a jdbc:postgresql: URL, got '"
                    + redact(url) + "'");
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

    /**
     * The embedded default: an H2 file in {@code <data>/db/}, opened by this process only
     * ({@code AUTO_SERVER=FALSE}: a second server on the same data folder fails at start instead of
     * sharing it). {@code WRITE_DELAY=0} writes every commit to the file before the commit returns;
     * H2's default (500 ms) could lose answered questions when the process is killed.
     * {@code TRACE_LEVEL_FILE=0}: H2's own trace file could hold statement values, and with them
     * citizens' personal data; errors reach our (masked) log through the driver's exceptions.
     * {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database while the
     * server's graceful stop still lets queued requests finish, failing them ("Database is already
     * closed") and losing questions accepted before the stop; the server closes it itself, last.
     */
    public static String h2Url(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().resolve(H2_FILE).toString();
        if (path.indexOf(';') >= 0) {
            // ';' separates H2's settings: such a path cannot be written in a URL.
            throw new IllegalArgumentException("url cannot be built from a data folder whose path contains ';' ("
                    + dataDir + "); set database.url");
        }
        return "jdbc:h2:file:" + path + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The defaults: the embedded H2 file of the data folder, its default user, no password. */
    public static DatabaseConfig defaults(Path dataDir) {
        return new DatabaseConfig(h2Url(dataDir), null, null, DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    public DatabaseConfig withPassword(String p) {
        return new DatabaseConfig(url, user, p, maxPoolSize, connectionTimeout);
    }

    /** The URL as it may be shown in messages and logs: a password written in it is hidden. */
    public String displayUrl() {
        return redact(url);
    }

    /** Whether this is the embedded H2 database. */
    public boolean embedded() {
        return url.startsWith("jdbc:h2:");
    }

    private static String redact(String url) {
        return PASSWORD_IN_URL.matcher(url).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + displayUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout="
                + connectionTimeout + "]";
    }
}
