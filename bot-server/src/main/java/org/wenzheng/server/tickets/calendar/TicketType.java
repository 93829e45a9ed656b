package org.wenzheng.server.tickets.calendar;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of ticket, each with its own time limits ({@link DeadlineRules}). Stored in
 * {@code tickets.ticket_type} by {@link #dbName()}.
 *
 * <p>The first five are the 诉求类型 that 12345 hotlines and government letter boxes sort every
 * request into (a call, a chat question handed to staff, a letter to 市长信箱); the office's rules
 * give each its own answer days (the sample 政府信息公开办法 Art. 30–31: 咨询 3, 建议 and 求助 10,
 * 投诉 and 举报 13). The sixth is the statutory procedure of 政府信息公开条例.
 */
public enum TicketType {
    /** 咨询: a question to a department (hotline practice: 3 working days). */
    CONSULTATION("consultation", "咨询"),
    /** 建议: a proposal to the office (10 working days). */
    SUGGESTION("suggestion", "建议"),
    /** 投诉: a complaint about a service or an officer (13 working days). */
    COMPLAINT("complaint", "投诉"),
    /** 求助: a request for help with a difficulty (10 working days). */
    HELP("help", "求助"),
    /**
     * 举报: a report of wrongdoing (13 working days). Seen only by the handling department (and
     * administrators), never published.
     */
    TIPOFF("tipoff", "举报"),
    /** 依申请公开: a formal application for disclosure under 政府信息公开条例 Art. 27–33 (20 working days). */
    DISCLOSURE("disclosure", "依申请公开");

    private final String dbName;
    private final String label;

    TicketType(String dbName, String label) {
        this.dbName = dbName;
        this.label = label;
    }

    /** The name staff and citizens read: 咨询, 投诉, 依申请公开. */
    public String label() {
        return label;
    }

    /** The name in the database, the API and configuration keys: consultation, complaint, disclosure. */
    public String dbName() {
        return dbName;
    }

    /** Whether the type's tickets are kept from every department but the handling one, and never published. */
    public boolean confidential() {
        return this == TIPOFF;
    }

    /** Whether the type is one of the 诉求类型 a letter may have (all but the disclosure procedure). */
    public boolean letterType() {
        return this != DISCLOSURE;
    }

    /** The database names, in order, joined for a message: consultation、suggestion、…. */
    public static String names() {
        return Arrays.stream(values()).map(TicketType::dbName).collect(Collectors.joining("、"));
    }

    /**
     * The type of a database or configuration name, or of its Chinese label (咨询, 投诉 …).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static TicketType of(String name) {
        String n = name == null ? null : name.strip().toLowerCase(Locale.ROOT);
        for (TicketType t : values()) {
            if (t.dbName.equals(n) || t.label.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("ticket type must be one of " + names() + ", got '" + name + "'");
    }
}
