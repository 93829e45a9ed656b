package org.wenzheng.knowledge;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/**
 * The knowledge engine: published documents and FAQ entries in, ranked passages and cited answers
 * out. Thread-safe; open one per index with {@code org.wenzheng.knowledge.engine.KnowledgeBases.open}.
 */
public interface KnowledgeBase extends Closeable {

    /**
     * Ranked passages and FAQ entries for an operator's query, with highlighted snippets.
     *
     * @param limit at most this many hits, 1 to {@link KnowledgeConfig#maxResults()}
     * @throws IllegalArgumentException when the query is blank, too long, or the limit is out of range
     */
    List<SearchHit> search(String query, int limit);

    /**
     * {@link #search}, each hit with why it ranked where it did: every ranking signal's raw value,
     * weight and contribution, summing to the hit's score, and how it was placed. For staff asking
     * about a ranking; slower than a search, which builds no explanation.
     *
     * @throws IllegalArgumentException as {@link #search} does
     */
    List<Explanation> explain(String query, int limit);

    /**
     * Answers a citizen's question, or says honestly that it is not confident, with the best
     * candidates either way. Repealed and superseded documents are never cited as in force.
     *
     * @throws IllegalArgumentException when the question is blank or too long
     */
    Answer answer(String question);

    /**
     * The articles in force that a text names after their law's title (《劳动合同法》第三十八条,
     * 劳动合同法第39条, 第三十八条、第四十六条), in the order named, each once: the sources an
     * officer's answer cites. Articles the index does not hold in force are left out.
     */
    List<Citation> citedArticles(String text);

    /** The whole document with all its passages, for opening a citation. */
    Optional<Document> document(String documentId);

    /**
     * Learns from a question answered by known articles: similar later questions find those
     * articles more easily. Takes effect at once.
     */
    void learn(List<AnsweredQuestion> answered);

    /** Adds or replaces FAQ entries (by id); searchable at once, no restart. */
    void putFaq(List<FaqEntry> entries);

    /**
     * The FAQ entries' sources that name no passage of this knowledge base ("entry id: source"):
     * an FAQ answer cites its entry and each source that resolves (the article with its 文号,
     * issuer, date and status); these it cannot, and indexing reports them.
     */
    List<String> unresolvedFaqSources();

    /** Counts describing what is loaded. */
    Stats stats();

    /** Counts describing what is loaded. */
    record Stats(int documents, int passages, int faqEntries, int answeredQuestions, long indexVersion) {
    }
}
