package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.faq.FaqProposal;
import org.wenzheng.server.faq.FaqProposalStore;
import org.wenzheng.server.faq.ProposalFixtures;

/**
 * What the admin pages add to the stores, the same on every database: account management with the
 * last-administrator rule, the audit log's pages, and the review of FAQ proposals. Each subclass
 * supplies a fresh, empty database per test (SQLite always, PostgreSQL when configured).
 */
abstract class AdminStoreTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:30:15.123456789Z");
    private static final String CITATIONS = "[{\"title\":\"中华人民共和国民法典\",\"article\":\"第一千零七十九条\"}]";

    @TempDir
    Path work;

    private final List<Database> opened = new ArrayList<>();

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @AfterEach
    final void closeAndDrop() throws Exception {
        opened.forEach(Database::close);
        dropDatabase();
    }

    private Database open() {
        Database db = Database.open(config());
        opened.add(db);
        return db;
    }

    private static AccountStore accounts(Database db) {
        return new AccountStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Connection jdbc() throws SQLException {
        DatabaseConfig c = config();
        return DriverManager.getConnection(c.url(), c.user() == null ? "" : c.user(),
                c.password() == null ? "" : c.password());
    }

    private long proposal(String code, String question) throws SQLException {
        try (Connection c = jdbc()) {
            return ProposalFixtures.insertPending(c, code, question, "可以在户籍所在地派出所办理。", CITATIONS);
        }
    }

    // ------------------------------------------------------------------ accounts

    @Test
    void createdAccountsAreListedByUsernameAndFoundById() {
        AccountStore store = accounts(open());

        Account zhang = store.create("zhang", "张三", Role.OPERATOR, "hash-z");
        Account an = store.create("an", "安娜", Role.OFFICER, "hash-a");

        assertThat(store.list()).extracting(Account::username).containsExactly("an", "zhang");
        assertThat(store.findById(zhang.id())).contains(zhang);
        assertThat(zhang.createdAt()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
        assertThat(an.disabled()).isFalse();
        assertThat(store.findById(9_999)).isEmpty();
    }

    @Test
    void aTakenUsernameIsRefusedAlsoWhenThatAccountIsDisabled() {
        AccountStore store = accounts(open());
        Account zhang = store.create("zhang", "张三", Role.OPERATOR, "hash");
        store.setDisabled(zhang.id(), true);

        assertThatThrownBy(() -> store.create("zhang", "另一个张三", Role.ADMIN, "hash2"))
                .isInstanceOf(AccountStore.UsernameTakenException.class);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDisabledNorDemoted() {
        AccountStore store = accounts(open());
        Account boss = store.create("boss", "管理员", Role.ADMIN, "hash");
        Account other = store.create("other", "管理员二", Role.ADMIN, "hash");
        store.setDisabled(other.id(), true);

        assertThatThrownBy(() -> store.setDisabled(boss.id(), true)).isInstanceOf(AccountStore.LastAdminException.class);
        assertThatThrownBy(() -> store.setRole(boss.id(), Role.OFFICER))
                .isInstanceOf(AccountStore.LastAdminException.class);
        assertThat(store.findById(boss.id()).orElseThrow()).extracting(Account::role, Account::disabled)
                .containsExactly(Role.ADMIN, false);

        store.setDisabled(other.id(), false);
        assertThat(store.setRole(boss.id(), Role.OFFICER).orElseThrow().role()).isEqualTo(Role.OFFICER);
        assertThatThrownBy(() -> store.setDisabled(other.id(), true)).isInstanceOf(AccountStore.LastAdminException.class);
    }

    @Test
    void twoAdministratorsDemotingEachOtherAtOnceLeaveOneAdministrator() throws Exception {
        AccountStore store = accounts(open());
        Account a = store.create("a", "甲", Role.ADMIN, "hash");
        Account b = store.create("b", "乙", Role.ADMIN, "hash");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (Account target : List.of(a, b)) {
                outcomes.add(two.submit(() -> {
                    go.await();
                    try {
                        store.setRole(target.id(), Role.OPERATOR);
                        return true;
                    } catch (AccountStore.LastAdminException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int succeeded = 0;
            for (Future<Boolean> f : outcomes) {
                succeeded += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(succeeded).isEqualTo(1);
            assertThat(store.list()).filteredOn(x -> x.role() == Role.ADMIN).hasSize(1);
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void aNewPasswordAndDisablingEndTheAccountsSessions() {
        AccountStore store = accounts(open());
        Account zhang = store.create("zhang", "张三", Role.OPERATOR, "old-hash");
        store.createSession("a".repeat(64), zhang.id(), "csrf", NOW.plusSeconds(3600));

        assertThat(store.setPasswordHash(zhang.id(), "new-hash")).isTrue();

        assertThat(store.findSession("a".repeat(64))).isEmpty();
        assertThat(store.findById(zhang.id()).orElseThrow().passwordHash()).isEqualTo("new-hash");
        assertThat(store.setPasswordHash(9_999, "x")).isFalse();

        store.createSession("b".repeat(64), zhang.id(), "csrf", NOW.plusSeconds(3600));
        assertThat(store.setDisabled(zhang.id(), true).orElseThrow().disabled()).isTrue();
        assertThat(store.findSession("b".repeat(64))).isEmpty();
        assertThat(store.setDisabled(9_999, true)).isEmpty();
    }

    @Test
    void theAuditLogIsReadInPagesNewestFirstWithWhatEachActionWasAbout() {
        AccountStore store = accounts(open());
        for (int i = 0; i < 5; i++) {
            store.audit(null, "boss", "account_created", "192.0.2.1", "user" + i + " (operator)");
        }
        store.audit(null, "boss", "logout", "192.0.2.1");

        assertThat(store.auditCount()).isEqualTo(6);
        assertThat(store.auditPage(0, 2)).extracting(AuditEntry::detail).containsExactly(null, "user4 (operator)");
        assertThat(store.auditPage(2, 2)).extracting(AuditEntry::detail)
                .containsExactly("user3 (operator)", "user2 (operator)");
        assertThat(store.auditPage(6, 2)).isEmpty();
        store.audit(null, "boss", "document_uploaded", null, "长".repeat(1200));
        assertThat(store.auditPage(0, 1).get(0).detail()).hasSize(AccountStore.MAX_AUDIT_DETAIL_CHARS);
    }

    // ------------------------------------------------------------------ FAQ proposals

    @Test
    void aPendingProposalIsEditedThenApprovedOnceAndListedAsApproved() throws Exception {
        Database db = open();
        FaqProposalStore store = new FaqProposalStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        long id = proposal("WZ-20261120-0001", "离婚后户口怎么迁？");

        FaqProposal pending = store.find(id).orElseThrow();
        assertThat(pending.status()).isEqualTo(FaqProposal.Status.PENDING);
        assertThat(pending.alternatives()).isEmpty();
        assertThat(store.list(FaqProposal.Status.PENDING, 10)).containsExactly(pending);

        FaqProposal edited = store.edit(id, "离婚后户口如何迁移？", List.of("离婚了户口怎么办"), "到派出所办理。", "[]")
                .orElseThrow();
        assertThat(edited).extracting(FaqProposal::question, FaqProposal::alternatives, FaqProposal::answer,
                FaqProposal::citationsJson)
                .containsExactly("离婚后户口如何迁移？", List.of("离婚了户口怎么办"), "到派出所办理。", "[]");

        FaqProposal approved = store.approve(id, "boss", "proposal-" + id).orElseThrow();
        assertThat(approved).extracting(FaqProposal::status, FaqProposal::reviewedBy, FaqProposal::faqId,
                FaqProposal::reviewedAt)
                .containsExactly(FaqProposal.Status.APPROVED, "boss", "proposal-" + id,
                        NOW.truncatedTo(ChronoUnit.MICROS));
        assertThat(store.approved()).containsExactly(approved);
        assertThat(store.list(FaqProposal.Status.PENDING, 10)).isEmpty();

        assertThatThrownBy(() -> store.approve(id, "other", "proposal-" + id))
                .isInstanceOf(FaqProposalStore.NotPendingException.class).hasMessageContaining("approved by boss");
        assertThatThrownBy(() -> store.edit(id, "q", List.of(), "a", "[]"))
                .isInstanceOf(FaqProposalStore.NotPendingException.class);
        assertThat(store.approve(9_999, "boss", "x")).isEmpty();
    }

    @Test
    void aRejectedProposalKeepsItsReasonAndIsNeverApproved() throws Exception {
        Database db = open();
        FaqProposalStore store = new FaqProposalStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        long id = proposal("WZ-20261120-0002", "我家门口的路灯坏了");

        FaqProposal rejected = store.reject(id, "boss", "个案问题，不宜作为 FAQ").orElseThrow();

        assertThat(rejected.status()).isEqualTo(FaqProposal.Status.REJECTED);
        assertThat(rejected.rejectReason()).isEqualTo("个案问题，不宜作为 FAQ");
        assertThat(store.list(FaqProposal.Status.REJECTED, 10)).extracting(FaqProposal::id).containsExactly(id);
        assertThat(store.approved()).isEmpty();
        assertThatThrownBy(() -> store.approve(id, "boss", "proposal-" + id))
                .isInstanceOf(FaqProposalStore.NotPendingException.class);
    }
}
