package org.wenzheng.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * A published document split into citable passages.
 *
 * @param id       stable id derived from where the document was read from
 * @param title    official title
 * @param metadata catalogue metadata
 * @param source   where it was read from (a path relative to its source folder), for error messages
 * @param passages its passages in document order
 */
public record Document(String id, String title, DocumentMetadata metadata, String source, List<Passage> passages) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(source, "source");
        passages = List.copyOf(passages);
    }

    /** The citation of one of this document's passages. */
    public Citation citation(Passage p) {
        DocumentMetadata m = metadata;
        return new Citation(id, p.id(), title, p.label(), p.chapter(), m.docNumber(), m.issuer(), m.date(),
                m.status() == null ? DocumentStatus.IN_FORCE : m.status(), m.url());
    }
}
