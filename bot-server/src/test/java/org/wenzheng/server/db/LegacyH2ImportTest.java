package org.wenzheng.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Role;

/**
 * A data folder of the versions before SQLite (an H2 file, {@code db/wenzheng.mv.db}) keeps its
 * data: the first start imports it, once, and keeps the H2 file renamed beside the new one. The
 * legacy database is made here the way those versions made it: the same migrations V1 to V9, which
 * were written to run on H2 and PostgreSQL and now live in {@code db/migration/postgresql}.
 */
class LegacyH2ImportTest {
    private static final Instant CREATED = Instant.parse("2026-11-20T01:02:03.456789Z");

    @TempDir
    Path work;

    private Path data() {
        return work.resolve("data");
    }

    private String h2Url() {
        return "jdbc:h2:file:" + data().resolve("db/wenzheng") + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** An H2 database at the given schema version, as version 0.1 left it. */
    private void legacyDatabase(String version) {
        Flyway.configure(getClass().getClassLoader()).dataSource(h2Url(), "", "")
                .locations("classpath:db/migration/postgresql").target(version).load().migrate();
    }

    private void onH2(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(h2Url(), "", ""); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private void shutdownH2() throws SQLException {
        onH2("SHUTDOWN");
    }

    @Test
    void theFirstStartImportsEveryRowAndKeepsTheH2FileRenamed() throws Exception {
        legacyDatabase("9");
        try (Connection c = DriverManager.getConnection(h2Url(), "", "")) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO conversations (id, channel, created_at, last_seq)"
                    + " VALUES ('conv-1', 'web', ?, 2)")) {
                s.setObject(1, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO messages (conversation_id, seq, role, body,"
                    + " answered, confidence, citations, reply_to, created_at) VALUES ('conv-1', ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Object[][] rows = {{1, "citizen", "我的身份证号是110101199003074514，社保怎么转移？", null, null, null, null},
                    {2, "bot", "请到社保经办机构办理。", true, 0.83, "[]", 1}};
                for (Object[] r : rows) {
                    for (int i = 0; i < r.length; i++) {
                        s.setObject(i + 1, r[i]);
                    }
                    s.setObject(8, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO accounts (username, display_name, role,"
                    + " password_hash, disabled, created_at, department) VALUES ('wang', '王五', 'officer', 'hash', TRUE,"
                    + " ?, 'office')")) {
                s.setObject(1, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                    + " channel, conversation_id, question, question_key, department, candidates, contact_consent,"
                    + " created_at, clock_started_on, deadline, extension_days, version) VALUES (?, ?, 'consultation',"
                    + " 'open', 'web', 'conv-1', '社保怎么转移', '社保怎么转移', 'office', '[]', FALSE, ?, ?, ?, 0, 0)")) {
                s.setString(1, "WZ-20261120-0001");
                s.setString(2, "0".repeat(64));
                s.setObject(3, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                s.setObject(4, LocalDate.of(2026, 11, 20));
                s.setObject(5, LocalDate.of(2026, 11, 25));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO inbound_held (reason, detail, source, raw,"
                    + " received_at, status) VALUES ('quarantine', 'not an officer', 'imap', ?, ?, 'pending')")) {
                s.setBytes(1, new byte[] {0, 1, 2, (byte) 0xff});
                s.setObject(2, OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC));
                s.executeUpdate();
            }
        }
        shutdownH2();

        Database db = Database.open(DatabaseConfig.defaults(data()));
        try {
            ConversationStore conversations = new ConversationStore(db, Clock.systemUTC());
            assertThat(conversations.find("conv-1")).hasValueSatisfying(c -> {
                assertThat(c.channel()).isEqualTo("web");
                assertThat(c.createdAt()).isEqualTo(CREATED);
            });
            List<Message> messages = conversations.messages("conv-1");
            assertThat(messages).extracting(Message::text).containsExactly(
                    "我的身份证号是110101199003074514，社保怎么转移？", "请到社保经办机构办理。");
            assertThat(messages.get(1).answered()).isTrue();
            assertThat(messages.get(1).confidence()).isEqualTo(0.83);
            assertThat(messages.get(1).replyTo()).isEqualTo(1);
            assertThat(new AccountStore(db, Clock.systemUTC()).findByUsername("wang")).hasValueSatisfying(a -> {
                assertThat(a.disabled()).isTrue();
                assertThat(a.department()).isEqualTo("office");
            });
            assertThat(text(db, "SELECT deadline FROM tickets WHERE code = 'WZ-20261120-0001'")).isEqualTo("2026-11-25");
            assertThat(text(db, "SELECT created_at FROM tickets")).isEqualTo("2026-11-20T01:02:03.456789Z");
            byte[] raw = db.inTransaction(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT raw FROM inbound_held")) {
                    r.next();
                    return r.getBytes(1);
                }
            });
            assertThat(raw).containsExactly(0, 1, 2, 0xff);
            // Identities continue after the imported ones.
            long next = new AccountStore(db, Clock.systemUTC()).create("zhao", "赵六", Role.OPERATOR, "h").id();
            assertThat(next).isGreaterThan(new AccountStore(db, Clock.systemUTC()).findByUsername("wang")
                    .orElseThrow().id());
        } finally {
            db.close();
        }
        assertThat(data().resolve("db/wenzheng.mv.db")).doesNotExist();
        assertThat(data().resolve("db/wenzheng.mv.db.imported")).isRegularFile();

        try (Database again = Database.open(DatabaseConfig.defaults(data()))) {
            assertThat(new ConversationStore(again, Clock.systemUTC()).messages("conv-1")).hasSize(2);
        }
    }

