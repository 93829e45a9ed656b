package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.wenzheng.knowledge.Snippet;
import org.wenzheng.knowledge.analysis.ChineseNormalizer;

/**
 * Picks the window of a passage that matches the query best and marks the matched terms. Lucene's
 * highlighters mark the terms of one analyzed field; our queries mix word, bigram and synonym
 * terms from four fields over one stored text, so we match their surface strings on the
 * normalized text instead (normalization maps character to character, so offsets line up).
 */
final class Highlighter {
    /** Characters in a snippet. */
    static final int WINDOW = 120;

    private Highlighter() {
    }

    static Snippet snippet(String text, Collection<String> terms) {
        String norm = ChineseNormalizer.normalize(text);
        boolean aligned = norm.length() == text.length();
        boolean[] hit = new boolean[text.length()];
        if (aligned) {
            for (String t : terms) {
                if (t.isEmpty()) {
                    continue;
                }
                for (int at = norm.indexOf(t); at >= 0; at = norm.indexOf(t, at + 1)) {
                    for (int i = at; i < at + t.length(); i++) {
                        hit[i] = true;
                    }
                }
            }
        }
        int start = 0;
        if (text.length() > WINDOW) {
            int best = -1;
            int count = 0;
            for (int i = 0; i < WINDOW; i++) {
                count += hit[i] ? 1 : 0;
            }
            best = count;
            for (int i = WINDOW; i < text.length(); i++) {
                count += (hit[i] ? 1 : 0) - (hit[i - WINDOW] ? 1 : 0);
                if (count > best) {
                    best = count;
                    start = i - WINDOW + 1;
                }
            }
            if (start > 0) {
                // The best window ends at its last match. Start it at its first match instead, moved
                // back to the start of that sentence only as far as keeps the last match in view.
                int last = start + WINDOW - 1;
                int first = start;
                while (!hit[first]) {
                    first++;
                }
                start = Math.max(sentenceStart(text, Math.min(first, text.length() - WINDOW)), last - WINDOW + 1);
            }
        }
        int end = Math.min(text.length(), start + WINDOW);
        StringBuilder sb = new StringBuilder();
        int offset = 0;
        if (start > 0) {
            sb.append('…');
            offset = 1;
        }
        sb.append(text, start, end);
        if (end < text.length()) {
            sb.append('…');
        }
        List<Snippet.Highlight> ranges = new ArrayList<>();
        for (int i = start; i < end; i++) {
            if (hit[i]) {
                int j = i;
                while (j < end && hit[j]) {
                    j++;
                }
                ranges.add(new Snippet.Highlight(i - start + offset, j - start + offset));
                i = j;
            }
        }
        return new Snippet(sb.toString(), ranges);
    }

    /** Moves a window start back to the start of its sentence when that is close. */
    private static int sentenceStart(String text, int start) {
        for (int i = start; i > Math.max(0, start - 30); i--) {
            char c = text.charAt(i - 1);
            if (c == '。' || c == '；' || c == '\n' || c == '！' || c == '？') {
                return i;
            }
        }
        return start;
    }
}
