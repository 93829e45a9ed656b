package org.wenzheng.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;

/**
 * The JSON shapes of {@code --json} output. Kept apart from the engine's records so that the
 * published format changes only on purpose: dates as ISO text, status as its Chinese label.
 */
final class JsonViews {
    /** Configured once, never changed: safe to share. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonViews() {
    }

    record CitationView(String title, String article, String chapter, String docNumber, String issuer, String date,
            String status, String url, String documentId, String passageId, String display) {
        static CitationView of(Citation c) {
            return new CitationView(c.title(), c.article(), c.chapter(), c.docNumber(), c.issuer(),
                    c.date() == null ? null : c.date().toString(), c.status().label(), c.url(), c.documentId(),
                    c.passageId(), c.display());
        }
    }

    record SnippetView(String text, List<Snippet.Highlight> highlights) {
        static SnippetView of(Snippet s) {
            return new SnippetView(s.text(), s.highlights());
        }
    }

    /**
     * @param nextTo      for an article listed as the neighbour of one of the best matches, that match's label
     * @param explanation with {@code search --explain} only (left out otherwise)
     */
    record HitView(int rank, String kind, CitationView citation, String text, SnippetView snippet, double score,
            String nextTo, @JsonInclude(JsonInclude.Include.NON_NULL) ExplanationView explanation) {
    }

    /** The signals' parts in a hit's score, their total (the score) and how the hit was placed. */
    record ExplanationView(List<Explanation.Contribution> signals, double total, String order) {
        static ExplanationView of(Explanation e) {
            return new ExplanationView(e.contributions(), e.total(), e.order());
        }
    }

    record SearchView(String query, List<HitView> hits) {
    }

    record AnswerView(String question, boolean answered, String answer, double confidence, String source,
            List<CitationView> citations, List<HitView> candidates) {
    }

    static List<HitView> hits(List<SearchHit> hits) {
        List<HitView> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            out.add(hit(out.size() + 1, h, null));
        }
        return out;
    }

    private static HitView hit(int rank, SearchHit h, ExplanationView explanation) {
        return new HitView(rank, h.kind().name(), CitationView.of(h.citation()), h.text(), SnippetView.of(h.snippet()),
                h.score(), h.nextTo(), explanation);
    }

    static SearchView search(String query, List<SearchHit> hits) {
        return new SearchView(query, hits(hits));
    }

    static SearchView explained(String query, List<Explanation> explained) {
        List<HitView> out = new ArrayList<>(explained.size());
        for (Explanation e : explained) {
            out.add(hit(out.size() + 1, e.hit(), ExplanationView.of(e)));
        }
        return new SearchView(query, out);
    }

    static AnswerView answer(String question, Answer a) {
        return new AnswerView(question, a.answered(), a.text(), a.confidence(),
                a.source() == null ? null : a.source().name(),
                a.citations().stream().map(CitationView::of).toList(), hits(a.candidates()));
    }

    /** One line of JSON. */
    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
