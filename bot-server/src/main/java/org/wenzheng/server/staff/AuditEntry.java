package org.wenzheng.server.staff;

import java.time.Instant;

/**
 * One line of the audit log: who did what, when, from where, and to what.
 *
 * @param accountId the account, or null when the actor is none (a failed login with an unknown name)
 * @param username  the account's name, or what was typed
 * @param clientIp  the client's address, or null
 * @param detail    what the action was about (the account changed, the file uploaded), or null
 */
public record AuditEntry(Instant at, Long accountId, String username, String action, String clientIp,
        String detail) {

    /** A line about the actor alone (a login, a logout). */
    public AuditEntry(Instant at, Long accountId, String username, String action, String clientIp) {
        this(at, accountId, username, action, clientIp, null);
    }
}
