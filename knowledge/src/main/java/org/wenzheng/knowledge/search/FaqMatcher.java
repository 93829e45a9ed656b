package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

/**
 * The FAQ entries and the matching of questions against their phrasings: an in-memory index
 * finds the candidate phrasings, and the bigram overlap (Dice) of the closest phrasing is an
 * entry's similarity. Entries are added or replaced at run time; thread-safe.
 */
final class FaqMatcher implements AutoCloseable {
    /** FAQ entries this similar to the query are listed above passages in a search. */
    static final double SEARCH_SIMILARITY = 0.3;
    /** Document ids of FAQ entries: the prefix and the entry's id, so citations can be opened. */
    static final String DOCUMENT_PREFIX = "faq:";
    /** Phrasings consulted per FAQ entry asked for. */
    private static final int PHRASINGS_PER_ENTRY = 4;

    private final QueryAnalyzer queries;
    private final QuestionIndex index;
    private final Map<String, FaqEntry> entries = new ConcurrentHashMap<>();

    FaqMatcher(QueryAnalyzer queries, Analyzer words, Analyzer bigrams) {
        this.queries = queries;
        this.index = new QuestionIndex(words, bigrams);
    }

    /** An FAQ entry matching a question, with the similarity of its closest phrasing. */
    record Match(FaqEntry entry, double similarity) {
    }

    /** Adds or replaces entries (by id); searchable at once. */
    void put(List<FaqEntry> added) {
        for (FaqEntry e : added) {
            entries.put(e.id(), e);
            List<String> phrasings = new ArrayList<>();
            phrasings.add(e.question());
            phrasings.addAll(e.alternatives());
            index.put(e.id(), phrasings.stream().map(queries::clean).toList());
        }
        index.refresh();
    }

    int size() {
        return entries.size();
    }

    /** The best {@code limit} entries for the question, most similar first. */
    List<Match> matches(QueryPlan plan, int limit) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Set<String> mine = Bigrams.of(plan.cleaned());
        Map<String, Double> best = new LinkedHashMap<>();
        for (QuestionIndex.Match m : index.search(plan, limit * PHRASINGS_PER_ENTRY, 1.0)) {
            best.merge(m.group(), Bigrams.dice(mine, Bigrams.of(m.question())), Math::max);
        }
        List<Match> out = new ArrayList<>();
        best.forEach((id, sim) -> {
            FaqEntry e = entries.get(id);
            if (e != null) {
                out.add(new Match(e, sim));
            }
        });
        out.sort(Comparator.comparingDouble(Match::similarity).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** A match as a hit: its question as the title, its answer (and sources) as the text. */
    SearchHit hit(Match f, List<String> highlight) {
        FaqEntry e = f.entry();
        Citation c = new Citation(DOCUMENT_PREFIX + e.id(), e.id(), title(e), "", "",
                "", e.department(), null, DocumentStatus.IN_FORCE, "");
        return new SearchHit(SearchHit.Kind.FAQ, c, text(e), Highlighter.snippet(e.answer(), highlight),
                f.similarity());
    }

    /** Why an FAQ hit stands where it does: its similarity is its score. */
    static Explanation explain(SearchHit hit) {
        return new Explanation(hit, List.of(new Explanation.Contribution("faqSimilarity", hit.score(), 1,
                hit.score(), "与最接近的问法的二元组重合度（Dice）")), hit.score(),
                "常见问题：相似度不低于 " + SEARCH_SIMILARITY + " 的列在条文之前，按相似度排序");
    }

    /** The entry of an FAQ document id as a document, or empty when the id is not an entry's. */
    Optional<Document> document(String documentId) {
        FaqEntry e = entries.get(documentId.substring(DOCUMENT_PREFIX.length()));
        return Optional.ofNullable(e).map(FaqMatcher::document);
    }

    static boolean isFaqDocument(String documentId) {
        return documentId.startsWith(DOCUMENT_PREFIX);
    }

    /** An FAQ entry shown as a document: its question as the title, its answer and sources as text. */
    private static Document document(FaqEntry e) {
        return new Document(DOCUMENT_PREFIX + e.id(), title(e),
                new DocumentMetadata("", e.department(), null, "常见问题", DocumentStatus.IN_FORCE, ""), "faq",
                List.of(new Passage(e.id(), "", "", text(e), SearchHit.Kind.FAQ)));
    }

    private static String title(FaqEntry e) {
        return "常见问题：" + e.question();
    }

    /** An FAQ entry's answer followed by its sources. */
    private static String text(FaqEntry e) {
        return e.answer() + (e.sources().isEmpty() ? "" : "\n依据：" + String.join("；", e.sources()));
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
