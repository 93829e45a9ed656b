package org.wenzheng.server.letters;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * Letters to the office's mailboxes ({@code letters:} in {@code config/wenzheng.yaml}; the mailboxes
 * themselves are {@code mailboxes:}, part of the ticket desk's configuration), checked once at start.
 *
 * @param maxTitleChars   longest title
 * @param maxContentChars longest letter
 * @param maxNameChars    longest writer's name
 * @param nameRequiredFor the letter types whose writer must give a name (投诉 and 求助 by default: the
 *                        department calls back about them); other types may be anonymous
 * @param maxLookupChars  how much of a letter (title first) the bot looks up to route it: the
 *                        knowledge engine's question limit
 * @param createRateLimit letters one client address may send, per minute and in a burst
 * @param attachments     the files a letter (or a 补充) may carry, and where they are kept
 * @param byMail          the limits of letters by mail (a mailbox's public address), against floods
 */
public record LettersConfig(int maxTitleChars, int maxContentChars, int maxNameChars, Set<TicketType> nameRequiredFor,
        int maxLookupChars, ServerConfig.RateLimit createRateLimit, Attachments attachments, MailLimits byMail) {
    public static final int DEFAULT_MAX_TITLE_CHARS = 50;
    public static final int DEFAULT_MAX_CONTENT_CHARS = 3000;
    public static final int DEFAULT_MAX_NAME_CHARS = 32;
    /** The database column's limits (V13): no configuration can go beyond them. */
    static final int TITLE_COLUMN_CHARS = 200;
    static final int NAME_COLUMN_CHARS = 64;
    public static final Set<TicketType> DEFAULT_NAME_REQUIRED_FOR = Set.copyOf(EnumSet.of(TicketType.COMPLAINT,
            TicketType.HELP));
    /** Three a minute, three at once: a citizen writes one letter, a script many. */
    public static final ServerConfig.RateLimit DEFAULT_CREATE_RATE_LIMIT = new ServerConfig.RateLimit(3, 3);

    /**
     * Files attached to letters: JPEG, PNG or PDF (told by their first bytes).
     *
     * @param folder        where they are kept, each under a random name (default
     *                      {@code <data>/letters/attachments})
     * @param maxFileBytes  largest file
     * @param maxFiles      most files in one letter or one 补充
     * @param maxTotalBytes most bytes in one letter or one 补充, all files together
     */
    public record Attachments(Path folder, int maxFileBytes, int maxFiles, int maxTotalBytes) {
        /** Inside the data folder, unless configured otherwise. */
        public static final String FOLDER = "letters/attachments";
        /** A phone photo is 2–5 MB; a scanned page as PDF less. */
        public static final int DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
        public static final int DEFAULT_MAX_FILES = 5;
        public static final int DEFAULT_MAX_TOTAL_BYTES = 10 * 1024 * 1024;
        /** The bodies that carry them are base64 in JSON: a third larger; this keeps them under 2 GB. */
        static final int MAX_TOTAL_BYTES_LIMIT = 512 * 1024 * 1024;

        public Attachments {
            Objects.requireNonNull(folder, "letters.attachments.folder");
            check("letters.attachments.maxFileBytes", maxFileBytes, 1, MAX_TOTAL_BYTES_LIMIT);
            check("letters.attachments.maxFiles", maxFiles, 0, 100);
            check("letters.attachments.maxTotalBytes", maxTotalBytes, 1, MAX_TOTAL_BYTES_LIMIT);
            if (maxTotalBytes < maxFileBytes) {
                throw new IllegalArgumentException("letters.attachments.maxTotalBytes (" + maxTotalBytes
                        + ") must not be below maxFileBytes (" + maxFileBytes + ")");
            }
        }

        /** The defaults, kept in {@code <dataDir>/letters/attachments}. */
        public static Attachments defaults(Path dataDir) {
            return new Attachments(dataDir.resolve(FOLDER), DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES,
                    DEFAULT_MAX_TOTAL_BYTES);
        }
    }

    public LettersConfig {
        check("letters.maxTitleChars", maxTitleChars, 1, TITLE_COLUMN_CHARS);
        check("letters.maxContentChars", maxContentChars, 1, 100_000);
        check("letters.maxNameChars", maxNameChars, 1, NAME_COLUMN_CHARS);
        check("letters.maxLookupChars", maxLookupChars, 1, 100_000);
        nameRequiredFor = Set.copyOf(Objects.requireNonNull(nameRequiredFor, "nameRequiredFor"));
        if (nameRequiredFor.contains(TicketType.DISCLOSURE)) {
            throw new IllegalArgumentException("letters.nameRequiredFor: disclosure is not a letter type (applications"
                    + " for disclosure have their own form)");
        }
        if (createRateLimit == null) {
            throw new IllegalArgumentException("letters.createRateLimit is missing");
        }
        Objects.requireNonNull(attachments, "letters.attachments");
        if (byMail == null) {
            throw new IllegalArgumentException("letters.byMail is missing");
        }
    }

    /**
     * How many letters by mail become letters (``letters.byMail``): a mail over a limit is kept
     * in the quarantine with the limit it crossed as its reason, never answered and never dropped.
     * Counted from the letters stored, so a restart forgets nothing.
     *
     * @param perSenderPerDay letters one sender's address may write by mail within 24 hours
     * @param perHour         letters by mail from everyone together within an hour
     */
    public record MailLimits(int perSenderPerDay, int perHour) {
        /** A citizen writes a letter or two a day; a loop or a script, hundreds. */
        public static final MailLimits DEFAULTS = new MailLimits(5, 200);

        public MailLimits {
            check("letters.byMail.perSenderPerDay", perSenderPerDay, 1, 100_000);
            check("letters.byMail.perHour", perHour, 1, 1_000_000);
        }
    }

    /** The defaults, looking up at most {@code maxLookupChars} of a letter, attachments under {@code dataDir}. */
    public static LettersConfig defaults(int maxLookupChars, Path dataDir) {
        return new LettersConfig(DEFAULT_MAX_TITLE_CHARS, DEFAULT_MAX_CONTENT_CHARS, DEFAULT_MAX_NAME_CHARS,
                DEFAULT_NAME_REQUIRED_FOR, maxLookupChars, DEFAULT_CREATE_RATE_LIMIT, Attachments.defaults(dataDir),
                MailLimits.DEFAULTS);
    }

    /** This configuration with another creation rate limit (tests). */
    public LettersConfig withCreateRateLimit(ServerConfig.RateLimit r) {
        return new LettersConfig(maxTitleChars, maxContentChars, maxNameChars, nameRequiredFor, maxLookupChars, r,
                attachments, byMail);
    }

    /** This configuration with other attachment limits (tests). */
    public LettersConfig withAttachments(Attachments a) {
        return new LettersConfig(maxTitleChars, maxContentChars, maxNameChars, nameRequiredFor, maxLookupChars,
                createRateLimit, a, byMail);
    }

    /**
     * The largest body of a letter or a 补充: the files in base64 (4 bytes for 3) and room for the
     * rest of the letter, its JSON escapes and the files' names.
     */
    int maxBodyBytes() {
        long files = (attachments.maxTotalBytes() + 2L) / 3 * 4;
        long rest = 6L * (maxContentChars + maxTitleChars + maxNameChars) + 1024L * (attachments.maxFiles() + 16);
        return (int) Math.min(Integer.MAX_VALUE, files + rest);
    }

    /** This configuration with other limits of letters by mail (tests). */
    public LettersConfig withMailLimits(MailLimits m) {
        return new LettersConfig(maxTitleChars, maxContentChars, maxNameChars, nameRequiredFor, maxLookupChars,
                createRateLimit, attachments, m);
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be in [" + min + "," + max + "], got " + value);
        }
    }
}
