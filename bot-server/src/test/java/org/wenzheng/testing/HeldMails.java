package org.wenzheng.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.wenzheng.server.db.SqlTimes;

/**
 * A reply to a ticket's mail from an address that is not the officer's, written into the database
 * as the mail intake holds it (quarantined, pending), for tests of what staff do with it.
 */
public final class HeldMails {
    private HeldMails() {
    }

    /** The held mail's id. */
    public static long hold(String jdbcUrl, String ticketCode, String sender, String subject, String text)
            throws SQLException {
        byte[] raw = ("From: " + sender + "\r\nTo: hotline@wenzheng.local\r\nSubject: " + subject
                + "\r\nMessage-ID: <held-" + ticketCode + "-" + System.nanoTime() + "@example.org>"
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "", "");
                PreparedStatement s = c.prepareStatement("INSERT INTO inbound_held (reason, detail, source, sender,"
                        + " subject, ticket_code, raw, received_at, status) VALUES ('quarantine', 'not an officer',"
                        + " 'imap', ?, ?, ?, ?, ?, 'pending')", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, sender);
            s.setString(2, subject);
            s.setString(3, ticketCode);
            s.setBytes(4, raw);
            SqlTimes.set(s, 5, Instant.now());
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
