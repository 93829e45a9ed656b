package org.wenzheng.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.chat.Conversation;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.staff.Account;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.AuditEntry;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StoredSession;

/**
 * The store's behaviour, the same on every database it supports: each subclass supplies a fresh,
 * empty database per test (SQLite always, PostgreSQL when configured), and every test here runs on
 * it. Nothing in a test may depend on which database it is.
 */
abstract class StoreTest {
    /** A clock at a time with nanoseconds, which the store must keep to the microsecond. */
    static final Instant NOW = Instant.parse("2026-11-26T09:30:15.123456789Z");

    @TempDir
    Path work;

    private final List<Database> opened = new ArrayList<>();

    /** The configuration of this test's database: empty before the test opens it. */
    abstract DatabaseConfig config();

    /** Removes this test's database, after every connection to it is closed. */
    abstract void dropDatabase() throws Exception;

    @AfterEach
    final void closeAndDrop() throws Exception {
        opened.forEach(Database::close);
        dropDatabase();
    }

    Database open() {
        Database db = Database.open(config());
        opened.add(db);
        return db;
    }

    static ConversationStore store(Database db) {
        return new ConversationStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ migrations

    @Test
    void migrationsCreateTheSchemaOnAnEmptyDatabase() {
        Database db = open();

        assertThat(db.migrationsApplied()).isEqualTo(Migrations.count(db.dialect()));
        assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion(db.dialect()));
        db.ping();
        assertThat(store(db).find("anything")).isEmpty();
    }

