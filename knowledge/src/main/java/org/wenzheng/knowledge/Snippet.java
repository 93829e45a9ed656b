package org.wenzheng.knowledge;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A short excerpt of a passage with the ranges that matched the query. Kept as plain text plus
 * ranges so that each front end escapes and marks it its own way (HTML, terminal, JSON).
 */
public record Snippet(String text, List<Highlight> highlights) {

    /** A matched range [start, end) in {@link #text}. */
    public record Highlight(int start, int end) {
    }

    public Snippet {
        highlights = List.copyOf(highlights);
    }

    /**
     * Renders the snippet, escaping every piece of text with {@code escape} and wrapping each
     * highlight in {@code open}/{@code close}, e.g. {@code render("<mark>", "</mark>", Html::escape)}.
     */
    public String render(String open, String close, UnaryOperator<String> escape) {
        StringBuilder sb = new StringBuilder(text.length() + highlights.size() * (open.length() + close.length()));
        int at = 0;
        for (Highlight h : highlights) {
            sb.append(escape.apply(text.substring(at, h.start())));
            sb.append(open).append(escape.apply(text.substring(h.start(), h.end()))).append(close);
            at = h.end();
        }
        sb.append(escape.apply(text.substring(at)));
        return sb.toString();
    }
}
