package org.wenzheng.knowledge.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;

/**
 * Folds the text variants that lay questions and official texts disagree on: full-width and
 * half-width forms (ＡＢＣ１２３ → ABC123, half-width katakana) and Traditional characters to
 * Simplified (離婚 → 离婚). The Traditional→Simplified table is ICU's transliteration taken
 * character by character (exact for the one-to-one cases that make up nearly all of the
 * difference), shipped as a resource kept equal to ICU by a test, so analysis is a cheap
 * char-map lookup and start-up does not pay for the transliteration.
 */
public final class ChineseNormalizer {
    private static final String TABLE = "t2s.txt";
    /** Fullwidth ASCII variants (！ to ～), folded to basic Latin by {@link CJKWidthCharFilter}. */
    private static final int FULLWIDTH_ASCII_FIRST = 0xFF01;
    private static final int FULLWIDTH_ASCII_LAST = 0xFF5E;
    private static final int FULLWIDTH_OFFSET = 0xFEE0;
    /** Half-width katakana and their voiced marks: folded with context by {@link CJKWidthCharFilter}. */
    private static final int HALFWIDTH_KANA_FIRST = 0xFF61;
    private static final int HALFWIDTH_KANA_LAST = 0xFF9F;

    private static final NormalizeCharMap TRADITIONAL_TO_SIMPLIFIED;
    /**
     * What the two char filters make of each char on its own (width folding, then the table).
     * Both map one char to one char, except half-width katakana, whose voiced marks combine with
     * the char before them: strings holding those (or surrogates) take the filters themselves.
     */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = (char) (c >= FULLWIDTH_ASCII_FIRST && c <= FULLWIDTH_ASCII_LAST ? c - FULLWIDTH_OFFSET : c);
        }
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = (char) c;
        }
        readTable(builder, table);
        TRADITIONAL_TO_SIMPLIFIED = builder.build();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = table[FOLD[c]];
        }
    }

    private ChineseNormalizer() {
    }

    /** Wraps a reader with width folding and Traditional→Simplified mapping. */
    public static Reader wrap(Reader reader) {
        return new MappingCharFilter(TRADITIONAL_TO_SIMPLIFIED, new CJKWidthCharFilter(reader));
    }

    /**
     * Normalizes a whole string the same way analysis does (for matching phrases in questions).
     * Char by char through a table when the string has no half-width katakana or surrogates (the
     * question and every passage shown with an answer go through here, and the filters cost
     * several times more); {@code ChineseNormalizerTest} checks both ways agree on every char.
     */
    public static String normalize(String text) {
        char[] out = new char[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            if (c >= HALFWIDTH_KANA_FIRST && c <= HALFWIDTH_KANA_LAST || Character.isSurrogate(c)) {
                return normalizeWithFilters(text);
            }
            out[i] = FOLD[c];
        }
        return new String(out).toLowerCase(java.util.Locale.ROOT);
    }

    /** {@link #normalize} through the char filters themselves. */
    static String normalizeWithFilters(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        try (Reader r = wrap(new java.io.StringReader(text))) {
            char[] buf = new char[256];
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading from a string cannot fail", e);
        }
        return sb.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static void readTable(NormalizeCharMap.Builder builder, char[] table) {
        try (InputStream in = ChineseNormalizer.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.length() == 3 && line.charAt(1) == ' ') {
                    builder.add(line.substring(0, 1), line.substring(2));
                    table[line.charAt(0)] = line.charAt(2);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
    }
}
