package org.wenzheng.knowledge.analysis;

import com.ibm.icu.text.Transliterator;
import java.io.Reader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;

/**
 * Folds the text variants that lay questions and official texts disagree on: full-width and
 * half-width forms (ＡＢＣ１２３ → ABC123, half-width katakana) and Traditional characters to
 * Simplified (離婚 → 离婚). The Traditional→Simplified table is derived once from ICU's
 * transliterator, character by character, which is exact for the one-to-one cases that make up
 * nearly all of the difference and keeps analysis a cheap char-map lookup.
 */
public final class ChineseNormalizer {
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
        Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        StringBuilder block = new StringBuilder();
        // Transliterating a whole block at once is far faster than one call per character;
        // a separator keeps the positions aligned in case a character maps to several.
        for (int c = 0x3400; c <= 0x9FFF; c++) {
            block.append((char) c).append('\n');
        }
        String[] out = t2s.transliterate(block.toString()).split("\n", -1);
        int c = 0x3400;
        for (int i = 0; i < out.length && c <= 0x9FFF; i++, c++) {
            String mapped = out[i];
            if (mapped.length() == 1 && mapped.charAt(0) != c) {
                builder.add(String.valueOf((char) c), mapped);
            }
        }
        return builder.build();
    }
}
