package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * Issue 10: every write the embedded database acknowledged is there after the process is killed
 * with SIGKILL, and nothing is there twice. A child process ({@link CrashLoopChild}) creates
 * tickets, answers them in /admin and by mail (answer, de-duplication row and mailbox checkpoint
 * in one transaction) and stores chat questions, from five threads, printing each write after its
 * commit returned; it is killed at a random moment, the database is checked against what it
 * printed, and the next child carries on in the same database. 50 iterations by default
 * ({@code -Dwenzheng.crashLoop.iterations=N}); the seed is printed, and {@code
 * -Dwenzheng.crashLoop.seed=S} repeats a run's kill times.
 */
class CrashLoopTest {
    private static final int ITERATIONS = Integer.getInteger("wenzheng.crashLoop.iterations", 50);
    /** Kill times after the child is ready: long enough for a few hundred writes, short enough for 50 runs. */
    private static final int MIN_KILL_MILLIS = 50;
    private static final int MAX_KILL_MILLIS = 1500;

    @TempDir
    Path work;

    /** What every child acknowledged, and what the checks found. */
    private int acknowledged;
    private int found;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndNoneIsThereTwice() throws Exception {
        long seed = Long.getLong("wenzheng.crashLoop.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("crash loop: " + ITERATIONS + " iterations, seed " + seed);
        List<String> all = new ArrayList<>();
        for (int run = 1; run <= ITERATIONS; run++) {
            List<String> acks = runAndKill(run, MIN_KILL_MILLIS + random.nextInt(MAX_KILL_MILLIS - MIN_KILL_MILLIS));
            assertThat(acks).as("run %d (seed %d) wrote before it was killed", run, seed).isNotEmpty();
            all.addAll(acks);
            check(acks, run, seed);
        }
        check(all, 0, seed);
        System.out.printf("CRASH-LOOP {\"iterations\":%d,\"seed\":%d,\"acknowledged\":%d,\"found\":%d}%n",
                ITERATIONS, seed, acknowledged, found);
        assertThat(found).isEqualTo(acknowledged);
    }

    /** Starts a child, lets it write for this long after its first commit, kills it; returns its acknowledgements. */
    private List<String> runAndKill(int run, int killAfterMillis) throws Exception {
        Process child = CrashLoopChild.start(work, run);
        List<String> acks = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch wrote = new CountDownLatch(1);
        List<String> other = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.equals(CrashLoopChild.READY)) {
                        ready.countDown();
                    } else if (line.matches("[TSAM] .+")) {
                        synchronized (acks) {
                            acks.add(line);
                        }
                        wrote.countDown();
                    } else {
                        other.add(line);
                    }
                }
            } catch (java.io.IOException e) {
                // The pipe closes when the child dies.
            }
        });
        reader.start();
        assertThat(ready.await(120, TimeUnit.SECONDS)).as("run %d became ready: %s", run, other).isTrue();
        // The kill time counts from the first commit, so that a slow start on a busy machine does
        // not turn runs into kills before anything was written.
        assertThat(wrote.await(60, TimeUnit.SECONDS)).as("run %d wrote: %s", run, other).isTrue();
        Thread.sleep(killAfterMillis);
        assertThat(child.isAlive()).as("run %d was still writing when killed: %s", run, other).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush, no close
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(60_000);
        synchronized (acks) {
            // A line cut by the kill (no newline yet) was never a whole acknowledgement: drop nothing
            // else, since a line is printed whole by one println.
            return List.copyOf(acks);
        }
    }

    /**
     * Checks every acknowledgement against the database, and that nothing is there twice: one
     * "created" and at most one "answered" event per ticket, one escalation notice per ticket, and
     * as many processed mails as the checkpoint has passed (a mail and its checkpoint commit
     * together, so a mail processed twice or skipped would break the equality).
     *
     * @param run 0 for the final check of every run's acknowledgements
     */
    private void check(List<String> acks, int run, long seed) throws Exception {
        String where = run == 0 ? "after every run (seed " + seed + ")" : "after run " + run + " (seed " + seed + ")";
        try (Database db = Database.open(CrashLoopChild.database(work))) {
            int here = 0;
            for (String ack : acks) {
                String[] f = ack.split(" ");
                boolean present = switch (f[0]) {
                    case "T" -> count(db, "SELECT COUNT(*) FROM tickets WHERE code = ?", f[1]) == 1
                            && count(db, "SELECT COUNT(*) FROM ticket_events WHERE ticket_code = ? AND kind = 'created'",
                                    f[1]) == 1;
                    case "S" -> count(db, "SELECT COUNT(*) FROM tickets WHERE code = ? AND status = 'answered'"
                            + " AND answer IS NOT NULL", f[1]) == 1;
                    case "A" -> count(db, "SELECT COUNT(*) FROM inbound_seen WHERE dedup_key = ?",
                            "mid:" + CrashLoopChild.messageId(Long.parseLong(f[1]))) == 1
                            && count(db, "SELECT COUNT(*) FROM mailbox_checkpoints WHERE mailbox = ? AND last_uid >= "
                                    + Long.parseLong(f[1]), CrashLoopChild.MAILBOX) == 1
                            && count(db, "SELECT COUNT(*) FROM tickets WHERE code = ? AND answer IS NOT NULL", f[2]) == 1;
                    case "M" -> count(db, "SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND seq = "
                            + Integer.parseInt(f[2]), f[1]) == 1;
                    default -> throw new IllegalStateException(ack);
                };
                assertThat(present).as("%s: acknowledged '%s' is in the database", where, ack).isTrue();
                here++;
            }
            if (run > 0) {
                acknowledged += acks.size();
                found += here;
            }
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT ticket_code FROM ticket_events WHERE kind = 'answered'"
                    + " GROUP BY ticket_code HAVING COUNT(*) > 1) t")).as("%s: tickets answered twice", where).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT ticket_code FROM ticket_events WHERE kind = 'created'"
                    + " GROUP BY ticket_code HAVING COUNT(*) > 1) t")).as("%s: tickets created twice", where).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM (SELECT ticket_code FROM outbox WHERE kind = 'escalation'"
                    + " GROUP BY ticket_code HAVING COUNT(*) > 1) t")).as("%s: escalations queued twice", where).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM inbound_seen WHERE dedup_key LIKE 'mid:crash-%'"))
                    .as("%s: mails processed = the checkpoint's last UID", where)
                    .isEqualTo(count(db, "SELECT COALESCE(MAX(last_uid), 0) FROM mailbox_checkpoints WHERE mailbox = ?",
                            CrashLoopChild.MAILBOX));
        }
        assertThat(integrityCheck()).as(where).isEqualTo("ok");
    }

    private String integrityCheck() throws SQLException {
        try (Connection c = DriverManager.getConnection(DatabaseConfig.sqliteUrl(work.resolve("data")));
                Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

    private static int count(Database db, String sql, String... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setString(i + 1, args[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }
}
