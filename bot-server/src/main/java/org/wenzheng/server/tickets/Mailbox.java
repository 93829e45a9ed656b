package org.wenzheng.server.tickets;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named mailbox of the office (信箱: 市政府信箱, 主任信箱 …) citizens write letters to
 * ({@code mailboxes:} in {@code config/wenzheng.yaml}). A letter becomes a ticket routed only to the
 * mailbox's departments.
 *
 * @param id          stable id, stored with its letters: lower-case letters, digits, '_' and '-'
 * @param name        the public name, e.g. 主任信箱
 * @param description what it is for, shown to citizens on the letter form (up to 200 characters)
 * @param departments the ids of the departments its letters may go to, in routing order; empty: all
 * @param publish     whether answered letters may be published (信件公开), with the writer's consent
 * @param address     the public e-mail address that receives its letters by mail (lower case), or
 *                    null: letters only by the form. The office's mail server must deliver it into
 *                    Wenzheng's own mailbox (an alias), which the mail bridge reads
 */
public record Mailbox(String id, String name, String description, List<String> departments, boolean publish,
        String address) {
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,32}");
    /** A plain address: no display name, no +subaddress (those are the officers' reply addresses). */
    private static final Pattern ADDRESS = Pattern.compile("[a-z0-9._%-]{1,64}@[a-z0-9.-]{1,189}\\.[a-z0-9-]{1,63}");

    public Mailbox {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 32 characters of a-z, 0-9, '_' and '-', got '" + id
                    + "'");
        }
        if (name == null || name.isBlank() || name.length() > 32) {
            throw new IllegalArgumentException("name must be 1 to 32 characters");
        }
        description = description == null ? "" : description.strip();
        if (description.length() > 200) {
            throw new IllegalArgumentException("description must be at most 200 characters");
        }
        departments = departments == null ? List.of() : List.copyOf(departments);
        if (departments.stream().distinct().count() != departments.size()) {
            throw new IllegalArgumentException("departments lists a department twice");
        }
        if (address != null) {
            address = address.strip().toLowerCase(java.util.Locale.ROOT);
            if (address.isEmpty()) {
                address = null;
            } else if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalArgumentException("address must be a plain e-mail address (name@example.gov.cn,"
                        + " without a +subaddress or a display name), got '" + address + "'");
            }
        }
    }

    /** A mailbox that receives letters only by the form. */
    public Mailbox(String id, String name, String description, List<String> departments, boolean publish) {
        this(id, name, description, departments, publish, null);
    }

    /** Its public e-mail address, if it has one. */
    public Optional<String> mailAddress() {
        return Optional.ofNullable(address);
    }

    /** Whether its letters may go to this department. */
    public boolean routesTo(String department) {
        return departments.isEmpty() || departments.contains(department);
    }

    /** The department its letters go to when no routing rule picks one of its departments, if it lists any. */
    Optional<String> fallback() {
        return departments.stream().findFirst();
    }
}
