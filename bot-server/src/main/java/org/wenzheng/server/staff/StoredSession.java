package org.wenzheng.server.staff;

import java.time.Instant;
import java.util.Objects;

/**
 * A login session as stored: whose it is, its CSRF token and when it ends. The token that names
 * it is known only to the browser; the database keeps its SHA-256.
 */
public record StoredSession(Account account, String csrfToken, Instant createdAt, Instant expiresAt) {
    public StoredSession {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
