package org.wenzheng.knowledge.ingest;

import java.util.List;
import org.wenzheng.knowledge.DocumentMetadata;

/**
 * What a format parser reads out of one file, before it is split into passages.
 *
 * @param title    official title
 * @param part     a part of a document published in several files (民法典 合同编), else empty
 * @param metadata what the file itself says about the document
 * @param blocks   the body as headings and paragraphs
 */
record ParsedDocument(String title, String part, DocumentMetadata metadata, List<Block> blocks) {
}
