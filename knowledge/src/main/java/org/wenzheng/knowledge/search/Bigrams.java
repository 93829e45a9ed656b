package org.wenzheng.knowledge.search;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Character-bigram sets and their Dice overlap: a cheap, analyzer-free similarity of two short questions. */
final class Bigrams {
    private Bigrams() {
    }

    static Set<String> of(String normalized) {
        Set<String> out = new HashSet<>();
        forEach(normalized, code -> out.add(new String(new char[] {(char) (code >>> 16), (char) code})));
        return out;
    }

    /** Each bigram of letters and digits, as first char × 65,536 + second, in order. */
    private static void forEach(String normalized, java.util.function.IntConsumer bigram) {
        char prev = 0;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                prev = 0;
                continue;
            }
            if (prev != 0) {
                bigram.accept(prev << 16 | c);
            }
            prev = c;
        }
    }

    /**
     * The same bigrams as {@link #of} as sorted, distinct codes (first char × 65,536 + second), so
     * that two questions compare without a set of strings each.
     */
    static int[] codes(String normalized) {
        int[] out = new int[Math.max(0, normalized.length() - 1)];
        int[] count = {0};
        forEach(normalized, code -> out[count[0]++] = code);
        int n = count[0];
        Arrays.sort(out, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || out[i] != out[distinct - 1]) {
                out[distinct++] = out[i];
            }
        }
        return Arrays.copyOf(out, distinct);
    }

    /** {@link #dice(Set, Set)} of two {@link #codes} arrays. */
    static double dice(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int common = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (a.length + b.length);
    }

    /** 2|A∩B| / (|A|+|B|), 0 when both are empty. */
    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String s : a.size() <= b.size() ? a : b) {
            if ((a.size() <= b.size() ? b : a).contains(s)) {
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }
}
