package org.wenzheng.connectors;

/**
 * A way for ticket notices to leave Wenzheng: the officers' mailboxes (e-mail), another ticket
 * system (webhook), or whatever a deployment adds. The outbox relay of the server calls
 * {@link #deliver} from a worker thread, once per outbox row, and retries with backoff after a
 * {@link DeliveryException#permanent() transient} failure; a permanent one is kept for an
 * administrator to see, never dropped.
 *
 * <p>Implementations are thread-safe and hold no state that must survive a restart: what has been
 * delivered is recorded by the caller, in the same database as the tickets.
 */
public interface Connector extends AutoCloseable {
    /** The name the configuration and the outbox rows use for this connector, e.g. {@code mail}. */
    String name();

    /**
     * Delivers one notice. Blocks until the receiving system has accepted it (an SMTP server
     * answered 250, a webhook answered 2xx) or has failed.
     *
     * @return the receiving system's id of what was delivered (the Message-ID of a mail, the id
     *         a webhook answered with), stored with the outbox row; never null, may be empty
     * @throws DeliveryException when it was not delivered; says whether retrying can help
     */
    String deliver(TicketNotice notice) throws DeliveryException;

    /** Releases connections; further deliveries fail. */
    @Override
    void close();
}
