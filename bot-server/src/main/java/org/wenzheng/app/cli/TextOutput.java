package org.wenzheng.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.wenzheng.knowledge.Citation;
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
