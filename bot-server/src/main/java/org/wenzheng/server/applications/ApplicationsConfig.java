package org.wenzheng.server.applications;

import java.nio.file.Path;
import java.util.Objects;
import org.wenzheng.server.netty.ServerConfig;

/**
 * Applications for disclosure (依申请公开, {@code applications:} in {@code config/wenzheng.yaml}),
 * checked once at start.
 *
 * @param keyFile         the AES key that encrypts identity document numbers: 32 random bytes,
 *                        Base64, made on first start (owner-only permissions) when missing. Losing
 *                        it makes the stored numbers unreadable; back it up apart from the database
 * @param maxRequestChars longest description of the information requested
 * @param maxTextChars    longest name, organisation, address or 文号/title
 * @param maxLookupChars  how much of the description the bot looks up to route the application:
 *                        the knowledge engine's question limit
 * @param createRateLimit applications one client address may send, per minute and in a burst
 */
public record ApplicationsConfig(Path keyFile, int maxRequestChars, int maxTextChars, int maxLookupChars,
        ServerConfig.RateLimit createRateLimit) {
    /** Name of the key file inside the data folder, by default. */
    public static final String KEY_FILE = "applications.key";
    public static final int DEFAULT_MAX_REQUEST_CHARS = 2000;
    public static final int DEFAULT_MAX_TEXT_CHARS = 100;
    /** The widths of V17's text columns: no configuration goes beyond them. */
    static final int TEXT_COLUMN_CHARS = 200;
    static final int REQUEST_COLUMN_CHARS = 10_000;
    /** Three a minute, three at once: a citizen applies once, a script many times. */
    public static final ServerConfig.RateLimit DEFAULT_CREATE_RATE_LIMIT = new ServerConfig.RateLimit(3, 3);

    public ApplicationsConfig {
        Objects.requireNonNull(keyFile, "applications.keyFile");
        check("applications.maxRequestChars", maxRequestChars, 1, REQUEST_COLUMN_CHARS);
        check("applications.maxTextChars", maxTextChars, 1, TEXT_COLUMN_CHARS);
        check("applications.maxLookupChars", maxLookupChars, 1, 100_000);
        if (createRateLimit == null) {
            throw new IllegalArgumentException("applications.createRateLimit is missing");
        }
    }

    /** The defaults, with the key in {@code dataDir}, looking up at most {@code maxLookupChars}. */
    public static ApplicationsConfig defaults(Path dataDir, int maxLookupChars) {
        return new ApplicationsConfig(dataDir.resolve(KEY_FILE), DEFAULT_MAX_REQUEST_CHARS, DEFAULT_MAX_TEXT_CHARS,
                maxLookupChars, DEFAULT_CREATE_RATE_LIMIT);
    }

    /** This configuration with another creation rate limit (tests). */
    public ApplicationsConfig withCreateRateLimit(ServerConfig.RateLimit r) {
        return new ApplicationsConfig(keyFile, maxRequestChars, maxTextChars, maxLookupChars, r);
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be in [" + min + "," + max + "], got " + value);
        }
    }
}