    @Test
    void upgradingToLettersKeepsEveryTicketAndEverythingThatReferencesOne() throws Exception {
        // A database as version 12 left it: tickets (one linked to another), their events, a queued
        // notice, a reply token. V13 rebuilds the tickets table on SQLite, under enforced foreign keys.
        DatabaseConfig config = config();
        if (config.dialect() == Dialect.SQLITE) {
            java.nio.file.Files.createDirectories(DatabaseConfig.sqliteFile(config.url()).getParent());
        }
        Flyway.configure(StoreTest.class.getClassLoader()).dataSource(config.url(), config.user(), config.password())
                .locations("classpath:" + config.dialect().migrations()).target("12").load().migrate();
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            for (String[] t : new String[][] {{"WZ-20261130-0001", null}, {"WZ-20261130-0002", "WZ-20261130-0001"}}) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                        + " channel, question, question_key, duplicate_of, department, candidates, contact_consent,"
                        + " created_at, clock_started_on, deadline, extension_days, version, pin_hash, assignee)"
                        + " VALUES (?, ?, 'consultation', 'open', 'web', '社保怎么转移', '社保怎么转移', ?, 'office', '[]',"
                        + " ?, ?, ?, ?, 0, 3, ?, 'wang')")) {
                    s.setString(1, t[0]);
                    s.setString(2, "a".repeat(64));
                    s.setString(3, t[1]);
                    s.setBoolean(4, false);
                    SqlTimes.set(s, 5, NOW);
                    s.setObject(6, LocalDate.parse("2026-11-30"));
                    s.setObject(7, LocalDate.parse("2026-12-03"));
                    s.setString(8, "b".repeat(64));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ticket_events (ticket_code, occurred_at, kind,"
                    + " actor, detail) VALUES ('WZ-20261130-0001', ?, 'created', 'system', 'channel web, type consultation')")) {
                SqlTimes.set(s, 1, NOW);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (id, ticket_code, connector, kind, payload,"
                    + " status, attempts, next_attempt_at, created_at) VALUES ('n-1', 'WZ-20261130-0002', 'mail',"
                    + " 'ESCALATION', '{}', 'pending', 0, ?, ?)")) {
                SqlTimes.set(s, 1, NOW);
                SqlTimes.set(s, 2, NOW);
                s.executeUpdate();
            }
        }

        Database db = open();

        assertThat(db.schemaVersion()).isEqualTo(Migrations.latestVersion(db.dialect()));
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
                Statement s = c.createStatement()) {
            try (var r = s.executeQuery("SELECT code, duplicate_of, pin_hash, assignee, deadline, mailbox"
                    + " FROM tickets ORDER BY code")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("WZ-20261130-0001");
                assertThat(r.getString(3)).isEqualTo("b".repeat(64));
                assertThat(r.getString(4)).isEqualTo("wang");
                assertThat(r.getString(6)).isNull();
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).isEqualTo("WZ-20261130-0001");
                assertThat(r.next()).isFalse();
            }
            try (var r = s.executeQuery("SELECT (SELECT COUNT(*) FROM ticket_events), (SELECT COUNT(*) FROM outbox)")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(1);
                assertThat(r.getInt(2)).isEqualTo(1);
            }
            // The new types are accepted, an unknown one still is not.
            s.executeUpdate("UPDATE tickets SET ticket_type = 'complaint' WHERE code = 'WZ-20261130-0001'");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE tickets SET ticket_type = 'praise'"))
                    .isInstanceOf(java.sql.SQLException.class);
        }
    }

    @Test
    void reopeningAppliesNoMigrationAgainAndKeepsTheData() {
        Database first = open();
        Conversation c = store(first).start("web");
        first.close();

        Database again = open();

        assertThat(again.migrationsApplied()).isZero();
        assertThat(again.schemaVersion()).isEqualTo(Migrations.latestVersion(again.dialect()));
        assertThat(store(again).find(c.id())).contains(c);
    }

    @Test
    void aDatabaseWithOtherTablesButNoMigrationHistoryIsRefusedAtOpen() throws Exception {
        DatabaseConfig c = config();
        if (c.embedded()) {
            Files.createDirectories(DatabaseConfig.sqliteFile(c.url()).getParent());
        }
        try (Connection connection = DriverManager.getConnection(c.url(), c.user() == null ? "" : c.user(),
                c.password() == null ? "" : c.password()); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE unrelated (x INTEGER)");
        }

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot migrate the database " + c.displayUrl() + ": ")
                .hasMessageContaining("non-empty schema");
    }

    @Test
    void retentionDeletesOldConversationsButKeepsRecentOnesAndThoseATicketNeeds() {
        Database db = open();
        ConversationStore old = new ConversationStore(db, Clock.fixed(NOW.minus(Duration.ofDays(400)), ZoneOffset.UTC));
        Conversation expired = old.start("web");
        old.append(expired.id(), NewMessage.citizen("请问社保怎么转移？"));
        Conversation ticketed = old.start("web");
        old.append(ticketed.id(), NewMessage.citizen("我的工资被拖欠了三个月"));
        Conversation recent = store(db).start("web");
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                    + " channel, conversation_id, question, question_key, department, candidates, contact_consent,"
                    + " created_at, clock_started_on, deadline, extension_days, version) VALUES"
                    + " ('WZ-20251022-0001', '" + "0".repeat(64) + "', 'consultation', 'answered', 'web', ?, 'q', 'q',"
                    + " 'default', '[]', FALSE, ?, ?, ?, 0, 1)")) {
                s.setString(1, ticketed.id());
                SqlTimes.set(s, 2, Instant.parse("2025-10-22T08:00:00Z"));
                s.setObject(3, LocalDate.of(2025, 10, 22));
                s.setObject(4, LocalDate.of(2025, 10, 27));
                return s.executeUpdate();
            }
        });

        int deleted = store(db).deleteStartedBefore(NOW.minus(Duration.ofDays(366)));

        assertThat(deleted).isEqualTo(1);
        assertThat(store(db).find(expired.id())).isEmpty();
        assertThat(store(db).messages(expired.id())).isEmpty();
        assertThat(store(db).messages(ticketed.id())).hasSize(1);
        assertThat(store(db).find(recent.id())).isPresent();
    }

    @Test
    void aMigrationChangedAfterItWasAppliedIsRefusedAtOpen() {
        Database db = open();
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = 42 WHERE \"version\" = '"
                        + Migrations.latestVersion(db.dialect()) + "'");
            }
        });
        db.close();

        assertThatThrownBy(this::open)
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot migrate the database ")
                .hasMessageContaining("checksum mismatch");
    }

    // ------------------------------------------------------------------ conversations

    @Test
    void conversationIdsAreUnguessable() {
        ConversationStore store = store(open());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ids.add(store.start("web").id());
        }

        assertThat(ids).hasSize(200);
        for (String id : ids) {
            assertThat(id).matches("[A-Za-z0-9_-]{32}");
            // At least 128 random bits: the id is the only thing protecting the conversation.
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(ConversationStore.ID_BYTES);
        }
        assertThat(ConversationStore.ID_BYTES * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void anUnknownIdFindsNothingAndTakesNoMessage() {
        ConversationStore store = store(open());

        assertThat(store.find("no-such-conversation")).isEmpty();
        assertThat(store.messages("no-such-conversation")).isEmpty();
        assertThatThrownBy(() -> store.append("no-such-conversation", NewMessage.citizen("你好")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConversationKeepsItsChannelAndTheClocksTimeToTheMicrosecond() {
        ConversationStore store = store(open());

        Conversation c = store.start("hotline");

        Instant micros = Instant.parse("2026-11-26T09:30:15.123456Z");
        assertThat(c.createdAt()).isEqualTo(micros);
        assertThat(store.find(c.id())).contains(new Conversation(c.id(), "hotline", micros));
    }

    @Test
    void anUnknownSessionStartsANewConversationWithAFreshIdNotTheClients() {
        ConversationStore store = store(open());

        Message m = store.appendOrStart("chosen-by-the-client", "web", NewMessage.citizen("如何申请政府信息公开？"));

        assertThat(m.conversationId()).isNotEqualTo("chosen-by-the-client").matches("[A-Za-z0-9_-]{32}");
        assertThat(m.seq()).isEqualTo(1);
        assertThat(store.find("chosen-by-the-client")).isEmpty();
        assertThat(store.find(m.conversationId()).orElseThrow().channel()).isEqualTo("web");
    }

    @Test
    void aKnownSessionContinuesItsConversation() {
        ConversationStore store = store(open());
        Message first = store.appendOrStart(null, "web", NewMessage.citizen("第一个问题"));

        Message second = store.appendOrStart(first.conversationId(), "api", NewMessage.citizen("第二个问题"));

        assertThat(second.conversationId()).isEqualTo(first.conversationId());
        assertThat(second.seq()).isEqualTo(2);
        assertThat(store.find(first.conversationId()).orElseThrow().channel()).as("the first channel stays")
                .isEqualTo("web");
    }

    @Test
    void aQuestionAndItsAnswerAreStoredTogetherInTheSessionsConversationOrANewOne() {
        ConversationStore store = store(open());
        Message first = store.appendOrStart(null, "web", NewMessage.citizen("第一个问题"));

        ConversationStore.Exchange continued = store.appendExchange(first.conversationId(), "web",
                NewMessage.citizen("第二个问题"), q -> NewMessage.bot("答复", true, 0.9, "[]", q.seq()));
        ConversationStore.Exchange fresh = store.appendExchange("chosen-by-the-client", "api",
                NewMessage.citizen("另一个问题"), q -> NewMessage.bot("", false, 0.1, "[]", q.seq()));

        assertThat(store.messages(first.conversationId()))
                .containsExactly(first, continued.question(), continued.reply());
        assertThat(continued.question().seq()).isEqualTo(2);
        assertThat(continued.reply().replyTo()).isEqualTo(2);
        assertThat(fresh.question().conversationId()).isNotEqualTo("chosen-by-the-client")
                .isEqualTo(fresh.reply().conversationId());
        assertThat(store.messages(fresh.question().conversationId()))
                .containsExactly(fresh.question(), fresh.reply());
        assertThat(store.find(fresh.question().conversationId()).orElseThrow().channel()).isEqualTo("api");
    }

    @Test
    void aReplyThatCannotBeBuiltStoresNeitherMessage() {
        ConversationStore store = store(open());
        Message first = store.appendOrStart(null, "web", NewMessage.citizen("第一个问题"));

        assertThatThrownBy(() -> store.appendExchange(first.conversationId(), "web", NewMessage.citizen("第二个问题"),
                q -> {
                    throw new IllegalStateException("no reply");
                })).isInstanceOf(IllegalStateException.class);

        assertThat(store.messages(first.conversationId())).containsExactly(first);
    }

    // ------------------------------------------------------------------ messages

    @Test
    void aQuestionIsStoredExactlyAsAskedPersonalDataIncluded() {
        ConversationStore store = store(open());
        String question = "我的身份证号是110101199003074518，手机13812345678，邮箱a.b@example.com 😀\n"
                + "第二行\t\"引号\" 'single' \\ 反斜杠 " + "长".repeat(5_000);

        Message m = store.appendOrStart(null, "web", NewMessage.citizen(question));

        assertThat(store.messages(m.conversationId())).singleElement().satisfies(stored -> {
            assertThat(stored.text()).isEqualTo(question);
            assertThat(stored.role()).isEqualTo(Message.Role.CITIZEN);
            assertThat(stored.answered()).isNull();
            assertThat(stored.confidence()).isNull();
            assertThat(stored.citationsJson()).isNull();
            assertThat(stored.replyTo()).isNull();
        });
    }

    @Test
    void aBotReplyKeepsItsConfidenceSourcesAndTheQuestionItAnswers() {
        ConversationStore store = store(open());
        Message q = store.appendOrStart(null, "web", NewMessage.citizen("如何申请政府信息公开？"));
        String citations = "[{\"title\":\"政府信息公开条例\",\"article\":\"第二十九条\",\"snippet\":null}]";

        Message a = store.append(q.conversationId(), NewMessage.bot("向行政机关提出申请。", true, 0.83, citations,
                q.seq()));
        Message unsure = store.append(q.conversationId(), NewMessage.bot("", false, 0.0, "[]", q.seq()));

        assertThat(store.messages(q.conversationId())).containsExactly(q, a, unsure);
        Message read = store.messages(q.conversationId()).get(1);
        assertThat(read.role()).isEqualTo(Message.Role.BOT);
        assertThat(read.answered()).isTrue();
        assertThat(read.confidence()).isEqualTo(0.83);
        assertThat(read.citationsJson()).isEqualTo(citations);
        assertThat(read.replyTo()).isEqualTo(1);
        assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-26T09:30:15.123456Z"));
    }

    @Test
    void messagesSurviveClosingAndReopeningTheDatabase() {
        Database db = open();
        Message q = store(db).appendOrStart(null, "web", NewMessage.citizen("住房公积金怎么提取？"));
        Message a = store(db).append(q.conversationId(), NewMessage.bot("凭有效证件办理。", true, 0.7, "[]", 1));
        db.close();

        Database reopened = open();

        assertThat(store(reopened).messages(q.conversationId())).containsExactly(q, a);
    }

    @Test
    void concurrentAppendsToOneConversationGetDistinctOrderedSeqNumbers() throws Exception {
        ConversationStore store = store(open());
        String id = store.start("interview").id();
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<Integer>>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Integer>> appender = () -> {
                    go.await();
                    List<Integer> seqs = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        seqs.add(store.append(id, NewMessage.citizen(thread + "-" + i)).seq());
                    }
                    return seqs;
                };
                done.add(pool.submit(appender));
            }
            go.countDown();
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : done) {
                List<Integer> seqs = f.get(60, TimeUnit.SECONDS);
                assertThat(seqs).as("one thread's appends are numbered in its order").isSorted();
                all.addAll(seqs);
            }

            assertThat(all).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, threads * each).boxed().toList());
            List<Message> stored = store.messages(id);
            assertThat(stored).extracting(Message::seq)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, threads * each).boxed().toList());
            Map<String, List<Integer>> byThread = stored.stream().collect(Collectors.groupingBy(
                    m -> m.text().substring(0, m.text().indexOf('-')),
                    Collectors.mapping(m -> Integer.parseInt(m.text().substring(m.text().indexOf('-') + 1)),
                            Collectors.toList())));
            assertThat(byThread).hasSize(threads).allSatisfy((thread, order) -> assertThat(order).isSorted());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ staff accounts, sessions, audit log

    static AccountStore accounts(Database db) {
        return new AccountStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void anAccountIsCreatedOnceAndNeverOverwritten() {
        AccountStore store = accounts(open());

        assertThat(store.createIfMissing("zhang", "张三", Role.OPERATOR, "pbkdf2-sha256$1$AA$AA")).isTrue();
        assertThat(store.createIfMissing("zhang", "别人", Role.ADMIN, "pbkdf2-sha256$2$BB$BB")).isFalse();

        Account a = store.findByUsername("zhang").orElseThrow();
        assertThat(a.displayName()).isEqualTo("张三");
        assertThat(a.role()).isEqualTo(Role.OPERATOR);
        assertThat(a.passwordHash()).isEqualTo("pbkdf2-sha256$1$AA$AA");
        assertThat(a.disabled()).isFalse();
        assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-11-26T09:30:15.123456Z"));
        assertThat(store.findByUsername("nobody")).isEmpty();
    }

    @Test
    void anOfficersDepartmentIsKeptWithTheAccountAndComesBackWithItsSessions() {
        AccountStore store = accounts(open());
        store.createIfMissing("li", "李承办", Role.OFFICER, "h", "hrss");
        Account created = store.create("wang", "王承办", Role.OFFICER, "h", null);
        Account li = store.findByUsername("li").orElseThrow();

        store.createSession("c".repeat(64), li.id(), "csrf", Instant.parse("2026-11-26T17:30:15Z"));

        assertThat(li.department()).isEqualTo("hrss");
        assertThat(created.department()).isNull();
        assertThat(store.findSession("c".repeat(64)).orElseThrow().account().department()).isEqualTo("hrss");
        assertThat(li.mayHandle("hrss")).isTrue();
        assertThat(li.mayHandle("office")).isFalse();
        assertThat(created.mayHandle("office")).isTrue();
    }

    @Test
    void theSchemaRefusesADuplicateUsernameAndAnUnknownRole() {
        Database db = open();
        accounts(db).createIfMissing("zhang", "张三", Role.OPERATOR, "h");

        for (String sql : new String[] {
                "INSERT INTO accounts (username, display_name, role, password_hash, disabled, created_at)"
                        + " VALUES ('zhang', 'x', 'admin', 'h', FALSE, CURRENT_TIMESTAMP)",
                "INSERT INTO accounts (username, display_name, role, password_hash, disabled, created_at)"
                        + " VALUES ('root', 'x', 'root', 'h', FALSE, CURRENT_TIMESTAMP)"}) {
            assertThatThrownBy(() -> db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate(sql);
                }
            })).as(sql).isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aSessionIsFoundByItsTokenHashWithItsAccountUntilDeleted() {
        AccountStore store = accounts(open());
        store.createIfMissing("zhang", "张三", Role.OPERATOR, "h");
        Account zhang = store.findByUsername("zhang").orElseThrow();
        Instant expires = Instant.parse("2026-11-26T17:30:15.123456Z");

        store.createSession("a".repeat(64), zhang.id(), "csrf-token", expires);

        assertThat(store.findSession("a".repeat(64))).contains(new StoredSession(zhang, "csrf-token",
                Instant.parse("2026-11-26T09:30:15.123456Z"), expires));
        assertThat(store.findSession("b".repeat(64))).isEmpty();
        assertThat(store.deleteSession("a".repeat(64))).isTrue();
        assertThat(store.deleteSession("a".repeat(64))).isFalse();
        assertThat(store.findSession("a".repeat(64))).isEmpty();
    }

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept() {
        AccountStore store = accounts(open());
        store.createIfMissing("zhang", "张三", Role.OPERATOR, "h");
        long id = store.findByUsername("zhang").orElseThrow().id();
        store.createSession("a".repeat(64), id, "c1", NOW.minusSeconds(1));
        store.createSession("b".repeat(64), id, "c2", NOW.plusSeconds(60));

        assertThat(store.deleteExpiredSessions()).isEqualTo(1);

        assertThat(store.findSession("a".repeat(64))).isEmpty();
        assertThat(store.findSession("b".repeat(64))).isPresent();
    }

    @Test
    void disablingAnAccountDeletesItsSessions() {
        AccountStore store = accounts(open());
        store.createIfMissing("zhang", "张三", Role.OPERATOR, "h");
        long id = store.findByUsername("zhang").orElseThrow().id();
        store.createSession("a".repeat(64), id, "c1", NOW.plusSeconds(60));

        store.setDisabled(id, true);

        assertThat(store.findByUsername("zhang").orElseThrow().disabled()).isTrue();
        assertThat(store.findSession("a".repeat(64))).isEmpty();
    }

    @Test
    void theAuditLogKeepsWhoWhatWhenAndWhereNewestFirst() {
        AccountStore store = accounts(open());
        store.createIfMissing("zhang", "张三", Role.OPERATOR, "h");
        long id = store.findByUsername("zhang").orElseThrow().id();

        store.audit(id, "zhang", "login_success", "192.0.2.7");
        store.audit(null, "长".repeat(100), "login_failure", "2001:db8::1");

        Instant micros = Instant.parse("2026-11-26T09:30:15.123456Z");
        assertThat(store.recentAudit(10)).containsExactly(
                new AuditEntry(micros, null, "长".repeat(64), "login_failure", "2001:db8::1"),
                new AuditEntry(micros, id, "zhang", "login_success", "192.0.2.7"));
        assertThat(store.recentAudit(1)).hasSize(1);
    }

    // ------------------------------------------------------------------ crash safety

    /**
     * A process killed without warning (SIGKILL, no shutdown hook) loses none of the messages it
     * had been told were stored: what the store acknowledges is committed to disk.
     */
    @Test
    void aKilledProcessLosesNoAcknowledgedMessage() throws Exception {
        open().close(); // migrated here, so the child only appends
        Path err = work.resolve("child-stderr.txt");
        Process child = StoreChildProcess.start("append", config(), err);
        String conversation = null;
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("conversation ")) {
                    conversation = line.substring("conversation ".length());
                } else if (line.startsWith("stored ")) {
                    acknowledged = Integer.parseInt(line.substring("stored ".length()));
                    if (acknowledged >= StoreChildProcess.KILL_AFTER) {
                        child.destroyForcibly();
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as(Files.readString(err)).isGreaterThanOrEqualTo(StoreChildProcess.KILL_AFTER);

        List<Message> kept = store(open()).messages(conversation);

        assertThat(kept.size()).isGreaterThanOrEqualTo(acknowledged);
        for (int seq = 1; seq <= acknowledged; seq++) {
            assertThat(kept.get(seq - 1).text()).isEqualTo("question " + seq);
        }
    }

    @Test
    void pingAnswersWhileTheDatabaseIsOpenAndFailsOnceClosed() {
        Database db = open();
        db.ping();

        db.close();

        assertThatThrownBy(db::ping).isInstanceOf(StoreException.class);
    }
}
