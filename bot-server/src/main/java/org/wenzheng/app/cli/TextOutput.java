package org.wenzheng.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;

/**
 * Renders hits for a terminal: highlights in bold when colour is allowed, else in 【】, and
 * document text stripped of control characters so that a document cannot drive the terminal.
 */
final class TextOutput {
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private final boolean color;

    TextOutput(boolean color) {
        this.color = color;
    }

    /** One ranked hit: rank, citation and score; chapter; highlighted snippet. */
    void printHit(PrintWriter out, int rank, SearchHit hit) {
        Citation c = hit.citation();
        out.printf(Locale.ROOT, "%d. %s  [%.2f]%s%n", rank, clean(c.display()), hit.score(),
                hit.nextTo().isEmpty() ? "" : "  （紧邻" + clean(hit.nextTo()) + "）");
        if (!c.chapter().isBlank()) {
            out.println("   " + clean(c.chapter()));
        }
        out.println("   " + snippet(hit.snippet()));
    }

    /**
     * Why a hit ranked where it did, under the hit: one line per signal (name, raw value, weight,
     * contribution, evidence), the total, and how it was placed.
     */
    void printExplanation(PrintWriter out, Explanation e) {
        out.println("   " + left("信号", SIGNAL_COLUMN) + right("原始值", 10) + right("权重", 8) + right("贡献", 10));
        for (Explanation.Contribution c : e.contributions()) {
            out.println("   " + left(c.signal(), SIGNAL_COLUMN) + right(decimal(c.raw(), 4), 10)
                    + right(decimal(c.weight(), 2), 8) + right(decimal(c.contribution(), 4), 10)
                    + (c.detail().isEmpty() ? "" : "  " + clean(c.detail())));
        }
        out.println("   " + left("合计", SIGNAL_COLUMN) + right("", 18) + right(decimal(e.total(), 4), 10));
        out.println("   排序：" + clean(e.order()));
    }

    /** Wide enough for the longest signal name (namedArticle, faqSimilarity). */
    private static final int SIGNAL_COLUMN = 14;

    private static String left(String s, int columns) {
        return s + " ".repeat(Math.max(0, columns - columns(s)));
    }

    private static String right(String s, int columns) {
        return " ".repeat(Math.max(0, columns - columns(s))) + s;
    }

    /** The terminal columns a text takes: two for each Chinese (wide) character. */
    private static int columns(String s) {
        return s.codePoints().map(cp -> cp >= 0x1100 && (cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF
                || cp >= 0xAC00 && cp <= 0xD7A3 || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F
                || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6) ? 2 : 1).sum();
    }

    /** A snippet with its highlights marked. */
    String snippet(Snippet s) {
        return color ? s.render(BOLD, RESET, TextOutput::clean) : s.render("【", "】", TextOutput::clean);
    }

    /** Text fit for one terminal line: control characters (escapes, line breaks) become spaces. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            sb.append(Character.isISOControl(ch) ? ' ' : ch);
        }
        return sb.toString();
    }

    /** Multi-line text: control characters other than line breaks become spaces. */
    static String cleanLines(String s) {
        return s.lines().map(TextOutput::clean).reduce((a, b) -> a + System.lineSeparator() + b).orElse("");
    }

    /** A confidence or ratio as shown to users. */
    static String decimal(double d, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", d);
    }
}
