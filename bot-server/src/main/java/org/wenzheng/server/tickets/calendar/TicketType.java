package org.wenzheng.server.tickets.calendar;

import java.util.Locale;

/**
 * The kinds of ticket, each with its own time limits ({@link DeadlineRules}). Stored in
 * {@code tickets.ticket_type} by {@link #dbName()}.
 */
public enum TicketType {
    /** 咨询: a question to a department (hotline practice: 3 working days). */
    CONSULTATION("consultation", "咨询"),
    /** 依申请公开: a formal application for disclosure under 政府信息公开条例 Art. 27–33 (20 working days). */
    DISCLOSURE("disclosure", "依申请公开");

    private final String dbName;
    private final String label;

    TicketType(String dbName, String label) {
        this.dbName = dbName;
        this.label = label;
    }

    /** The name staff and citizens read: 咨询, 依申请公开. */
    public String label() {
        return label;
    }

    /** The name in the database and in configuration keys: consultation, disclosure. */
    public String dbName() {
        return dbName;
    }

    /**
     * The type of a database or configuration name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TicketType of(String name) {
        for (TicketType t : values()) {
            if (t.dbName.equals(name == null ? null : name.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("ticket type must be consultation or disclosure, got '" + name + "'");
    }
}
