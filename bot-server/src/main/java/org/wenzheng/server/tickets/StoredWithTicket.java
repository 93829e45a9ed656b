package org.wenzheng.server.tickets;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What another feature stores with a new ticket (a letter's writer and consent, an application's
 * form), in the transaction that creates the ticket: both are stored, or neither.
 */
@FunctionalInterface
public interface StoredWithTicket {
    /** Stores nothing. */
    StoredWithTicket NOTHING = (c, code) -> { };

    /** @param code the new ticket's code */
    void store(Connection c, String code) throws SQLException;
}