    @Test
    void anH2FileBesideADatabaseWithDataIsNotImportedAgain() throws Exception {
        try (Database db = Database.open(DatabaseConfig.defaults(data()))) {
            new ConversationStore(db, Clock.systemUTC()).start("web");
        }
        legacyDatabase("9");
        onH2("INSERT INTO conversations (id, channel, created_at, last_seq) VALUES ('old', 'web', CURRENT_TIMESTAMP, 0)");
        shutdownH2();

        try (Database db = Database.open(DatabaseConfig.defaults(data()))) {
            assertThat(new ConversationStore(db, Clock.systemUTC()).find("old")).isEmpty();
        }
        assertThat(data().resolve("db/wenzheng.mv.db")).as("left where it is, reported at start").isRegularFile();
    }

    @Test
    void anH2DatabaseOfAnOlderSchemaIsRefusedWithWhatToDo() throws Exception {
        legacyDatabase("6");
        shutdownH2();

        assertThatThrownBy(() -> Database.open(DatabaseConfig.defaults(data())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is at schema version 6, not 9")
                .hasMessageContaining("start the previous version of Wenzheng on this data folder once");
        assertThat(data().resolve("db/wenzheng.mv.db")).isRegularFile();
    }

    @Test
    void anImportThatFailsHalfwayLeavesNothingImportedAndIsTriedAgain() throws Exception {
        legacyDatabase("9");
        // Accepted by H2's VARCHAR(16) channel, refused by nothing there, but a message whose
        // conversation does not exist breaks the foreign key the SQLite schema checks at commit.
        onH2("SET REFERENTIAL_INTEGRITY FALSE",
                "INSERT INTO conversations (id, channel, created_at, last_seq) VALUES ('ok', 'web', CURRENT_TIMESTAMP, 0)",
                "INSERT INTO messages (conversation_id, seq, role, body, created_at) VALUES ('gone', 1, 'citizen', 'q',"
                        + " CURRENT_TIMESTAMP)");
        shutdownH2();

        assertThatThrownBy(() -> Database.open(DatabaseConfig.defaults(data())))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot import the H2 database");
        assertThat(data().resolve("db/wenzheng.mv.db")).isRegularFile();

        onH2("DELETE FROM messages WHERE conversation_id = 'gone'");
        shutdownH2();
        try (Database db = Database.open(DatabaseConfig.defaults(data()))) {
            assertThat(new ConversationStore(db, Clock.systemUTC()).find("ok")).isPresent();
        }
        assertThat(Files.exists(data().resolve("db/wenzheng.mv.db.imported"))).isTrue();
    }

    private static String text(Database db, String sql) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getString(1);
            }
        });
    }
}
