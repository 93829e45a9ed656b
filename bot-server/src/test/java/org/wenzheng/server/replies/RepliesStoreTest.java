package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.server.replies.InboundStore.Outcome;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * The SQL of the mail bridge (outbox, checkpoints, de-duplication, held mail), the same on every
 * database: each subclass supplies a fresh one per test.
 */
abstract class RepliesStoreTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:30:15.123456Z");

    @TempDir
    Path work;

    Database db;
    OutboxStore outbox;
    InboundStore inbound;

    abstract DatabaseConfig config() throws Exception;

    abstract void drop() throws Exception;

    @BeforeEach
    final void open() throws Exception {
        db = Database.open(config());
        outbox = new OutboxStore(db);
        inbound = new InboundStore(db);
        db.inTransaction(c -> {
            TestDatabases.insertTicket(c, "WZ-20261126-0001", "office", NOW);
            TestDatabases.insertTicket(c, "WZ-20261126-0002", "office", NOW);
            return null;
        });
    }

    @AfterEach
    final void close() throws Exception {
        // Null when the database was not there to open (PostgreSQL not configured: the test was skipped).
        if (db != null) {
            db.close();
        }
        drop();
    }

    private void pending(String id, String ticket, String kind, Instant at) {
        db.inTransaction(c -> {
            TestDatabases.insertPending(c, id, ticket, "mail", kind, "{}", at);
            return null;
        });
    }

    @Test
    void dueRowsComeOldestFirstAndFutureOnesWait() {
        pending("b", "WZ-20261126-0001", "escalation", NOW.minusSeconds(10));
        pending("a", "WZ-20261126-0001", "reminder", NOW.minusSeconds(20));
        pending("later", "WZ-20261126-0002", "escalation", NOW.plusSeconds(60));

        assertThat(outbox.nextDue()).contains(NOW.minusSeconds(20));
        assertThat(claim(NOW, "node-1")).contains("a");
        assertThat(claim(NOW, "node-1")).contains("b");
        assertThat(claim(NOW, "node-1")).as("the later row is not due, the others are claimed").isEmpty();
    }

    @Test
    void aClaimedRowWaitsForItsLeaseBeforeAnotherNodeClaimsIt() {
        pending("a", "WZ-20261126-0001", "escalation", NOW);

        assertThat(outbox.claimNext(NOW, "node-1", NOW.plusSeconds(60))).map(OutboxStore.Row::id).contains("a");

        assertThat(outbox.claimNext(NOW.plusSeconds(59), "node-2", NOW.plusSeconds(119))).isEmpty();
        assertThat(outbox.claimNext(NOW.plusSeconds(60), "node-2", NOW.plusSeconds(120)))
                .map(OutboxStore.Row::id).contains("a");
        assertThat(outbox.find("a").orElseThrow().claimedBy()).isEqualTo("node-2");
    }

    @Test
    void aSentRowIsNeverClaimedAgainAndKeepsTheNodeThatSentIt() {
        pending("a", "WZ-20261126-0002", "reminder", NOW);
        OutboxStore.Row claimed = outbox.claimNext(NOW, "node-1", NOW.plusSeconds(60)).orElseThrow();

        assertThat(outbox.markSent(claimed, "<a@wenzheng.local>", NOW)).isTrue();

        assertThat(outbox.claimNext(NOW.plusSeconds(3600), "node-2", NOW.plusSeconds(3660))).isEmpty();
        assertThat(outbox.find("a").orElseThrow().claimedBy()).isEqualTo("node-1");
    }

    private java.util.Optional<String> claim(Instant now, String node) {
        return outbox.claimNext(now, node, now.plusSeconds(60)).map(OutboxStore.Row::id);
    }

    @Test
    void theFirstEscalationSentGivesTheTicketItsThreadAndALaterOneDoesNot() {
        pending("first", "WZ-20261126-0001", "escalation", NOW);
        pending("second", "WZ-20261126-0001", "escalation", NOW.plusSeconds(1));
        OutboxStore.Row first = outbox.find("first").orElseThrow();
        OutboxStore.Row second = outbox.find("second").orElseThrow();

        assertThat(outbox.markSent(first, "<first@wenzheng.local>", NOW)).isTrue();
        assertThat(outbox.markSent(second, "<second@wenzheng.local>", NOW)).isTrue();
        assertThat(outbox.markSent(first, "<first@wenzheng.local>", NOW)).as("already sent").isFalse();

        assertThat(threadOf("WZ-20261126-0001")).isEqualTo("first@wenzheng.local");
        OutboxStore.Row sent = outbox.find("first").orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStore.SENT);
        assertThat(sent.deliveredId()).isEqualTo("<first@wenzheng.local>");
        assertThat(sent.sentAt()).isEqualTo(NOW);
        assertThat(sent.attempts()).isEqualTo(1);
    }

    @Test
    void aReminderSentDoesNotThreadTheTicket() {
        pending("r", "WZ-20261126-0002", "reminder", NOW);

        outbox.markSent(outbox.find("r").orElseThrow(), "<r@wenzheng.local>", NOW);

        assertThat(threadOf("WZ-20261126-0002")).isNull();
    }

    @Test
    void aTransientFailureKeepsTheRowPendingWithItsAttemptAndError() {
        pending("x", "WZ-20261126-0001", "escalation", NOW);

        assertThat(claim(NOW, "node-1")).contains("x");
        outbox.reschedule("x", "node-1", NOW.plus(Duration.ofSeconds(5)), "connection refused");

        OutboxStore.Row row = outbox.find("x").orElseThrow();
        assertThat(row.status()).isEqualTo(OutboxStore.PENDING);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("connection refused");
        assertThat(claim(NOW, "node-1")).isEmpty();
        assertThat(claim(NOW.plusSeconds(5), "node-2")).as("due again, for any node").contains("x");
    }

    @Test
    void aPermanentFailureIsKeptVisibleCountedAndCanBeRetried() {
        pending("x", "WZ-20261126-0001", "escalation", NOW);
        pending("y", "WZ-20261126-0002", "escalation", NOW);
        String longError = "550 " + "x".repeat(3000);

        outbox.markFailed("x", longError);

        assertThat(outbox.counts()).isEqualTo(new OutboxStore.Counts(1, 1, 0));
        assertThat(outbox.list(OutboxStore.FAILED, 10)).singleElement()
                .satisfies(r -> assertThat(r.lastError()).hasSize(OutboxStore.MAX_ERROR_CHARS).startsWith("550 "));
        assertThat(claim(NOW.plusSeconds(3600), "node-1")).contains("y");
        assertThat(claim(NOW.plusSeconds(3600), "node-1")).isEmpty();

        assertThat(outbox.retry("x", NOW.plusSeconds(1))).isTrue();
        assertThat(outbox.retry("x", NOW.plusSeconds(1))).as("no longer failed").isFalse();
        assertThat(outbox.retry("y", NOW)).as("never failed").isFalse();
        assertThat(outbox.counts()).isEqualTo(new OutboxStore.Counts(2, 0, 0));
        assertThat(claim(NOW.plusSeconds(1), "node-1")).contains("x");
    }

    @Test
    void theCheckpointStartsAtZeroAndMovesInTheCallersTransaction() {
        String box = "hotline@wenzheng.local@127.0.0.1/INBOX";
        assertThat(inbound.checkpoint(box)).isEqualTo(MailInbox.Checkpoint.START);

        db.inTransaction(c -> {
            inbound.saveCheckpoint(c, box, 77, 3);
            return null;
        });
        db.inTransaction(c -> {
            inbound.saveCheckpoint(c, box, 77, 4);
            return null;
        });
        try {
            db.inTransaction(c -> {
                inbound.saveCheckpoint(c, box, 77, 9);
                throw new IllegalStateException("crash before commit");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(inbound.checkpoint(box)).isEqualTo(new MailInbox.Checkpoint(77, 4));
        assertThat(inbound.checkpoint("other@host/INBOX")).isEqualTo(MailInbox.Checkpoint.START);
    }

    @Test
    void aKeyIsClaimedOnceAndKeepsItsSettledOutcome() {
        boolean first = db.inTransaction(c -> inbound.claim(c, "mid:a@b", "imap:INBOX:1:1", Outcome.DEAD_LETTER,
                Optional.empty(), NOW));
        db.inTransaction(c -> {
            inbound.settle(c, "mid:a@b", Outcome.ANSWERED, Optional.of("WZ-20261126-0001"));
            return null;
        });
        boolean again = db.inTransaction(c -> inbound.claim(c, "mid:a@b", "imap:INBOX:2:1", Outcome.DEAD_LETTER,
                Optional.empty(), NOW));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(inbound.outcome("mid:a@b")).contains("answered");
        assertThat(inbound.outcome("mid:other")).isEmpty();
    }

    @Test
    void heldMailKeepsItsRawBytesAndIsResolvedOnce() {
        byte[] raw = "Subject: 问题\r\n\r\n正文".getBytes(StandardCharsets.UTF_8);
        long id = db.inTransaction(c -> inbound.hold(c, InboundStore.QUARANTINE, "unknown sender", "imap:INBOX:1:5",
                "someone@example.org", "Re: 问题", Optional.of("WZ-20261126-0001"), raw, NOW));

        assertThat(inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(id);
            assertThat(h.reason()).isEqualTo("quarantine");
            assertThat(h.sender()).isEqualTo("someone@example.org");
            assertThat(h.ticketCode()).isEqualTo("WZ-20261126-0001");
            assertThat(h.rawBytes()).isEqualTo(raw.length);
            assertThat(h.receivedAt()).isEqualTo(NOW);
        });
        Optional<byte[]> kept = db.inTransaction(c -> inbound.pendingRaw(c, id));
        assertThat(kept).hasValueSatisfying(b -> assertThat(b).isEqualTo(raw));

        boolean discarded = db.inTransaction(c -> inbound.resolve(c, id, InboundStore.DISCARDED, "admin", NOW));
        boolean releasedAfter = db.inTransaction(c -> inbound.resolve(c, id, InboundStore.RELEASED, "admin", NOW));
        assertThat(discarded).isTrue();
        assertThat(releasedAfter).isFalse();
        assertThat(inbound.held(InboundStore.HELD_PENDING, 10)).isEmpty();
        assertThat(inbound.held(InboundStore.DISCARDED, 10)).singleElement()
                .satisfies(h -> assertThat(h.resolvedBy()).isEqualTo("admin"));
    }

    private String threadOf(String code) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT thread_id FROM tickets WHERE code = ?")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }
}
