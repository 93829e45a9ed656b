package org.wenzheng.server.db;

/**
 * The database failed: it could not be opened or migrated at start, or a statement failed. The
 * message says what was being done and names the database (without its password), never the
 * values of a citizen's message.
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
