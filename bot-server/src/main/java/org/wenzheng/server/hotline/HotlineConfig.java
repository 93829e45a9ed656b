package org.wenzheng.server.hotline;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The hotline (热线): the telephony integrations allowed to report calls, the operators'
 * extensions, and the console's limits. Validated once at start; messages name the key.
 *
 * @param integrations  the systems (PBX/CTI) that report calls on {@code POST /api/v1/calls}, each
 *                      with its own bearer token
 * @param extensions    staff username → extension: the console a call pops up on
 * @param timeZone      where "today" of the operator's call list starts (the office's zone)
 * @param maxTextChars  longest question, answer given or notes of a call log entry
 */
public record HotlineConfig(List<Integration> integrations, Map<String, String> extensions, ZoneId timeZone,
        int maxTextChars) {

    /** The office's zone: mainland China has one. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");
    /** Room for an answer quoting two or three articles with their citation. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 4000;
    /** Longer entries are documents, not a call log. */
    static final int MAX_TEXT_CHARS_LIMIT = 100_000;
    /** 128 bits of base64 or hex at least: a token shorter than this can be guessed. */
    public static final int MIN_TOKEN_CHARS = 16;
    /** Letters, digits, '_' and '-': a name that reads well in logs and the call table. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** What a PBX dials: digits, and the odd '*', '#' or '-' of a soft-switch. */
    static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#-]{1,32}");

    public static final HotlineConfig DEFAULTS = new HotlineConfig(List.of(), Map.of(), DEFAULT_TIME_ZONE,
            DEFAULT_MAX_TEXT_CHARS);

    /**
     * One telephony system. Exactly one of {@code token} (written in the file) and
     * {@code tokenVariable} (the name of the environment variable holding it) is given.
     */
    public record Integration(String name, String token, String tokenVariable) {
        public Integration {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name must be 1 to 64 lower-case letters, digits, '_' or '-'"
                        + " starting with a letter or digit, got '" + name + "'");
            }
            if ((token == null) == (tokenVariable == null)) {
                throw new IllegalArgumentException("give either token or tokenVariable (the environment variable"
                        + " holding the token)");
            }
            if (token != null && token.strip().length() < MIN_TOKEN_CHARS) {
                throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_CHARS
                        + " characters (a random string: openssl rand -hex 24)");
            }
        }

        @Override
        public String toString() {
            return "Integration[name=" + name + (tokenVariable == null ? "" : ", tokenVariable=" + tokenVariable) + "]";
        }
    }

    public HotlineConfig {
        integrations = List.copyOf(Objects.requireNonNull(integrations, "integrations"));
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(timeZone, "timeZone");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < integrations.size(); i++) {
            if (!names.add(integrations.get(i).name())) {
                throw new IllegalArgumentException("integrations[" + i + "].name '" + integrations.get(i).name()
                        + "' is used twice");
            }
        }
        Map<String, String> byExtension = new HashMap<>();
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            if (e.getValue() == null || !EXTENSION.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("extensions." + e.getKey() + " must be 1 to 32 digits, letters,"
                        + " '*', '#' or '-', got '" + e.getValue() + "'");
            }
            String other = byExtension.put(e.getValue(), e.getKey());
            if (other != null) {
                throw new IllegalArgumentException("extensions: " + e.getValue() + " is given to both " + other
                        + " and " + e.getKey());
            }
        }
        extensions = Map.copyOf(extensions);
        if (maxTextChars < 1 || maxTextChars > MAX_TEXT_CHARS_LIMIT) {
            throw new IllegalArgumentException("maxTextChars must be in [1," + MAX_TEXT_CHARS_LIMIT + "], got "
                    + maxTextChars);
        }
    }

    /** The staff username the extension belongs to. */
    public Optional<String> operatorOf(String extension) {
        for (Map.Entry<String, String> e : extensions.entrySet()) {
            if (e.getValue().equals(extension)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Each integration's token by name, reading {@code tokenVariable}s from the environment.
     *
     * @throws IllegalArgumentException naming the integration when its variable is unset or its
     *                                  token too short
     */
    Map<String, String> tokens(Function<String, Optional<String>> variables) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < integrations.size(); i++) {
            Integration in = integrations.get(i);
            String token = in.token();
            if (token == null) {
                String key = "hotline.integrations[" + i + "].tokenVariable";
                token = variables.apply(in.tokenVariable()).orElseThrow(() -> new IllegalArgumentException(key
                        + ": the environment variable " + in.tokenVariable() + " is not set"));
                if (token.strip().length() < MIN_TOKEN_CHARS) {
                    throw new IllegalArgumentException(key + ": the token in " + in.tokenVariable()
                            + " must be at least " + MIN_TOKEN_CHARS + " characters");
                }
            }
            out.put(in.name(), token.strip());
        }
        return out;
    }
}
