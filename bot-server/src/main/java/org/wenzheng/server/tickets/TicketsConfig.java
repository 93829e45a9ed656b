package org.wenzheng.server.tickets;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.server.netty.ServerConfig;

/**
 * The ticket desk's configuration ({@code departments:} and {@code tickets:} in
 * {@code config/wenzheng.yaml}), checked once at start.
 *
 * @param departments       the departments, in the order their routing rules are tried
 * @param defaultDepartment the id of the department that gets what no rule routes
 * @param keyBytes          random bytes of a citizen's access key (at least 16: 128 bits)
 * @param maxQuestionChars  longest question a ticket accepts
 * @param maxEmailChars     longest contact e-mail address
 * @param maxPhoneChars     longest contact phone number
 * @param createRateLimit   tickets one client address may create, per minute and in a burst
 * @param dedupStripPhrases phrases removed before two questions are compared for 并单 (请问, 你好)
 * @param maxCandidates     the bot's candidates kept with a ticket and sent to the officer
 * @param watchInterval     how often the deadline watcher looks for reminders and overdue tickets
 * @param staffUrl          the address staff open Wenzheng at (http://wenzheng.example.gov.cn), for the
 *                          link to the ticket in officers' mails; null: no link
 * @param tracking          办件查询 (/track): the 查询码's length and the lookup rate limits
 * @param mailboxes         the office's named mailboxes (信箱) letters are written to; may be empty
 */
