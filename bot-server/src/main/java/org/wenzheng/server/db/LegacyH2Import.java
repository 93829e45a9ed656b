package org.wenzheng.server.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time move of an embedded database from H2, the engine of the versions before SQLite, to
 * the SQLite file beside it: at the first start of this version on a data folder holding
 * {@code db/wenzheng.mv.db}, every row of every table is copied into the new, empty database in
 * one transaction (so a crash halfway leaves nothing imported, and the next start imports again),
 * and the H2 file is then renamed {@code wenzheng.mv.db.imported}, kept as it was.
 *
 * <p>The H2 database must be at schema version 9, the last one H2 had; the SQLite schema starts at
 * that version with the same tables and columns.
 */
final class LegacyH2Import {
    private static final Logger log = LoggerFactory.getLogger(LegacyH2Import.class);

    /** The H2 file of the versions before SQLite, in the same folder as the SQLite file. */
    static final String H2_FILE = "wenzheng.mv.db";
    static final String IMPORTED_SUFFIX = ".imported";
    /** The last schema version of the H2 era: what the SQLite baseline (V9__schema.sql) holds. */
    static final String H2_SCHEMA_VERSION = "9";

    /**
     * Every table, parents before children (foreign keys are also checked only at commit, for the
     * tickets that point at other tickets and the questions merged into other questions).
     */
    static final List<String> TABLES = List.of("conversations", "messages", "accounts", "sessions", "audit_log",
            "ticket_counters", "tickets", "ticket_events", "outbox", "mailbox_checkpoints", "inbound_seen",
            "inbound_held", "faq_proposals", "hotline_calls", "hotline_call_events", "interviews",
            "interview_guests", "interview_questions", "interview_answers");

    private LegacyH2Import() {
    }

    /** The H2 file that would be imported into this SQLite file, if there is one. */
    static Optional<Path> pending(Path sqliteFile) {
        Path h2 = sqliteFile.resolveSibling(H2_FILE);
        return Files.isRegularFile(h2) ? Optional.of(h2) : Optional.empty();
    }

    /**
     * Imports the H2 file into the database when there is one and the database holds no rows yet.
     *
     * @return the rows imported; 0 when there was nothing to import
     * @throws StoreException when the H2 file cannot be read or its rows do not fit
     */
    static long importIfPresent(Database db, Path sqliteFile) {
        Optional<Path> h2 = pending(sqliteFile);
        if (h2.isEmpty()) {
            return 0;
        }
        if (!empty(db)) {
            log.warn("an H2 database ({}) is beside {}, which already holds data: it is not imported again; move it"
                    + " away to silence this warning", h2.get(), sqliteFile);
            return 0;
        }
        String name = h2.get().getFileName().toString();
        String url = "jdbc:h2:file:" + h2.get().resolveSibling(name.substring(0, name.length() - ".mv.db".length()))
                + ";AUTO_SERVER=FALSE;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        long rows;
        try (Connection from = DriverManager.getConnection(url, "", "")) {
            String version = schemaVersion(from);
            if (!H2_SCHEMA_VERSION.equals(version)) {
                throw new StoreException("the H2 database " + h2.get() + " is at schema version " + version + ", not "
                        + H2_SCHEMA_VERSION + ": start the previous version of Wenzheng on this data folder once, then"
                        + " this one");
            }
            try {
                rows = db.inTransaction(to -> copy(from, to));
            } catch (StoreException e) {
                throw new SQLException(Database.rootMessage(e), e);
            }
            try (Statement s = from.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot import the H2 database " + h2.get() + ": " + e.getMessage(), e);
        }
        Path kept = h2.get().resolveSibling(name + IMPORTED_SUFFIX);
        try {
            Files.move(h2.get(), kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StoreException("imported " + h2.get() + " but cannot rename it to " + kept + ": " + e.getMessage()
                    + "; rename it by hand, or it is reported at every start", e);
        }
        log.info("imported {} rows from the H2 database of the previous version; it is kept as {}", rows, kept);
        return rows;
    }

    private static boolean empty(Database db) {
        return db.inTransaction(c -> {
            for (String table : TABLES) {
                try (Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    r.next();
                    if (r.getBoolean(1)) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private static String schemaVersion(Connection h2) throws SQLException {
        try (Statement s = h2.createStatement(); ResultSet r = s.executeQuery("SELECT \"version\" FROM"
                + " \"flyway_schema_history\" WHERE \"success\" = TRUE ORDER BY \"installed_rank\" DESC LIMIT 1")) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    private static long copy(Connection from, Connection to) throws SQLException {
        try (Statement s = to.createStatement()) {
            s.execute("PRAGMA defer_foreign_keys = ON");
        }
        long rows = 0;
        for (String table : TABLES) {
            rows += copyTable(from, to, table);
        }
        return rows;
    }

    private static long copyTable(Connection from, Connection to, String table) throws SQLException {
        try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData m = r.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                columns.add(m.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            long n = 0;
            try (PreparedStatement insert = to.prepareStatement(sql)) {
                while (r.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        bind(insert, i, r.getObject(i));
                    }
                    insert.addBatch();
                    if (++n % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new SQLException("table " + table + ": " + e.getMessage(), e);
            }
            return n;
        }
    }

    /** A value of H2 as the SQLite schema keeps it (times as SqlTimes writes them, dates as ISO text). */
    private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        if (value instanceof OffsetDateTime t) {
            SqlTimes.set(s, index, t.toInstant());
        } else if (value instanceof LocalDate d) {
            s.setString(index, d.toString());
        } else if (value instanceof java.sql.Date d) {
            s.setString(index, d.toLocalDate().toString());
        } else {
            s.setObject(index, value);
        }
    }
}
