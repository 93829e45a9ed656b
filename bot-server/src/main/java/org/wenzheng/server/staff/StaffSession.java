package org.wenzheng.server.staff;

import java.time.Instant;
import java.util.Objects;

/**
 * A logged-in staff member, as a staff endpoint sees them.
 *
 * @param tokenHash the SHA-256 of the session's cookie token (names the session in the store)
 * @param csrfToken the value every state-changing request of this session must send in {@code X-CSRF-Token}
 */
public record StaffSession(String tokenHash, Account account, String csrfToken, Instant expiresAt) {
    public StaffSession {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public Role role() {
        return account.role();
    }

    @Override
    public String toString() {
        return "StaffSession[" + account + ", expiresAt=" + expiresAt + "]";
    }
}
