package org.wenzheng.server.privacy;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * A text folded for finding personal data in it, with the way back to the original: each
 * character of the folded text knows which characters of the original it came from, so that what
 * is found in the folded text can be replaced in the original, the rest of it untouched.
 *
 * <p>Folded: full-width and other compatibility forms to their plain form (NFKC, one character
 * at a time: １３８ to 138, ＠ to @, （ to (); digits of any script and the Chinese numerals
 * 〇零一二三四五六七八九, their financial forms 壹贰叁…, ○ and 幺 (1 as read out on the phone) to
 * ASCII digits; every space (U+3000, NBSP, U+2006 …) and tab to a space, line breaks kept; every
 * dash (‐ – — − －) to '-'; the dots 。 · ・ ‧ • to '.'. Dropped: invisible characters (format
 * characters such as U+200B, U+2060, U+FEFF and the soft hyphen, and combining marks), which
 * would otherwise split a number into pieces that look harmless.
 */
final class NormalizedText {
    private static final String NUMERALS = "〇零○一壹幺二贰三叁四肆五伍六陆七柒八捌九玖";
    private static final String NUMERAL_VALUES = "0001112233445566778899";
    private static final String DOTS = "\u3002\uFF61\u00B7\u2022\u2027\u30FB\uFF65\u2219\u22C5";

    private final String text;
    /** The folded text with the Chinese numerals as written (陆 and 伍 are surnames, too). */
    private final String words;
    /** For each folded character: where its original character starts and ends. */
    private final int[] from;
    private final int[] to;
    /** For each folded character: whether it was a Chinese numeral. */
    private final boolean[] numeral;

    private NormalizedText(String text, String words, int[] from, int[] to, boolean[] numeral) {
        this.text = text;
        this.words = words;
        this.from = from;
        this.to = to;
        this.numeral = numeral;
    }

    static NormalizedText of(String original) {
        int n = original.length();
        StringBuilder sb = new StringBuilder(n);
        StringBuilder words = new StringBuilder(n);
        // NFKC may lengthen a character (⑩ is 10), hence room to grow.
        int[] from = new int[n + 8];
        int[] to = new int[n + 8];
        boolean[] numeral = new boolean[n + 8];
        for (int i = 0; i < n; ) {
            int cp = original.codePointAt(i);
            int end = i + Character.charCount(cp);
            String folded = fold(cp);
            boolean isNumeral = NUMERALS.indexOf(cp) >= 0;
            for (int k = 0; k < folded.length(); k++) {
                int at = sb.length();
                if (at == from.length) {
                    from = Arrays.copyOf(from, at * 2);
                    to = Arrays.copyOf(to, at * 2);
                    numeral = Arrays.copyOf(numeral, at * 2);
                }
                sb.append(folded.charAt(k));
                words.append(isNumeral ? (char) cp : folded.charAt(k));
                from[at] = i;
                to[at] = end;
                numeral[at] = isNumeral;
            }
            i = end;
        }
        return new NormalizedText(sb.toString(), words.toString(), from, to, numeral);
    }

    private static String fold(int cp) {
        if (cp < 0x80) {
            return cp == '\t' ? " " : Character.toString(cp);
        }
        int numeral = NUMERALS.indexOf(cp);
        if (numeral >= 0) {
            return String.valueOf(NUMERAL_VALUES.charAt(numeral));
        }
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            // Unified ideographs are their own NFKC form: the bulk of a Chinese text costs nothing more.
            return Character.toString(cp);
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return "";
        }
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            return "\n";
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return " ";
        }
        if (type == Character.DASH_PUNCTUATION || cp == 0x2212 || cp == 0x2043) {
            return "-";
        }
        if (DOTS.indexOf(cp) >= 0) {
            return ".";
        }
        if (Character.isDigit(cp)) {
            return String.valueOf(Character.forDigit(Character.digit(cp, 10), 10));
        }
        String nfkc = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        for (int k = 0; k < nfkc.length(); k++) {
            char c = nfkc.charAt(k);
            if (Character.isDigit(c)) {
                out.append(Character.forDigit(Character.digit(c, 10), 10));
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (Character.getType(c) == Character.DASH_PUNCTUATION) {
                out.append('-');
            } else if (Character.getType(c) != Character.FORMAT) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The folded text. */
    String text() {
        return text;
    }

    /**
     * The folded text with the Chinese numerals as written: for names and places, the same
     * positions as {@link #text()}.
     */
    String words() {
        return words;
    }

    int length() {
        return text.length();
    }

    char charAt(int i) {
        return text.charAt(i);
    }

    /** Where the original character of folded character i starts. */
    int from(int i) {
        return from[i];
    }

    /** Where the original character of folded character i ends. */
    int to(int i) {
        return to[i];
    }

    /** Whether folded character i was a Chinese numeral (一, 〇, 幺 …). */
    boolean numeral(int i) {
        return numeral[i];
    }
}
