package org.wenzheng.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

/**
 * Splits a document body into citable passages. A body with article lines (第X条, 第X条之一 at the
 * start of a line) becomes one passage per article, each knowing the chapter/section path above
 * it. Any other body becomes one passage per headed section, with long sections cut at paragraph
 * boundaries so that a passage stays readable as an answer.
 */
final class PassageSplitter {
    /** The article label at the start of a line, as in 第一百二十三条 or 第十条之一. */
    static final Pattern ARTICLE = Pattern.compile(
            "^(第[零〇一二三四五六七八九十百千万两0-9０-９]{1,12}条(?:之[一二三四五六七八九十]{1,3})?)[\\s\\u3000]*");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");

    /** Sections longer than this many characters are cut at paragraph boundaries. */
    static final int MAX_SECTION_CHARS = 600;

    private PassageSplitter() {
    }

    static boolean hasArticles(List<Block> blocks) {
        int n = 0;
        for (Block b : blocks) {
            if (!b.isHeading() && ARTICLE.matcher(b.text()).find() && ++n >= 2) {
                return true;
            }
        }
        return false;
    }

    static List<Passage> split(String documentId, List<Block> blocks, String chapterPrefix) {
        return hasArticles(blocks)
                ? articles(documentId, blocks, chapterPrefix)
                : sections(documentId, blocks, chapterPrefix);
    }

    private static List<Passage> articles(String documentId, List<Block> blocks, String chapterPrefix) {
        List<Passage> out = new ArrayList<>();
        HeadingPath path = new HeadingPath(chapterPrefix);
        String label = null;
        String chapter = "";
        StringBuilder text = new StringBuilder();
        for (Block b : blocks) {
            if (b.isHeading()) {
                label = flushArticle(documentId, out, label, chapter, text);
                path.enter(b.level(), normalizeHeading(b.text()));
                continue;
            }
            Matcher m = ARTICLE.matcher(b.text());
            if (m.find()) {
                flushArticle(documentId, out, label, chapter, text);
                label = m.group(1);
                chapter = path.toString();
                text.append(b.text().substring(m.end()).strip());
            } else if (label != null) {
                text.append('\n').append(b.text());
            }
            // Paragraphs before the first article (a preamble) are not citable articles: dropped.
        }
        flushArticle(documentId, out, label, chapter, text);
        return out;
    }

    private static String flushArticle(
            String documentId, List<Passage> out, String label, String chapter, StringBuilder text) {
        if (label != null && text.length() > 0) {
            out.add(new Passage(documentId + "-" + (out.size() + 1), label, chapter, text.toString(),
                    SearchHit.Kind.ARTICLE));
        }
        text.setLength(0);
        return null;
    }

    private static List<Passage> sections(String documentId, List<Block> blocks, String chapterPrefix) {
        List<Passage> out = new ArrayList<>();
        HeadingPath path = new HeadingPath(chapterPrefix);
        String heading = "";
        String chapter = path.toString();
        StringBuilder text = new StringBuilder();
        for (Block b : blocks) {
            if (b.isHeading()) {
                flushSection(documentId, out, heading, chapter, text);
                path.enter(b.level(), normalizeHeading(b.text()));
                heading = normalizeHeading(b.text());
                chapter = path.parent();
                continue;
            }
            if (text.length() > 0 && text.length() + b.text().length() > MAX_SECTION_CHARS) {
                flushSection(documentId, out, heading, chapter, text);
            }
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(b.text());
        }
        flushSection(documentId, out, heading, chapter, text);
        return out;
    }

    private static void flushSection(
            String documentId, List<Passage> out, String heading, String chapter, StringBuilder text) {
        if (text.length() > 0) {
            out.add(new Passage(documentId + "-" + (out.size() + 1), heading, chapter, text.toString(),
                    SearchHit.Kind.SECTION));
        }
        text.setLength(0);
    }

    static String normalizeHeading(String heading) {
        return SPACES.matcher(heading.strip()).replaceAll(" ");
    }

    /** The stack of headings above the current line, e.g. 第一编 总则 / 第二章 自然人. */
    private static final class HeadingPath {
        private final String prefix;
        private final String[] levels = new String[7];

        HeadingPath(String prefix) {
            this.prefix = prefix;
        }

        void enter(int level, String text) {
            levels[level] = text;
            for (int i = level + 1; i < levels.length; i++) {
                levels[i] = null;
            }
        }

        String parent() {
            StringBuilder sb = new StringBuilder(prefix);
            int deepest = 0;
            for (int i = 1; i < levels.length; i++) {
                if (levels[i] != null) {
                    deepest = i;
                }
            }
            for (int i = 1; i < deepest; i++) {
                append(sb, levels[i]);
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(prefix);
            for (int i = 1; i < levels.length; i++) {
                append(sb, levels[i]);
            }
            return sb.toString();
        }

        private static void append(StringBuilder sb, String level) {
            if (level != null) {
                if (sb.length() > 0) {
                    sb.append(" / ");
                }
                sb.append(level);
            }
        }
    }
}
