package org.wenzheng.knowledge.ingest;

/** Reads one document format into headings and paragraphs. */
interface FormatParser {
    /**
     * @param source  the file name, for error messages
     * @param content the whole file as text
     * @throws ParseException naming the file (and line) when the content is not a document
     */
    ParsedDocument parse(String source, String content) throws ParseException;
}