public record TicketsConfig(List<Department> departments, String defaultDepartment, int keyBytes,
        int maxQuestionChars, int maxEmailChars, int maxPhoneChars, ServerConfig.RateLimit createRateLimit,
        List<String> dedupStripPhrases, int maxCandidates, Duration watchInterval, String staffUrl,
        Tracking tracking, List<Mailbox> mailboxes) {

    public static final int DEFAULT_KEY_BYTES = 18;
    public static final int MIN_KEY_BYTES = 16;
    public static final int DEFAULT_MAX_QUESTION_CHARS = 1000;
    public static final int DEFAULT_MAX_EMAIL_CHARS = 254;
    public static final int DEFAULT_MAX_PHONE_CHARS = 32;
    /** Five a minute, three at once: a citizen rarely escalates more, a script quickly does. */
    public static final ServerConfig.RateLimit DEFAULT_CREATE_RATE_LIMIT = new ServerConfig.RateLimit(5, 3);
    public static final List<String> DEFAULT_DEDUP_STRIP_PHRASES = List.of("请问", "您好", "你好", "谢谢", "麻烦");
    public static final int DEFAULT_MAX_CANDIDATES = 5;
    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofMinutes(1);

    /**
     * 办件查询: looking a ticket up by its code and the contact given, or its 查询码.
     *
     * @param pinDigits the digits of a ticket's 查询码 (6 to 8), shown once at creation
     * @param perClient lookups one client address may make, per minute and in a burst
     * @param perTicket lookups of one ticket code, from any address: this is what bounds the guesses
     *                  at one ticket's 查询码 when an attacker spreads them over many addresses
     */
    public record Tracking(int pinDigits, ServerConfig.RateLimit perClient, ServerConfig.RateLimit perTicket) {
        public static final int MIN_PIN_DIGITS = 6;
        public static final int MAX_PIN_DIGITS = 8;
        /**
         * Eight digits, two lookups a minute per ticket (five at once): guessing one ticket's 查询码
         * takes 5×10⁷ tries on average, about 47 years at that rate (README, 办件查询).
         */
        public static final Tracking DEFAULTS = new Tracking(8, new ServerConfig.RateLimit(10, 5),
                new ServerConfig.RateLimit(2, 5));

        public Tracking {
            check("tickets.tracking.pinDigits", pinDigits, MIN_PIN_DIGITS, MAX_PIN_DIGITS);
            if (perClient == null) {
                throw new IllegalArgumentException("tickets.tracking.perClient is missing");
            }
            if (perTicket == null) {
                throw new IllegalArgumentException("tickets.tracking.perTicket is missing");
            }
        }
    }

    public TicketsConfig {
        departments = List.copyOf(departments);
        dedupStripPhrases = List.copyOf(dedupStripPhrases);
        if (departments.isEmpty()) {
            throw new IllegalArgumentException("departments must list at least one department");
        }
        Set<String> ids = new HashSet<>();
        for (Department d : departments) {
            if (!ids.add(d.id())) {
                throw new IllegalArgumentException("departments: the id " + d.id() + " is used twice");
            }
        }
        if (defaultDepartment == null || !ids.contains(defaultDepartment)) {
            throw new IllegalArgumentException("tickets.defaultDepartment must be the id of a department, got '"
                    + defaultDepartment + "'");
        }
        check("tickets.keyBytes", keyBytes, MIN_KEY_BYTES, 64);
        check("tickets.maxQuestionChars", maxQuestionChars, 1, 100_000);
        check("tickets.maxEmailChars", maxEmailChars, 6, 254);
        check("tickets.maxPhoneChars", maxPhoneChars, 5, 32);
        check("tickets.maxCandidates", maxCandidates, 0, 20);
        if (createRateLimit == null) {
            throw new IllegalArgumentException("tickets.createRateLimit is missing");
        }
        if (watchInterval == null || watchInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tickets.watchIntervalSeconds must be at least 1");
        }
        if (staffUrl != null) {
            staffUrl = staffUrl(staffUrl);
        }
        if (tracking == null) {
            throw new IllegalArgumentException("tickets.tracking is missing");
        }
        mailboxes = List.copyOf(mailboxes);
        Set<String> boxes = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        Set<String> staff = new HashSet<>();
        for (Department d : departments) {
            d.mailboxes().forEach(a -> staff.add(a.toLowerCase(java.util.Locale.ROOT)));
            d.officers().forEach(a -> staff.add(a.toLowerCase(java.util.Locale.ROOT)));
            staff.add(d.supervisor().toLowerCase(java.util.Locale.ROOT));
        }
        for (int i = 0; i < mailboxes.size(); i++) {
            Mailbox m = mailboxes.get(i);
            if (!boxes.add(m.id())) {
                throw new IllegalArgumentException("mailboxes: the id " + m.id() + " is used twice");
            }
            if (m.address() != null && !addresses.add(m.address())) {
                throw new IllegalArgumentException("mailboxes[" + i + "].address: " + m.address()
                        + " is the address of another mailbox too");
            }
            if (m.address() != null && staff.contains(m.address())) {
                // Mail from staff is an officer's reply, never a letter: the two must not share an address.
                throw new IllegalArgumentException("mailboxes[" + i + "].address: " + m.address()
                        + " is a department's, officer's or supervisor's address; give the mailbox its own");
            }
            for (String d : m.departments()) {
                if (!ids.contains(d)) {
                    throw new IllegalArgumentException("mailboxes[" + i + "].departments: " + d
                            + " is not the id of a department");
                }
            }
        }
    }

    /** The staff address without a trailing slash, or why it is not one. */
    private static String staffUrl(String url) {
        java.net.URI u;
        try {
            u = new java.net.URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("tickets.staffUrl is not an address: " + url);
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                || u.getQuery() != null || u.getFragment() != null) {
            throw new IllegalArgumentException("tickets.staffUrl must be an http or https address without query or"
                    + " fragment, such as https://wenzheng.example.gov.cn, got " + url);
        }
        String s = u.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Where staff open this ticket in /admin, when the staff address is configured. */
    public Optional<String> ticketUrl(String code) {
        return staffUrl == null ? Optional.empty()
                : Optional.of(staffUrl + "/admin#tickets/" + java.net.URLEncoder.encode(code,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Where a citizen opens this ticket on 办件查询 (/track, the code filled in) to read and rate its
     * answer, when the server's address ({@code staffUrl}, the public one) is configured.
     */
    public Optional<String> trackUrl(String code) {
        return staffUrl == null ? Optional.empty()
                : Optional.of(staffUrl + "/track#" + java.net.URLEncoder.encode(code,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be in [" + min + "," + max + "], got " + value);
        }
    }

    /** The defaults with these departments. */
    public static TicketsConfig defaults(List<Department> departments, String defaultDepartment) {
        return new TicketsConfig(departments, defaultDepartment, DEFAULT_KEY_BYTES, DEFAULT_MAX_QUESTION_CHARS,
                DEFAULT_MAX_EMAIL_CHARS, DEFAULT_MAX_PHONE_CHARS, DEFAULT_CREATE_RATE_LIMIT,
                DEFAULT_DEDUP_STRIP_PHRASES, DEFAULT_MAX_CANDIDATES, DEFAULT_WATCH_INTERVAL, null, Tracking.DEFAULTS,
                List.of());
    }

    /** The department with this id. */
    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The mailbox with this id. */
    public Optional<Mailbox> mailbox(String id) {
        return mailboxes.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The default department. */
    public Department fallback() {
        return department(defaultDepartment).orElseThrow();
    }

    /** This configuration with another creation rate limit (tests). */
    public TicketsConfig withCreateRateLimit(ServerConfig.RateLimit r) {
        return new TicketsConfig(departments, defaultDepartment, keyBytes, maxQuestionChars, maxEmailChars,
                maxPhoneChars, r, dedupStripPhrases, maxCandidates, watchInterval, staffUrl, tracking, mailboxes);
    }

    /** This configuration with another staff address (tests). */
    public TicketsConfig withStaffUrl(String url) {
        return new TicketsConfig(departments, defaultDepartment, keyBytes, maxQuestionChars, maxEmailChars,
                maxPhoneChars, createRateLimit, dedupStripPhrases, maxCandidates, watchInterval, url, tracking, mailboxes);
    }

    /** This configuration with these mailboxes. */
    public TicketsConfig withMailboxes(List<Mailbox> m) {
        return new TicketsConfig(departments, defaultDepartment, keyBytes, maxQuestionChars, maxEmailChars,
                maxPhoneChars, createRateLimit, dedupStripPhrases, maxCandidates, watchInterval, staffUrl, tracking, m);
    }

    /** This configuration with other 办件查询 settings (tests). */
    public TicketsConfig withTracking(Tracking t) {
        return new TicketsConfig(departments, defaultDepartment, keyBytes, maxQuestionChars, maxEmailChars,
                maxPhoneChars, createRateLimit, dedupStripPhrases, maxCandidates, watchInterval, staffUrl, t, mailboxes);
    }
}
