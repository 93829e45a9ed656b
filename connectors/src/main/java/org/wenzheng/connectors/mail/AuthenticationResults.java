package org.wenzheng.connectors.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601): which server checked the mail
 * ({@code authserv-id}) and what each method found, e.g.
 * {@code mx.example.gov.cn; spf=pass smtp.mailfrom=officer@example.gov.cn; dkim=pass header.d=example.gov.cn;
 * dmarc=pass header.from=example.gov.cn}.
 *
 * <p>Only the header a trusted server stamped means anything: a sender can write any
 * Authentication-Results it likes, so callers look at those of a configured authserv-id alone,
 * and that server must remove copies with its id from incoming mail (RFC 8601 §5).
 *
 * @param authservId the checking server's id, as written
 * @param results    the methods' results in order; empty for {@code none}
 */
public record AuthenticationResults(String authservId, List<Result> results) {

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }

    /**
     * What one method found.
     *
     * @param method     lower case, without a version: {@code spf}, {@code dkim}, {@code dmarc}
     * @param result     lower case: {@code pass}, {@code fail}, {@code softfail}, {@code none}, …
     * @param properties by {@code ptype.property}, lower case (e.g. {@code header.d},
     *                   {@code smtp.mailfrom}); values as written
     */
    public record Result(String method, String result, Map<String, String> properties) {
        public Result {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
            properties = Map.copyOf(properties);
        }

        /** A property's value, if present. */
        public Optional<String> property(String name) {
            return Optional.ofNullable(properties.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * Parses a header's value (unfolded). Comments are dropped, quoted values unquoted; a
     * resinfo that is not {@code method=result} is skipped.
     *
     * @return empty when there is no authserv-id
     */
    public static Optional<AuthenticationResults> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<List<String>> segments = segments(value);
        if (segments.isEmpty() || segments.get(0).isEmpty()) {
            return Optional.empty();
        }
        String authservId = segments.get(0).get(0);
        List<Result> results = new ArrayList<>();
        for (List<String> words : segments.subList(1, segments.size())) {
            if (words.isEmpty() || words.get(0).indexOf('=') < 1) {
                continue; // "none", or nothing
            }
            String[] methodSpec = words.get(0).split("=", 2);
            String method = methodSpec[0].split("/", 2)[0].strip().toLowerCase(Locale.ROOT);
            String result = methodSpec[1].strip().toLowerCase(Locale.ROOT);
            Map<String, String> properties = new LinkedHashMap<>();
            for (String word : words.subList(1, words.size())) {
                int eq = word.indexOf('=');
                if (eq < 1) {
                    continue;
                }
                String name = word.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (name.contains(".")) {
                    properties.putIfAbsent(name, word.substring(eq + 1).strip());
                }
            }
            if (!method.isEmpty() && !result.isEmpty()) {
                results.add(new Result(method, result, properties));
            }
        }
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /**
     * The value split at {@code ;} into segments of words ({@code name=value} glued together even
     * with spaces around {@code =}), outside quoted strings and without comments.
     */
    private static List<List<String>> segments(String value) {
        List<List<String>> segments = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        boolean glue = false; // the word ended with '=' or the next starts with it
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (quoted) {
                if (ch == '\\' && i + 1 < value.length()) {
                    word.append(value.charAt(++i));
                } else if (ch == '"') {
                    quoted = false;
                    glue = false; // the quoted string was the value
                } else {
                    word.append(ch);
                }
            } else if (depth > 0) {
                if (ch == '\\') {
                    i++;
                } else if (ch == '(') {
                    depth++;
                } else if (ch == ')') {
                    depth--;
                }
            } else if (ch == '(') {
                depth = 1;
                glue = endWord(words, word, glue);
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ';') {
                endWord(words, word, false);
                segments.add(words);
                words = new ArrayList<>();
                glue = false;
            } else if (ch == '=') {
                if (word.isEmpty() && !words.isEmpty()) {
                    word.append(words.remove(words.size() - 1));
                }
                word.append('=');
                glue = true;
            } else if (Character.isWhitespace(ch)) {
                glue = endWord(words, word, glue);
            } else {
                word.append(ch);
                glue = false;
            }
        }
        endWord(words, word, false);
        segments.add(words);
        return segments;
    }

    /** Ends the word at a space, unless it is a name still waiting for its value after {@code =}. */
    private static boolean endWord(List<String> words, StringBuilder word, boolean glue) {
        if (glue || word.isEmpty()) {
            return glue;
        }
        words.add(word.toString());
        word.setLength(0);
        return false;
    }
}
