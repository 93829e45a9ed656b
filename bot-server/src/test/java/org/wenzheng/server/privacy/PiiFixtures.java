package org.wenzheng.server.privacy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The personal data fixtures of the masking tests: {@code pii-variants.txt} (personal data written
 * every way citizens write it, with how it must be shown) and {@code pii-negatives.txt} (numbers
 * that are not personal data and must stay as they are).
 */
public final class PiiFixtures {
    /** Between two cases joined into one text: not a separator of numbers, names or addresses. */
    public static final String BETWEEN = "；";

    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");

    private PiiFixtures() {
    }

    /** A case: text with personal data, and the same text as it must be shown. */
    public record Variant(String input, String masked) {
        @Override
        public String toString() {
            return visible(input);
        }
    }

    /** Every case of pii-variants.txt, in file order. */
    public static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        for (String line : lines("/pii-variants.txt")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException("pii-variants.txt: no TAB in '" + line + "'");
            }
            out.add(new Variant(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1))));
        }
        return out;
    }

    /** Every line of pii-negatives.txt. */
    public static List<String> negatives() {
        return lines("/pii-negatives.txt").stream().map(PiiFixtures::unescape).toList();
    }

    /**
     * The variants joined with {@link #BETWEEN} into texts of at most maxChars characters (a
     * question has a length limit), each group in file order.
     */
    public static List<List<Variant>> chunks(int maxChars) {
        List<List<Variant>> out = new ArrayList<>();
        List<Variant> current = new ArrayList<>();
        int length = 0;
        for (Variant v : variants()) {
            int more = v.input().length() + BETWEEN.length();
            if (!current.isEmpty() && length + more > maxChars) {
                out.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(v);
            length += more;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The inputs of these variants as one text. */
    public static String input(List<Variant> chunk) {
        return String.join(BETWEEN, chunk.stream().map(Variant::input).toList());
    }

    /** The masked forms of these variants as one text: what the input must be shown as. */
    public static String masked(List<Variant> chunk) {
        return String.join(BETWEEN, chunk.stream().map(Variant::masked).toList());
    }

    /** A text with its invisible and unusual space characters written as \\uXXXX, for messages. */
    public static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp != ' ' && (type == Character.FORMAT || type == Character.SPACE_SEPARATOR
                    || type == Character.CONTROL)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = PiiFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(sb).toString();
    }
}
