package org.wenzheng.server.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.applications.Choices.ApplicantType;
import org.wenzheng.server.applications.Choices.Delivery;
import org.wenzheng.server.applications.Choices.Form;
import org.wenzheng.server.applications.Choices.IdType;
import org.wenzheng.server.applications.Choices.OrganisationType;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.db.SqlTimes;

/**
 * Applications in the store, the same on every database: each subclass supplies a fresh, empty
 * database per test (SQLite always, PostgreSQL when configured). Each application is stored with a
 * ticket row of its own, as {@code TicketService.create} does, in one transaction.
 */
abstract class ApplicationStoreTest {
    static final String ID_NUMBER = "11010519491231002X";
    static final LocalDate RECEIVED = LocalDate.of(2026, 12, 4);

    @TempDir
    Path work;

    private Database database;
    private ApplicationStore store;

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    final void open() {
        database = Database.open(config());
        store = new ApplicationStore(database, IdVault.open(work.resolve("keys/applications.key")));
    }

    @AfterEach
    final void closeAndDrop() throws Exception {
        if (database != null) {
            database.close();
        }
        dropDatabase();
    }

    static ApplicationRequest natural(String idNumber) {
        return new ApplicationRequest(ApplicantType.NATURAL, null, "张三", IdType.RESIDENT_ID, idNumber, null, null,
                "示例市人民路 1 号", "13812345678", "zhang.san@example.com", "2025年政府信息公开工作年度报告的统计表",
                "示政办〔2026〕1号", Form.EMAIL, Delivery.EMAIL);
    }

    static ApplicationRequest legal() {
        return new ApplicationRequest(ApplicantType.LEGAL, OrganisationType.RESEARCH, "李四", null, null, "示例研究院",
                "91350100M000100Y43", null, "01088886666", null, "2025年科研项目立项名单", null, Form.PAPER,
                Delivery.PICKUP);
    }

    /** A ticket and its application, in one transaction; the day of receipt, as stored. */
    private LocalDate file(String code, ApplicationRequest a) {
        return database.inTransaction(c -> {
            insertTicket(c, code);
            return store.insert(c, code, ApplicationStore.Via.ONLINE, a);
        });
    }

