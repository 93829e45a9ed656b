package org.wenzheng.server.staff;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a staff account may do; each page and staff endpoint names the roles it admits. */
public enum Role {
    /** 接线员: answers the hotline, uses the console. */
    OPERATOR("operator"),
    /** 承办人员: answers escalated questions (tickets). */
    OFFICER("officer"),
    /** 主持人: runs an online interview (在线访谈). */
    MODERATOR("moderator"),
    /** 管理员: accounts, interview events, documents. */
    ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    /** The name stored and shown ("operator"). */
    public String id() {
        return id;
    }

    /**
     * @throws IllegalArgumentException naming the known roles when {@code id} is none of them
     */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of " + Arrays.stream(values()).map(Role::id)
                .collect(Collectors.joining(", ")) + ", got '" + id + "'");
    }
}
