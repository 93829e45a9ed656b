package org.wenzheng.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class TermLookupTest {
    private static final List<String> TERMS = List.of("押金", "退还", "出租人", "只在第二段", "哪里都没有");

    /** Two segments (terms missing from one of them) and a deleted document, as a real index has. */
    private static Directory index() throws IOException {
        Directory dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer())
                .setMergePolicy(NoMergePolicy.INSTANCE))) {
            add(w, "1", "出租人 应当 退还 押金 押金");
            add(w, "2", "承租人 支付 押金");
            add(w, "3", "出租人 维修 租赁物");
            w.commit();
            add(w, "4", "退还 押金 只在第二段");
            add(w, "5", "出租人 退还");
            w.deleteDocuments(new Term("id", "2"));
            w.commit();
        }
        return dir;
    }

    private static void add(IndexWriter w, String id, String text) throws IOException {
        Document d = new Document();
        d.add(new StringField("id", id, Field.Store.NO));
        d.add(new TextField("body", text, Field.Store.NO));
        w.addDocument(d);
    }

    private static Query query(List<TermQuery> clauses) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        float boost = 1;
        for (TermQuery t : clauses) {
            q.add(new BoostQuery(t, boost), BooleanClause.Occur.SHOULD);
            boost += 0.5f;
        }
        return q.build();
    }

    @Test
    void aQueryWithLookedUpStatisticsScoresExactlyLikeOneLuceneLooksUpItself() throws IOException {
        try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
            assertThat(reader.leaves()).hasSize(2);
            IndexSearcher searcher = new IndexSearcher(reader);
            TermLookup lookup = new TermLookup(searcher).add("body", TERMS);

            TopDocs ours = searcher.search(query(TERMS.stream().map(t -> lookup.query("body", t)).toList()), 10);
            TopDocs lucene = searcher.search(query(TERMS.stream().map(t -> new TermQuery(new Term("body", t))).toList()), 10);

            assertThat(ours.scoreDocs).hasSize(4);
            assertThat(ours.scoreDocs).hasSameSizeAs(lucene.scoreDocs);
            for (int i = 0; i < ours.scoreDocs.length; i++) {
                ScoreDoc a = ours.scoreDocs[i];
                ScoreDoc b = lucene.scoreDocs[i];
                assertThat(a.doc).isEqualTo(b.doc);
                assertThat(a.score).isEqualTo(b.score);
            }
            assertThat(lookup.query("body", "押金").getTermStates()).isNotNull();
        }
    }

    @Test
    void documentFrequenciesAreTheReadersCountingDeletedDocuments() throws IOException {
        try (Directory dir = index(); DirectoryReader reader = DirectoryReader.open(dir)) {
            TermLookup lookup = new TermLookup(new IndexSearcher(reader)).add("body", TERMS);

            for (String t : TERMS) {
                assertThat(lookup.docFreq("body", t)).as(t).isEqualTo(reader.docFreq(new Term("body", t)));
            }
            assertThat(lookup.docFreq("body", "押金")).isEqualTo(3);
            assertThat(lookup.docFreq("body", "哪里都没有")).isZero();
            // A term never looked up is counted by the reader.
            assertThat(lookup.docFreq("body", "维修")).isEqualTo(1);
            assertThat(lookup.query("body", "维修").getTermStates()).isNull();
        }
    }
}
