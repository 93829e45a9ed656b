package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * The statistics of a question's terms, looked up for all terms of a field at once with one terms
 * enumerator per segment, and handed to the {@link TermQuery}s built from them. Lucene's own
 * lookup when a query's weight is created ({@code TermStates.build}) opens a fresh enumerator for
 * every term and segment; a question has 30 to 60 word and bigram terms, and those lookups were
 * about a sixth of {@code answer()} (measured with JFR). The statistics are the same, so scores
 * are the same to the last bit.
 *
 * <p>One lookup belongs to one searcher (one point-in-time view) and one query; it is not shared
 * between threads.
 */
final class TermLookup {
    private final IndexSearcher searcher;
    private final IndexReaderContext top;
    private final Map<Term, TermStates> states = new HashMap<>();

    TermLookup(IndexSearcher searcher) {
        this.searcher = searcher;
        this.top = searcher.getTopReaderContext();
    }

    /** Looks up the terms of {@code field} not looked up yet. */
    TermLookup add(String field, Collection<String> terms) throws IOException {
        List<Term> missing = new ArrayList<>(terms.size());
        for (String t : terms) {
            Term term = new Term(field, t);
            if (!states.containsKey(term)) {
                states.put(term, new TermStates(top));
                missing.add(term);
            }
        }
        if (missing.isEmpty()) {
            return this;
        }
        // In term order, so that each seek of the shared enumerator moves forward.
        missing.sort((a, b) -> a.bytes().compareTo(b.bytes()));
        for (LeafReaderContext leaf : top.leaves()) {
            Terms fieldTerms = leaf.reader().terms(field);
            if (fieldTerms == null) {
                continue;
            }
            TermsEnum te = fieldTerms.iterator();
            for (Term term : missing) {
                BytesRef bytes = term.bytes();
                if (te.seekExact(bytes)) {
                    states.get(term).register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
                }
            }
        }
        return this;
    }

    /** A query for the term, carrying its statistics when they were looked up. */
    TermQuery query(String field, String text) {
        Term term = new Term(field, text);
        TermStates s = states.get(term);
        return s == null ? new TermQuery(term) : new TermQuery(term, s);
    }

    /** Documents containing the term (deleted ones included, as {@code IndexReader.docFreq}). */
    int docFreq(String field, String text) throws IOException {
        TermStates s = states.get(new Term(field, text));
        return s == null ? searcher.getIndexReader().docFreq(new Term(field, text)) : s.docFreq();
    }
}
