package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;
import org.wenzheng.knowledge.index.Fields;

/**
 * Reads passages back from the index's stored fields into the values the engine returns: hits
 * with their citations and snippets, whole documents, and the texts the confidence and the
 * learned history read.
 */
final class StoredPassages {
    /** The stored fields of a passage's citation. */
    private static final Set<String> CITATION_FIELDS = Set.of(Fields.DOCUMENT_ID, Fields.PASSAGE_ID, Fields.TITLE,
            Fields.LABEL, Fields.CHAPTER, Fields.DOC_NUMBER, Fields.ISSUER, Fields.DATE, Fields.STATUS, Fields.URL);
    /** The stored fields a candidate shows: its citation, text and kind (not category, source, ordinal). */
    private static final Set<String> HIT_FIELDS = Stream.concat(CITATION_FIELDS.stream(),
            Stream.of(Fields.TEXT, Fields.KIND)).collect(Collectors.toUnmodifiableSet());
    /** Most passages of one document read back. */
    private static final int MAX_DOCUMENT_PASSAGES = 100_000;

    private final IndexSearcher searcher;

    StoredPassages(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * A reader of stored fields for several passages: each {@code searcher.storedFields()} is a new
     * reader, which forgets the block it decompressed last, so one is passed to all hits of a list.
     */
    StoredFields storedFields() {
        try {
            return searcher.storedFields();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored fields", e);
        }
    }

    /** A ranked passage as a hit, with the question's highlight terms (worked out once per question). */
    SearchHit hit(Candidate c, StoredFields stored, List<String> highlight) {
        try {
            org.apache.lucene.document.Document d = stored.document(c.doc(), HIT_FIELDS);
            Citation citation = citation(d);
            String text = d.get(Fields.TEXT);
            Snippet snippet = Highlighter.snippet(text, highlight);
            String nextTo = c.nextTo() < 0 ? "" : label(stored, c.nextTo());
            return new SearchHit(SearchHit.Kind.valueOf(d.get(Fields.KIND)), citation, text, snippet, c.score(),
                    nextTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + c.doc(), e);
        }
    }

    /** The article label of a passage (第三十八条). */
    String label(StoredFields stored, int doc) {
        try {
            return stored.document(doc, Set.of(Fields.LABEL)).get(Fields.LABEL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /** The citation of a passage. */
    Citation citation(StoredFields stored, int doc) {
        try {
            return citation(stored.document(doc, CITATION_FIELDS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /** A passage with its title and chapter path: the text whose words an answer must cover. */
    String contextText(int doc) {
        try {
            org.apache.lucene.document.Document d = searcher.storedFields().document(doc,
                    Set.of(Fields.TITLE, Fields.CHAPTER, Fields.TEXT));
            return contextText(d.get(Fields.TITLE), d.get(Fields.CHAPTER), d.get(Fields.TEXT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /** {@link #contextText(int)} of a passage already read as a hit. */
    static String contextText(SearchHit hit) {
        return contextText(hit.citation().title(), hit.citation().chapter(), hit.text());
    }

    private static String contextText(String title, String chapter, String text) {
        return title + "\n" + chapter + "\n" + text;
    }

    /** The article key of a passage (劳动合同法第三十九条). */
    String articleKey(StoredFields stored, int doc) {
        try {
            org.apache.lucene.document.Document d = stored.document(doc, Set.of(Fields.TITLE, Fields.LABEL));
            return ArticleKeys.of(d.get(Fields.TITLE), d.get(Fields.LABEL));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read passage " + doc, e);
        }
    }

    /** The whole document with all its passages in order, or empty when the index has no such document. */
    Optional<Document> document(String documentId) {
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(Fields.DOCUMENT_ID, documentId)),
                    MAX_DOCUMENT_PASSAGES, new Sort(new SortField(Fields.ORDINAL, SortField.Type.INT)));
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            StoredFields stored = searcher.storedFields();
            List<Passage> passages = new ArrayList<>(top.scoreDocs.length);
            org.apache.lucene.document.Document first = null;
            for (ScoreDoc sd : top.scoreDocs) {
                org.apache.lucene.document.Document d = stored.document(sd.doc);
                if (first == null) {
                    first = d;
                }
                passages.add(new Passage(d.get(Fields.PASSAGE_ID), d.get(Fields.LABEL), d.get(Fields.CHAPTER),
                        d.get(Fields.TEXT), SearchHit.Kind.valueOf(d.get(Fields.KIND))));
            }
            return Optional.of(new Document(documentId, first.get(Fields.TITLE), metadata(first),
                    first.get(Fields.SOURCE), passages));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read document " + documentId, e);
        }
    }

    /** The citation of a passage read with (at least) {@link #CITATION_FIELDS}. */
    private static Citation citation(org.apache.lucene.document.Document d) {
        return new Citation(d.get(Fields.DOCUMENT_ID), d.get(Fields.PASSAGE_ID), d.get(Fields.TITLE),
                d.get(Fields.LABEL), d.get(Fields.CHAPTER), d.get(Fields.DOC_NUMBER), d.get(Fields.ISSUER),
                date(d.get(Fields.DATE)), DocumentStatus.valueOf(d.get(Fields.STATUS)), d.get(Fields.URL));
    }

    private static DocumentMetadata metadata(org.apache.lucene.document.Document d) {
        return new DocumentMetadata(d.get(Fields.DOC_NUMBER), d.get(Fields.ISSUER), date(d.get(Fields.DATE)),
                d.get(Fields.CATEGORY), DocumentStatus.valueOf(d.get(Fields.STATUS)), d.get(Fields.URL));
    }

    private static LocalDate date(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        // The indexer writes LocalDate.toString(): yyyy-MM-dd for any year of a law. Read
        // directly; LocalDate.parse's formatter was a seventh of building a candidate.
        if (isoDigits(s)) {
            try {
                return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10),
                        Integer.parseInt(s, 8, 10, 10));
            } catch (java.time.DateTimeException e) {
                // no such day: the formatter reports it
            }
        }
        return LocalDate.parse(s);
    }

    /** Whether {@code s} is dddd-dd-dd. */
    private static boolean isoDigits(String s) {
        if (s.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
