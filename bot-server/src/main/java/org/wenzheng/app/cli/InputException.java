package org.wenzheng.app.cli;

/**
 * Input the user can fix (a missing folder, a malformed questions file): reported in one line with
 * exit code 2, like a usage error.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
