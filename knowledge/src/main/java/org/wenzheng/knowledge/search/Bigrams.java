package org.wenzheng.knowledge.search;

import java.util.HashSet;
import java.util.Set;

/** Character-bigram sets and their Dice overlap: a cheap, analyzer-free similarity of two short questions. */
final class Bigrams {
    private Bigrams() {
    }

    static Set<String> of(String normalized) {
        Set<String> out = new HashSet<>();
        char prev = 0;
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                prev = 0;
                continue;
            }
            if (prev != 0) {
                out.add(new String(new char[] {prev, c}));
            }
            prev = c;
        }
        return out;
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
