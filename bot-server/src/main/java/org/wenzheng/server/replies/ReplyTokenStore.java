package org.wenzheng.server.replies;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.connectors.mail.ReplyAddresses;
import org.wenzheng.connectors.mail.ReplyTokens;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.StoreException;

/**
 * The tokens of the notices' reply addresses ({@code reply_tokens}): one per notice, made when
 * the notice is first delivered and the same on every retry, and looked up when a reply comes
 * back. Blocking: the relay's and the reader's threads call it.
 */
final class ReplyTokenStore implements ReplyTokens {
    private final Database database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ReplyTokenStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String tokenFor(TicketNotice notice) throws DeliveryException {
        try {
            return database.inTransaction(c -> {
                Optional<String> known = tokenOf(c, notice.id());
                if (known.isPresent()) {
                    return known.get();
                }
                String token = ReplyAddresses.newToken(random);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO reply_tokens (token, notice_id,"
                        + " ticket_code, created_at) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, token);
                    s.setString(2, notice.id());
                    s.setString(3, notice.ticketCode());
                    SqlTimes.set(s, 4, clock.instant());
                    s.executeUpdate();
                }
                return token;
            });
        } catch (StoreException e) {
            // The notice waits for its address: retried like an SMTP server that is down.
            throw new DeliveryException("notice " + notice.id() + ": its reply address cannot be stored now: "
                    + e.getMessage(), false, e);
        }
    }

    private static Optional<String> tokenOf(Connection c, String noticeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT token FROM reply_tokens WHERE notice_id = ?")) {
            s.setString(1, noticeId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The tickets these tokens were issued for (in the caller's transaction); unknown tokens name none. */
    Set<String> ticketsOf(Connection c, List<String> tokens) throws SQLException {
        Set<String> codes = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT ticket_code FROM reply_tokens WHERE token = ?")) {
            for (String token : tokens) {
                s.setString(1, token);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        codes.add(r.getString(1));
                    }
                }
            }
        }
        return codes;
    }
}
