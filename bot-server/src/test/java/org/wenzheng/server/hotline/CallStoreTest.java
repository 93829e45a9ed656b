package org.wenzheng.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.db.SqlTimes;

/**
 * Hotline calls in the store, the same on every database: each subclass supplies a fresh, empty
 * database per test (SQLite always, PostgreSQL when configured).
 */
abstract class CallStoreTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:30:15.123456789Z");
    static final Instant AT = Instant.parse("2026-11-26T09:30:00Z");

    @TempDir
    Path work;

    private Database database;
    private CallStore calls;

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    final void open() {
        database = Database.open(config());
        calls = new CallStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    final void closeAndDrop() throws Exception {
        if (database != null) {
            database.close();
        }
        dropDatabase();
    }

    private static CallStore.Report started(String callId, String phone, String extension, String operator) {
        return new CallStore.Report("pbx", callId, CallStore.Event.STARTED, phone, extension, operator, AT);
    }

    private static CallStore.Report ended(String callId, Instant at) {
        return new CallStore.Report("pbx", callId, CallStore.Event.ENDED, null, null, null, at);
    }

    @Test
    void aStartedReportCreatesTheCallAndTheSameReportAgainChangesNothing() {
        CallStore.Reported first = calls.report(started("c-1", "13800138000", "8001", "op1"));
        calls.writeLog(first.call().id(), "op1", new CallLogEntry("问题", null, null));

        CallStore.Reported again = calls.report(new CallStore.Report("pbx", "c-1", CallStore.Event.STARTED,
                "13900000000", "8002", "op2", AT.plusSeconds(5)));

        assertThat(first.duplicate()).isFalse();
        Call call = first.call();
        assertThat(call.integration()).isEqualTo("pbx");
        assertThat(call.externalId()).isEqualTo("c-1");
        assertThat(call.callerPhone()).isEqualTo("13800138000");
        assertThat(call.extension()).isEqualTo("8001");
        assertThat(call.operator()).isEqualTo("op1");
        assertThat(call.startedAt()).isEqualTo(AT);
        assertThat(call.endedAt()).isNull();
        assertThat(call.createdAt()).isEqualTo(Instant.parse("2026-11-26T09:30:15.123456Z"));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.call().id()).isEqualTo(call.id());
        assertThat(again.call().callerPhone()).isEqualTo("13800138000");
        assertThat(again.call().operator()).isEqualTo("op1");
        assertThat(again.call().question()).isEqualTo("问题");
        assertThat(calls.callsOf("op1", AT.minusSeconds(3600), AT.plusSeconds(3600))).hasSize(1);
        assertThat(calls.callsOf("op2", AT.minusSeconds(3600), AT.plusSeconds(3600))).isEmpty();
    }

    @Test
    void endedStampsTheEndOnce() {
        calls.report(started("c-2", "13800138000", "8001", "op1"));

        CallStore.Reported ended = calls.report(ended("c-2", AT.plusSeconds(90)));
        CallStore.Reported again = calls.report(ended("c-2", AT.plusSeconds(300)));

        assertThat(ended.duplicate()).isFalse();
        assertThat(ended.call().endedAt()).isEqualTo(AT.plusSeconds(90));
        assertThat(ended.call().callerPhone()).as("an ended report without a number keeps it")
                .isEqualTo("13800138000");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.call().endedAt()).isEqualTo(AT.plusSeconds(90));
    }

    @Test
    void anEndedReportOvertakingTheStartCreatesTheCallWhichTheStartThenCompletes() {
        CallStore.Reported ended = calls.report(ended("c-3", AT.plusSeconds(60)));

        CallStore.Reported started = calls.report(started("c-3", "13800138000", "8001", "op1"));

        assertThat(ended.call().startedAt()).isNull();
        assertThat(ended.call().operator()).isNull();
        assertThat(started.duplicate()).isFalse();
        assertThat(started.call().id()).isEqualTo(ended.call().id());
        assertThat(started.call().startedAt()).isEqualTo(AT);
        assertThat(started.call().endedAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(started.call().operator()).isEqualTo("op1");
    }

    @Test
    void copiesOfOneReportArrivingAtOnceAreRecordedOnce() throws Exception {
        int copies = 6;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CallStore.Reported>> results = new ArrayList<>();
        try {
            for (int i = 0; i < copies; i++) {
                Callable<CallStore.Reported> task = () -> {
                    go.await();
                    return calls.report(started("c-4", "13800138000", "8001", "op1"));
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            int fresh = 0;
            long id = -1;
            for (Future<CallStore.Reported> f : results) {
                CallStore.Reported r = f.get(30, TimeUnit.SECONDS);
                fresh += r.duplicate() ? 0 : 1;
                assertThat(id == -1 || id == r.call().id()).isTrue();
                id = r.call().id();
            }
            assertThat(fresh).isEqualTo(1);
            assertThat(calls.callsOf("op1", AT.minusSeconds(3600), AT.plusSeconds(3600))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameCallIdOfAnotherIntegrationIsAnotherCall() {
        Call a = calls.report(started("c-5", "13800138000", "8001", "op1")).call();
        Call b = calls.report(new CallStore.Report("other", "c-5", CallStore.Event.STARTED, "13800138000", "8001",
                "op1", AT)).call();

        assertThat(b.id()).isNotEqualTo(a.id());
    }

    @Test
    void anOperatorWritesOnlyTheirOwnCallLogAndANullFieldKeepsTheStoredOne() {
        Call call = calls.report(started("c-6", "13800138000", "8001", "op1")).call();

        Call written = calls.writeLog(call.id(), "op1", new CallLogEntry("低保怎么申请？", "向街道申请", "回访")).orElseThrow();
        Call partly = calls.writeLog(call.id(), "op1", new CallLogEntry(null, "向户籍所在地街道申请", null))
                .orElseThrow();

        assertThat(written.question()).isEqualTo("低保怎么申请？");
        assertThat(partly.question()).isEqualTo("低保怎么申请？");
        assertThat(partly.answerGiven()).isEqualTo("向户籍所在地街道申请");
        assertThat(partly.notes()).isEqualTo("回访");
        assertThat(calls.writeLog(call.id(), "op2", new CallLogEntry("改", "改", "改"))).isEmpty();
        assertThat(calls.find(call.id(), "op2")).isEmpty();
        assertThat(calls.find(call.id(), "op1").orElseThrow().notes()).isEqualTo("回访");
        assertThat(calls.find(call.id() + 1000, "op1")).isEmpty();
    }

    @Test
    void aCallToAnExtensionOfNoOperatorIsKeptButIsNobodysToWrite() {
        Call call = calls.report(started("c-7", "13800138000", "9999", null)).call();

        assertThat(call.operator()).isNull();
        assertThat(calls.writeLog(call.id(), "op1", new CallLogEntry("x", null, null))).isEmpty();
    }

    @Test
    void callsOfAnOperatorAreThoseOfTheGivenTimeNewestFirst() {
        Call first = calls.report(started("c-8", "13800138000", "8001", "op1")).call();
        Call second = calls.report(started("c-9", "13800138001", "8001", "op1")).call();

        assertThat(calls.callsOf("op1", NOW.minusSeconds(1), NOW.plusSeconds(1))).extracting(Call::id)
                .containsExactly(second.id(), first.id());
        assertThat(calls.callsOf("op1", NOW.plusSeconds(1), NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    void earlierCallsOfACallerLeaveOutTheCurrentOneAndAreLimited() {
        Call a = calls.report(started("c-10", "13600136000", "8001", "op1")).call();
        Call b = calls.report(started("c-11", "13600136000", "8002", "op2")).call();
        Call c = calls.report(started("c-12", "13600136000", "8001", "op1")).call();
        calls.report(started("c-13", "13700137000", "8001", "op1"));

        assertThat(calls.earlierCalls("13600136000", c.id(), 10)).extracting(Call::id)
                .containsExactly(b.id(), a.id());
        assertThat(calls.earlierCalls("13600136000", c.id(), 1)).extracting(Call::id).containsExactly(b.id());
    }

    @Test
    void openTicketsOfANumberAreTheUnansweredOnes() {
        insertTicket("WZ-20261126-1", "13600136000", "open", AT);
        insertTicket("WZ-20261126-2", "13600136000", "correction", AT.plusSeconds(60));
        insertTicket("WZ-20261126-3", "13600136000", "answered", AT);
        insertTicket("WZ-20261126-4", "13700137000", "open", AT);
        insertTicket("WZ-20261126-6", "+86 136-0013-6000", "open", AT.minusSeconds(60));

        List<OpenTicket> open = calls.openTickets("13600136000", 10);

        assertThat(open).extracting(OpenTicket::code).containsExactly("WZ-20261126-2", "WZ-20261126-1",
                "WZ-20261126-6");
        assertThat(open.get(1).deadline()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(open.get(1).question()).isEqualTo("问题 WZ-20261126-1");
        assertThat(calls.openTickets("13600136000", 1)).hasSize(1);
    }

    @Test
    void aCallIsLinkedToTheTicketItsQuestionWasEscalatedTo() {
        insertTicket("WZ-20261126-5", "13600136000", "open", AT);
        Call call = calls.report(started("c-14", "13600136000", "8001", "op1")).call();

        assertThat(calls.linkTicket(call.id(), "op2", "WZ-20261126-5")).isEmpty();
        assertThat(calls.linkTicket(call.id(), "op1", "WZ-20261126-5").orElseThrow().ticketCode())
                .isEqualTo("WZ-20261126-5");
    }

    @Test
    void aCallLoggedByHandIsTheOperatorsAndStartsNow() {
        Call a = calls.createByHand("op1");
        Call b = calls.createByHand("op1");

        assertThat(a.integration()).isEqualTo(CallStore.BY_HAND);
        assertThat(a.operator()).isEqualTo("op1");
        assertThat(a.startedAt()).isEqualTo(Instant.parse("2026-11-26T09:30:15.123456Z"));
        assertThat(a.callerPhone()).isNull();
        assertThat(a.externalId()).isNotEqualTo(b.externalId());
    }

    private void insertTicket(String code, String phone, String status, Instant created) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                    + " channel, question, question_key, department, candidates, contact_phone, contact_consent,"
                    + " created_at, clock_started_on, deadline, extension_days, version)"
                    + " VALUES (?, ?, 'consultation', ?, 'hotline', ?, ?, 'office', '[]', ?, TRUE, ?, ?, ?, 0, 0)")) {
                s.setString(1, code);
                s.setString(2, "0".repeat(64));
                s.setString(3, status);
                s.setString(4, "问题 " + code);
                s.setString(5, code);
                s.setString(6, phone);
                SqlTimes.set(s, 7, created);
                s.setObject(8, LocalDate.of(2026, 11, 26));
                s.setObject(9, LocalDate.of(2026, 12, 24));
                s.executeUpdate();
            }
            return null;
        });
    }
}
