package org.wenzheng.connectors.mail;

/** The mailbox could not be read: the server is down, refused the login, or broke the connection. */
public final class MailboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
