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
    private static final NormalizeCharMap TRADITIONAL_TO_SIMPLIFIED = buildMap();

    private ChineseNormalizer() {
    }

    /** Wraps a reader with width folding and Traditional→Simplified mapping. */
    public static Reader wrap(Reader reader) {
        return new MappingCharFilter(TRADITIONAL_TO_SIMPLIFIED, new CJKWidthCharFilter(reader));
    }

    /** Normalizes a whole string the same way analysis does (for matching phrases in questions). */
    public static String normalize(String text) {
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

    private static NormalizeCharMap buildMap() {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        try (InputStream in = ChineseNormalizer.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TABLE);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.length() == 3 && line.charAt(1) == ' ') {
                    builder.add(line.substring(0, 1), line.substring(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TABLE, e);
        }
        return builder.build();
    }
}
