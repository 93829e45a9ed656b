package org.wenzheng.connectors.webhook;

/**
 * A webhook callback was refused: its signature is wrong, or a field is missing, malformed or too
 * long. {@link #field()} names what was wrong, for the JSON error the endpoint answers with.
 */
public final class CallbackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public CallbackException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field (or header, or {@code body}) that was refused. */
    public String field() {
        return field;
    }
}
