package org.wenzheng.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import org.wenzheng.knowledge.DocumentMetadata;

/**
 * Markdown documents: optional YAML front matter between {@code ---} lines, a {@code # } title
 * line, and, in the layout of the national laws database, a second {@code # } line naming the
 * part (民法典 合同编), an adoption history ending at {@code <!-- INFO END -->}, then {@code ##}
 * chapters and {@code ###} sections.
 */
final class MarkdownParser implements FormatParser {
    static final String INFO_END = "<!-- INFO END -->";

    @Override
    public ParsedDocument parse(String source, String content) throws ParseException {
        String[] lines = content.split("\\R", -1);
        int i = 0;
        DocumentMetadata meta = DocumentMetadata.EMPTY;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            int end = 1;
            while (end < lines.length && !lines[end].strip().equals("---")) {
                end++;
            }
            if (end == lines.length) {
                throw new ParseException(source, 1, "front matter opened with '---' is never closed");
            }
            meta = Metadata.fromYaml(source, String.join("\n", java.util.Arrays.asList(lines).subList(1, end)), 2);
            i = end + 1;
        }
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length || !lines[i].startsWith("# ")) {
            throw new ParseException(source, i + 1, "expected a title line starting with '# '");
        }
        String title = PassageSplitter.normalizeHeading(lines[i].substring(2)).replace(" ", "");
        if (title.isEmpty()) {
            throw new ParseException(source, i + 1, "the title line is empty");
        }
        i++;
        int infoEnd = indexOf(lines, i, INFO_END);
        String part = "";
        if (infoEnd >= 0) {
            StringBuilder info = new StringBuilder();
            for (int j = i; j < infoEnd; j++) {
                String line = lines[j].strip();
                if (line.startsWith("# ") && part.isEmpty()) {
                    part = PassageSplitter.normalizeHeading(line.substring(2));
                } else if (!line.isEmpty()) {
                    info.append(line).append('\n');
                }
            }
            meta = Metadata.fromInfoBlock(info.toString()).overriddenBy(meta);
            i = infoEnd + 1;
        }
        List<Block> blocks = new ArrayList<>();
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("<!--")) {
                continue;
            }
            int level = headingLevel(line);
            if (level > 0) {
                blocks.add(Block.heading(level, line.substring(level + 1).strip(), i + 1));
            } else {
                blocks.add(Block.paragraph(line, i + 1));
            }
        }
        return new ParsedDocument(title, part, meta, blocks);
    }

    private static int indexOf(String[] lines, int from, String marker) {
        for (int j = from; j < lines.length; j++) {
            if (lines[j].strip().equals(marker)) {
                return j;
            }
        }
        return -1;
    }

    private static int headingLevel(String line) {
        int n = 0;
        while (n < line.length() && n < 7 && line.charAt(n) == '#') {
            n++;
        }
        return n >= 1 && n <= 6 && line.length() > n && line.charAt(n) == ' ' ? n : 0;
    }
}
