package org.wenzheng.server.db;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.chat.NewMessage;

/**
 * A second process on a test's database, for what one JVM cannot show. {@code append}: appends
 * messages to a new conversation as fast as it can, printing {@code stored N} after each append
 * returned, until it is killed. {@code open}: opens the database and exits, printing the failure's
 * message on stderr (exit 1) when it cannot. The database is named by environment variables, so
 * a password stays out of the command line.
 */
final class StoreChildProcess {
    static final String URL = "WZ_TEST_DB_URL";
    static final String USER = "WZ_TEST_DB_USER";
    static final String PASSWORD = "WZ_TEST_DB_PASSWORD";
    /** Acknowledged messages after which the parent kills an {@code append} process. */
    static final int KILL_AFTER = 40;

    private StoreChildProcess() {
    }

    /** Starts a child on the given database, its stderr going to a file. */
    static Process start(String mode, DatabaseConfig config, Path stderr) throws IOException {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StoreChildProcess.class.getName(), mode)
                .redirectError(stderr.toFile());
        b.environment().put(URL, config.url());
        b.environment().put(USER, config.user() == null ? "" : config.user());
        b.environment().put(PASSWORD, config.password() == null ? "" : config.password());
        return b.start();
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        DatabaseConfig config = new DatabaseConfig(System.getenv(URL), blankToNull(System.getenv(USER)),
                blankToNull(System.getenv(PASSWORD)), 2, Duration.ofSeconds(10));
        Database db;
        try {
            db = Database.open(config);
        } catch (StoreException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (List.of(args).contains("open")) {
            db.close();
            out.println("opened");
            return;
        }
        ConversationStore store = new ConversationStore(db, Clock.systemUTC());
        String id = store.start("web").id();
        out.println("conversation " + id);
        // Far more than the parent waits for: it is killed long before the end.
        for (int i = 1; i <= 100_000; i++) {
            int seq = store.append(id, NewMessage.citizen("question " + i)).seq();
            out.println("stored " + seq);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
