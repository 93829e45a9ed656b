package org.wenzheng.server.letters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The {@code letters} table: what a letter has beyond its ticket. Works in the caller's
 * transaction (the one that creates the ticket). Stateless and thread-safe.
 */
final class LetterStore {
    /** How a letter came in; stored in {@code letters.via}. */
    enum Via {
        /** The /letters page or POST /api/v1/letters. */
        FORM("form"),
        /** A mail to a mailbox's public address. */
        EMAIL("email");

        private final String dbName;

        Via(String dbName) {
            this.dbName = dbName;
        }
    }

    void insert(Connection c, String code, Via via, String writerName, boolean publishConsent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO letters (ticket_code, via, writer_name, publish_consent) VALUES (?, ?, ?, ?)")) {
            s.setString(1, code);
            s.setString(2, via.dbName);
            s.setString(3, writerName);
            s.setBoolean(4, publishConsent);
            s.executeUpdate();
        }
    }
}
