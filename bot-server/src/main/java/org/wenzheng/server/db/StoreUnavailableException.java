package org.wenzheng.server.db;

/**
 * No connection to the database could be had within the configured timeout: the database is down
 * or every connection is busy. Unlike other failures this one is temporary, so the server answers
 * 503 and the client may retry.
 */
public final class StoreUnavailableException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
