package org.wenzheng.connectors;

/**
 * A notice was not delivered. {@link #permanent()} tells the relay whether retrying can help: a
 * refused recipient or a 5xx SMTP reply will not change by waiting, a connection refused or a 4xx
 * reply may.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public DeliveryException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    /** True when retrying the same notice cannot succeed. */
    public boolean permanent() {
        return permanent;
    }
}
