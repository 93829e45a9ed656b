package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BytesRef;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.index.Fields;

/**
 * What the ranking looks up per passage, read once from the keyword fields of an index
 * generation into arrays by doc id: its law, chapter, document and position in the document,
 * and the in-force passages of each article key. Immutable once read.
 */
final class IndexTables {
    private static final int[] NONE = new int[0];

    /** Article key → in-force passage doc ids. */
    private final Map<String, int[]> docsByKey = new HashMap<>();
    /** Law ordinal of each passage doc id, and the law title keys by ordinal (in term order). */
    private final int[] lawOfDoc;
    private final Map<String, Integer> lawOrdinal = new LinkedHashMap<>();
    private final List<String> lawTitles;
    /** Chapter ordinal of each passage doc id. */
    private final int[] chapterOfDoc;
    private final Map<String, Integer> chapterOrdinal = new HashMap<>();
    /** Document ordinal and position in its document of each passage doc id: its neighbours. */
    private final int[] documentOfDoc;
    private final int[] ordinalOfDoc;
    private final int documents;

    IndexTables(DirectoryReader reader) throws IOException {
        int maxDoc = reader.maxDoc();
        lawOfDoc = new int[maxDoc];
        chapterOfDoc = new int[maxDoc];
        documentOfDoc = new int[maxDoc];
        ordinalOfDoc = new int[maxDoc];
        documents = read(reader);
        lawTitles = List.copyOf(lawOrdinal.keySet());
    }

    /** Reads the keyword fields; returns the number of documents. */
    private int read(DirectoryReader reader) throws IOException {
        Set<Integer> inForceDocs = new HashSet<>();
        Map<String, List<Integer>> keys = new HashMap<>();
        int documentCount = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            Terms status = leaf.reader().terms(Fields.STATUS);
            if (status != null) {
                TermsEnum te = status.iterator();
                if (te.seekExact(new BytesRef(DocumentStatus.IN_FORCE.name()))) {
                    PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        inForceDocs.add(leaf.docBase + d);
                    }
                }
            }
            readOrdinals(leaf, Fields.LAW, lawOrdinal, lawOfDoc);
            readOrdinals(leaf, Fields.CHAPTER_KEY, chapterOrdinal, chapterOfDoc);
            Terms document = leaf.reader().terms(Fields.DOCUMENT_ID);
            if (document != null) {
                TermsEnum te = document.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; documentCount++) {
                    pe = te.postings(pe, PostingsEnum.NONE);
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        documentOfDoc[leaf.docBase + d] = documentCount;
                    }
                }
            }
            NumericDocValues ordinal = leaf.reader().getNumericDocValues(Fields.ORDINAL);
            if (ordinal != null) {
                for (int d; (d = ordinal.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                    ordinalOfDoc[leaf.docBase + d] = (int) ordinal.longValue();
                }
            }
            Terms key = leaf.reader().terms(Fields.ARTICLE_KEY);
            if (key != null) {
                TermsEnum te = key.iterator();
                PostingsEnum pe = null;
                for (BytesRef t; (t = te.next()) != null; ) {
                    pe = te.postings(pe, PostingsEnum.NONE);
                    List<Integer> list = null;
                    for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                        if (inForceDocs.contains(leaf.docBase + d)) {
                            if (list == null) {
                                list = keys.computeIfAbsent(t.utf8ToString(), k -> new ArrayList<>(1));
                            }
                            list.add(leaf.docBase + d);
                        }
                    }
                }
            }
        }
        keys.forEach((k, v) -> docsByKey.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return documentCount;
    }

    /**
     * Numbers each term of a keyword field in the order first met ({@code ordinals}) and writes
     * each passage's number into {@code ofDoc}.
     */
    private static void readOrdinals(LeafReaderContext leaf, String field, Map<String, Integer> ordinals, int[] ofDoc)
            throws IOException {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
            return;
        }
        TermsEnum te = terms.iterator();
        PostingsEnum pe = null;
        for (BytesRef t; (t = te.next()) != null; ) {
            int ord = ordinals.computeIfAbsent(t.utf8ToString(), k -> ordinals.size());
            pe = te.postings(pe, PostingsEnum.NONE);
            for (int d; (d = pe.nextDoc()) != DocIdSetIterator.NO_MORE_DOCS; ) {
                ofDoc[leaf.docBase + d] = ord;
            }
        }
    }

    /** The in-force passages of an article key, in doc id order; empty when the index holds none. */
    int[] docs(String articleKey) {
        return docsByKey.getOrDefault(articleKey, NONE);
    }

    /** The law ordinal of a passage. */
    int law(int doc) {
        return lawOfDoc[doc];
    }

    /** The ordinal of a law title key, or -1 when no passage has it. */
    int lawOrdinal(String title) {
        Integer ord = lawOrdinal.get(title);
        return ord == null ? -1 : ord;
    }

    /** The title key of a law ordinal. */
    String lawTitle(int ordinal) {
        return lawTitles.get(ordinal);
    }

    /** The title keys of the laws, by ordinal. */
    List<String> lawTitles() {
        return lawTitles;
    }

    /** How many laws there are: ordinals run from 0 to this, excluded. */
    int laws() {
        return lawTitles.size();
    }

    /** The chapter ordinal of a passage. */
    int chapter(int doc) {
        return chapterOfDoc[doc];
    }

    /** Documents in the index. */
    int documents() {
        return documents;
    }

    /**
     * The passage {@code offset} places after {@code doc} in the same document, or -1. A document's
     * passages are indexed as one block, so their doc ids are consecutive in passage order.
     */
    int neighbour(int doc, int offset) {
        int n = doc + offset;
        return n >= 0 && n < documentOfDoc.length && documentOfDoc[n] == documentOfDoc[doc]
                && ordinalOfDoc[n] == ordinalOfDoc[doc] + offset ? n : -1;
    }
}
