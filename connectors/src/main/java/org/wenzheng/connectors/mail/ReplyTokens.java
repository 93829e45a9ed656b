package org.wenzheng.connectors.mail;

import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;

/**
 * Where the token of a notice's reply address comes from ({@link ReplyAddresses}): the server
 * makes one per notice and keeps it, so that a reply can be checked against the ticket it answers.
 */
@FunctionalInterface
public interface ReplyTokens {
    /**
     * The token of this notice's reply address, made and stored on the first call and the same on
     * every later one (a retried delivery carries the address of the first attempt).
     *
     * @throws DeliveryException when it cannot be had now (the database is down): a transient failure
     */
    String tokenFor(TicketNotice notice) throws DeliveryException;
}
