package org.wenzheng.server.staff;

import java.time.Instant;
import java.util.Objects;

/**
 * A staff account.
 *
 * @param passwordHash the encoded hash (algorithm, parameters, salt, hash), never the password;
 *                     left out of {@link #toString} all the same
 * @param department   the id of the department an officer works for, or null: every department
 */
public record Account(long id, String username, String displayName, Role role, String passwordHash,
        boolean disabled, Instant createdAt, String department) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The one department whose tickets this account handles, or null when it may handle every one. */
    public String handlesOnly() {
        return role == Role.OFFICER ? department : null;
    }

    /** Whether this account may see and act on a ticket of this department. */
    public boolean mayHandle(String ticketDepartment) {
        String only = handlesOnly();
        return only == null || only.equals(ticketDepartment);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", role=" + role.id() + ", disabled=" + disabled
                + (department == null ? "" : ", department=" + department) + "]";
    }
}
