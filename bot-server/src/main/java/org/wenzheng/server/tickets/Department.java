package org.wenzheng.server.tickets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A department that answers escalated questions (承办部门): where its escalations go, who may
 * answer, who supervises, and which questions are routed to it.
 *
 * @param id         stable id, stored with tickets: lower-case letters, digits, '_' and '-'
 * @param name       display name, e.g. 人力资源和社会保障局
 * @param mailboxes  the addresses an escalation is sent to (at least one)
 * @param officers   the addresses whose replies are accepted as answers; reminders go to them
 * @param supervisor the address overdue tickets go to (督办); may also answer
 * @param seeContact whether notices to this department carry citizens' contact unmasked (only
 *                   where the department needs it to call back)
 * @param connector  the connector that delivers its notices: {@code mail}, or a webhook's name
 * @param routing    the rules that send a question here
 */
public record Department(String id, String name, List<String> mailboxes, List<String> officers, String supervisor,
        boolean seeContact, String connector, Routing routing) {

    /** The connector used when a department names none. */
    public static final String DEFAULT_CONNECTOR = "mail";

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");
    /** A plausible mailbox: something@domain.tld, no spaces or angle brackets. */
    static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    public Department {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be 1 to 64 characters of a-z, 0-9, '_' and '-', got '" + id
                    + "'");
        }
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("name must be 1 to 64 characters");
        }
        mailboxes = addresses("mailboxes", mailboxes, true);
        officers = addresses("officers", officers, false);
        if (supervisor == null || !ADDRESS.matcher(supervisor).matches()) {
            throw new IllegalArgumentException("supervisor must be an e-mail address, got '" + supervisor + "'");
        }
        if (connector == null || connector.isBlank() || connector.length() > 32) {
            throw new IllegalArgumentException("connector must be 1 to 32 characters");
        }
        Objects.requireNonNull(routing, "routing");
    }

    private static List<String> addresses(String field, List<String> values, boolean required) {
        List<String> list = values == null ? List.of() : List.copyOf(values);
        if (required && list.isEmpty()) {
            throw new IllegalArgumentException(field + " must list at least one e-mail address");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!ADDRESS.matcher(list.get(i)).matches()) {
                throw new IllegalArgumentException(field + "[" + i + "] must be an e-mail address, got '"
                        + list.get(i) + "'");
            }
        }
        return list;
    }

    /** Whether this address is one of the officers or the supervisor (case-insensitive). */
    public boolean mayAnswer(String address) {
        if (address == null) {
            return false;
        }
        String a = address.strip().toLowerCase(Locale.ROOT);
        return supervisor.toLowerCase(Locale.ROOT).equals(a)
                || officers.stream().anyMatch(o -> o.toLowerCase(Locale.ROOT).equals(a));
    }

    /**
     * What sends a question to a department; the first rule that matches wins (see {@link Router}).
     *
     * @param keywords   words or phrases looked for in the question (劳动合同, 社保)
     * @param documents  regular expressions matched against the title and the issuer of the
     *                   documents of the bot's best candidates (人力资源和社会保障)
     * @param categories disclosure-catalogue categories (政策文件 …) of those documents
     */
    public record Routing(List<String> keywords, List<Pattern> documents, List<String> categories) {
        public static final Routing NONE = new Routing(List.of(), List.of(), List.of());

        public Routing {
            keywords = List.copyOf(keywords);
            documents = List.copyOf(documents);
            categories = List.copyOf(categories);
            if (keywords.stream().anyMatch(String::isBlank) || categories.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("routing keywords and categories must not be blank");
            }
        }

        /** Rules as written in the configuration; a pattern that does not compile is refused. */
        public static Routing of(List<String> keywords, List<String> documentPatterns, List<String> categories) {
            List<Pattern> patterns = new java.util.ArrayList<>();
            List<String> written = documentPatterns == null ? List.of() : documentPatterns;
            for (int i = 0; i < written.size(); i++) {
                try {
                    patterns.add(Pattern.compile(written.get(i)));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("routing.documents[" + i + "] is not a regular expression: "
                            + e.getDescription());
                }
            }
            return new Routing(keywords == null ? List.of() : keywords, patterns,
                    categories == null ? List.of() : categories);
        }
    }
}
