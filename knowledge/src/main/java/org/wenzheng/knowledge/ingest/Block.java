package org.wenzheng.knowledge.ingest;

/**
 * A line-level unit of a document body after format-specific parsing: a heading (level 1-6) or a
 * paragraph (level 0).
 */
record Block(int level, String text, int line) {
    static Block heading(int level, String text, int line) {
        return new Block(level, text, line);
    }

    static Block paragraph(String text, int line) {
        return new Block(0, text, line);
    }

    boolean isHeading() {
        return level > 0;
    }
}
