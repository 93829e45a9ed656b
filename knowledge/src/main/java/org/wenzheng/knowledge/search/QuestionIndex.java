package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A small in-memory index of questions (FAQ questions and their phrasings, or answered
 * questions), each belonging to a group (an FAQ id, an answered-question number). Updates are
 * visible to the next search at once.
 */
final class QuestionIndex implements AutoCloseable {
    private static final String GROUP = "g";
    private static final String WORDS = "w";
    private static final String BIGRAMS = "b";

    /** A matching question. */
    record Match(String group, String question, float score) {
    }

    /** Doc value holding the id of the question in {@link #entries}. */
    private static final String TEXT_ID = "tid";

    /** A question and its group, found by the id in its document's doc values. */
    private record Entry(String group, String question) {
    }

    private final IndexWriter writer;
    private final SearcherManager searchers;
    /**
     * Questions and their groups by id, read without touching stored fields. Replacing a group
     * drops its old entries, so rewriting a group (as document expansion does at every learning)
     * does not accumulate texts.
     */
    private final Map<Integer, Entry> entries = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, List<Integer>> idsByGroup = new java.util.HashMap<>();
    private int nextId;

    QuestionIndex(Analyzer words, Analyzer bigrams) {
        try {
            Analyzer perField = new PerFieldAnalyzerWrapper(words, Map.of(BIGRAMS, bigrams));
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(perField));
            writer.commit();
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to open", e);
        }
    }

    /** Replaces the questions of {@code group}. */
    synchronized void put(String group, List<String> questions) {
        List<Document> docs = new ArrayList<>();
        List<Integer> ids = new ArrayList<>(questions.size());
        for (String q : questions) {
            Document d = new Document();
            d.add(new StringField(GROUP, group, Field.Store.NO));
            d.add(new TextField(WORDS, q, Field.Store.NO));
            d.add(new TextField(BIGRAMS, q, Field.Store.NO));
            int id = nextId++;
            d.add(new org.apache.lucene.document.NumericDocValuesField(TEXT_ID, id));
            entries.put(id, new Entry(group, q));
            ids.add(id);
            docs.add(d);
        }
        try {
            writer.updateDocuments(new Term(GROUP, group), docs);
            List<Integer> replaced = idsByGroup.put(group, ids);
            if (replaced != null) {
                replaced.forEach(entries::remove);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to write", e);
        }
    }

    /** Makes every put so far visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to refresh", e);
        }
    }

    int size() {
        return writer.getDocStats().numDocs;
    }

    /** The questions most similar to the plan's terms, best first. */
    List<Match> search(QueryPlan plan, int limit, double bigramWeight) {
        if (plan.words().isEmpty() && (bigramWeight <= 0 || plan.bigrams().isEmpty())) {
            return List.of();
        }
        try {
            IndexSearcher s = searchers.acquire();
            try {
                TermLookup terms = new TermLookup(s).add(WORDS, plan.words().keySet());
                BooleanQuery.Builder q = new BooleanQuery.Builder();
                for (Map.Entry<String, Integer> e : plan.words().entrySet()) {
                    q.add(new BoostQuery(terms.query(WORDS, e.getKey()), e.getValue()), BooleanClause.Occur.SHOULD);
                }
                if (bigramWeight > 0) {
                    terms.add(BIGRAMS, plan.bigrams().keySet());
                    for (Map.Entry<String, Integer> e : plan.bigrams().entrySet()) {
                        q.add(new BoostQuery(terms.query(BIGRAMS, e.getKey()), (float) (bigramWeight * e.getValue())),
                                BooleanClause.Occur.SHOULD);
                    }
                }
                s.setSimilarity(new BM25Similarity());
                TopDocs top = FirstStage.topDocs(s, q.build(), limit);
                List<Match> out = new ArrayList<>(top.scoreDocs.length);
                List<org.apache.lucene.index.LeafReaderContext> leaves = s.getIndexReader().leaves();
                for (ScoreDoc sd : top.scoreDocs) {
                    org.apache.lucene.index.LeafReaderContext leaf =
                            leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(sd.doc, leaves));
                    org.apache.lucene.index.NumericDocValues ids = leaf.reader().getNumericDocValues(TEXT_ID);
                    // A document replaced since this searcher opened has lost its entry: skipped.
                    Entry e = ids != null && ids.advanceExact(sd.doc - leaf.docBase)
                            ? entries.get((int) ids.longValue()) : null;
                    if (e != null) {
                        out.add(new Match(e.group(), e.question(), sd.score));
                    }
                }
                return out;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory index cannot fail to search", e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
