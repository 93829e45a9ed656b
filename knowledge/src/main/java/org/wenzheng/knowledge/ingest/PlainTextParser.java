package org.wenzheng.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.DocumentMetadata;

/**
 * Plain text: the first non-blank line is the title; paragraphs are separated by line breaks.
 * Short lines numbered the way Chinese official texts number their headings (第一章, 一、, （一）)
 * are headings.
 */
final class PlainTextParser implements FormatParser {
    private static final Pattern CHAPTER = Pattern.compile("^第[一二三四五六七八九十百]+[编章]\\s*\\S.*");
    private static final Pattern SECTION = Pattern.compile("^第[一二三四五六七八九十百]+节\\s*\\S.*");
    private static final Pattern LEVEL2 = Pattern.compile("^[一二三四五六七八九十]{1,3}[、.．]\\s*\\S.*");
    private static final Pattern LEVEL3 = Pattern.compile("^[（(][一二三四五六七八九十]{1,3}[）)]\\s*\\S.*");
    /** Longer lines, or lines ending like a sentence, are paragraphs even when numbered. */
    private static final int MAX_HEADING_CHARS = 40;

    @Override
    public ParsedDocument parse(String source, String content) throws ParseException {
        String[] lines = content.split("\\R", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw new ParseException(source, 0, "the file is empty");
        }
        String title = lines[i].strip();
        List<Block> blocks = new ArrayList<>();
        for (i++; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int level = headingLevel(line);
            blocks.add(level > 0 ? Block.heading(level, line, i + 1) : Block.paragraph(line, i + 1));
        }
        return new ParsedDocument(title, "", DocumentMetadata.EMPTY, blocks);
    }

    static int headingLevel(String line) {
        if (line.length() > MAX_HEADING_CHARS || line.endsWith("。") || line.endsWith("；")) {
            return 0;
        }
        if (CHAPTER.matcher(line).matches()) {
            return 2;
        }
        if (SECTION.matcher(line).matches()) {
            return 3;
        }
        if (LEVEL2.matcher(line).matches()) {
            return 2;
        }
        if (LEVEL3.matcher(line).matches()) {
            return 3;
        }
        return 0;
    }
}