    private static void insertTicket(Connection c, String code) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                + " channel, question, question_key, department, candidates, contact_consent, created_at,"
                + " clock_started_on, deadline, extension_days, version) VALUES (?, ?, 'disclosure', 'open',"
                + " 'application', ?, ?, 'office', '[]', ?, ?, ?, ?, 0, 1)")) {
            s.setString(1, code);
            s.setString(2, "0".repeat(64));
            s.setString(3, "所需政府信息");
            s.setString(4, code);
            s.setBoolean(5, true);
            SqlTimes.set(s, 6, Instant.parse("2026-12-04T02:00:00Z"));
            s.setObject(7, RECEIVED);
            s.setObject(8, RECEIVED.plusDays(28));
            s.executeUpdate();
        }
    }

    @Test
    void anApplicationComesBackAsFiledWithTheDayItsTicketsClockStartedAndTheNumberMasked() {
        LocalDate received = file("WZ-20261204-0001", natural(ID_NUMBER));

        assertThat(received).isEqualTo(RECEIVED);
        ApplicationStore.Stored a = store.find("WZ-20261204-0001").orElseThrow();
        assertThat(a.via()).isEqualTo(ApplicationStore.Via.ONLINE);
        assertThat(a.receivedOn()).isEqualTo(RECEIVED);
        assertThat(a.applicantType()).isEqualTo(ApplicantType.NATURAL);
        assertThat(a.organisationType()).isNull();
        assertThat(a.name()).isEqualTo("张三");
        assertThat(a.idType()).isEqualTo(IdType.RESIDENT_ID);
        assertThat(a.idNumberMasked()).isEqualTo("**************002X");
        assertThat(a.address()).isEqualTo("示例市人民路 1 号");
        assertThat(a.phone()).isEqualTo("13812345678");
        assertThat(a.email()).isEqualTo("zhang.san@example.com");
        assertThat(a.request()).isEqualTo("2025年政府信息公开工作年度报告的统计表");
        assertThat(a.docReference()).isEqualTo("示政办〔2026〕1号");
        assertThat(a.form()).isEqualTo(Form.EMAIL);
        assertThat(a.delivery()).isEqualTo(Delivery.EMAIL);
        assertThat(a.toString()).doesNotContain("张三").doesNotContain("002X");
        assertThat(store.find("WZ-20261204-0009")).isEmpty();
    }

    @Test
    void theNumberIsStoredOnlySealedAndOpensForItsOwnApplicationOnly() throws Exception {
        file("WZ-20261204-0001", natural(ID_NUMBER));

        String sealed = database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id_number_sealed, id_number_hash FROM applications WHERE ticket_code = ?")) {
                s.setString(1, "WZ-20261204-0001");
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertThat(r.getString(2)).hasSize(64).doesNotContain(ID_NUMBER);
                    return r.getString(1);
                }
            }
        });
        assertThat(sealed).startsWith("v1:").doesNotContain(ID_NUMBER).doesNotContain("002X");
        assertThat(store.idNumber("WZ-20261204-0001")).contains(ID_NUMBER);

        // Copied to another application's row, it does not open: the code is bound into the seal.
        file("WZ-20261204-0002", natural("440308199901011111"));
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE applications SET id_number_sealed = ? WHERE ticket_code = ?")) {
                s.setString(1, sealed);
                s.setString(2, "WZ-20261204-0002");
                return s.executeUpdate();
            }
        });
        assertThatThrownBy(() -> store.idNumber("WZ-20261204-0002")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt");
        // Nor with another key.
        ApplicationStore otherKey = new ApplicationStore(database, IdVault.open(work.resolve("other.key")));
        assertThatThrownBy(() -> otherKey.idNumber("WZ-20261204-0001")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("applications.keyFile");
    }

    @Test
    void onePersonsApplicationsAreFoundByTheKeyedHashOfTheNumberHoweverItWasTyped() {
        file("WZ-20261204-0001", natural(ID_NUMBER));
        file("WZ-20261204-0002", natural("440308199901011111"));
        file("WZ-20261204-0003", natural(ID_NUMBER));
        file("WZ-20261204-0004", legal());

        assertThat(store.byIdNumber(IdType.RESIDENT_ID, "110105 19491231 002x"))
                .containsExactly("WZ-20261204-0001", "WZ-20261204-0003");
        assertThat(store.byIdNumber(IdType.PASSPORT, ID_NUMBER)).isEmpty();
    }

    @Test
    void aLegalPersonIsStoredWithItsOrganisationTypeAndCodeAndWithoutANumber() {
        file("WZ-20261204-0004", legal());

        ApplicationStore.Stored a = store.find("WZ-20261204-0004").orElseThrow();
        assertThat(a.applicantType()).isEqualTo(ApplicantType.LEGAL);
        assertThat(a.organisationType()).isEqualTo(OrganisationType.RESEARCH);
        assertThat(a.organisation()).isEqualTo("示例研究院");
        assertThat(a.creditCode()).isEqualTo("91350100M000100Y43");
        assertThat(a.idType()).isNull();
        assertThat(a.idNumberMasked()).isNull();
        assertThat(store.idNumber("WZ-20261204-0004")).isEmpty();
    }

    @Test
    void theKeyFileIsMadeOnFirstStartReadableByItsOwnerOnlyAndKeptAfterwards() throws Exception {
        Path key = work.resolve("keys/applications.key");
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String first = Files.readString(key);
        file("WZ-20261204-0001", natural(ID_NUMBER));

        ApplicationStore reopened = new ApplicationStore(database, IdVault.open(key));

        assertThat(Files.readString(key)).isEqualTo(first);
        assertThat(reopened.idNumber("WZ-20261204-0001")).contains(ID_NUMBER);
        Files.writeString(work.resolve("short.key"), "c2hvcnQ=\n");
        assertThatThrownBy(() -> IdVault.open(work.resolve("short.key"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must hold 32 bytes");
    }
}
