package org.wenzheng.server.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Entities;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;
import org.wenzheng.server.http.Json;

/**
 * The JSON shapes of the API, kept apart from the engine's records so that the published format
 * changes only on purpose: dates as ISO text, status as its Chinese label (有效, 已修订, 已废止),
 * every citation field present (empty text when unknown, null date when unknown).
 */
final class Views {
    private Views() {
    }

    /**
     * A snippet three ways: the plain text, the highlighted ranges in it (UTF-16 offsets, as
     * JavaScript strings count), and HTML with the text escaped and each range in {@code <mark>}.
     */
    record SnippetView(String text, List<Snippet.Highlight> highlights, String html) {
        static SnippetView of(Snippet s) {
            return new SnippetView(s.text(), s.highlights(), s.render("<mark>", "</mark>", Entities::escape));
        }
    }

    record CitationView(String title, String article, String chapter, String docNumber, String issuer, String date,
            String status, String url, String documentId, String passageId, SnippetView snippet) {
        static CitationView of(Citation c, SnippetView snippet) {
            return new CitationView(c.title(), c.article(), c.chapter(), c.docNumber(), c.issuer(),
                    c.date() == null ? null : c.date().toString(), c.status().label(), c.url(), c.documentId(),
                    c.passageId(), snippet);
        }
    }

    /**
     * A ranked passage or FAQ entry: the citation's fields with its kind, score and full text, and
     * {@code nextTo}: for an article listed because it stands next to one of the best matches, that
     * match's article label (empty otherwise). {@code explanation} only in an explained staff
     * search (left out otherwise).
     */
    record HitView(String kind, double score, String title, String article, String chapter, String docNumber,
            String issuer, String date, String status, String url, String documentId, String passageId, String text,
            SnippetView snippet, String nextTo, @JsonInclude(JsonInclude.Include.NON_NULL) ExplanationView explanation) {
        static HitView of(SearchHit h) {
            return of(h, null);
        }

        static HitView of(SearchHit h, ExplanationView explanation) {
            CitationView c = CitationView.of(h.citation(), SnippetView.of(h.snippet()));
            return new HitView(h.kind().name(), h.score(), c.title(), c.article(), c.chapter(), c.docNumber(),
                    c.issuer(), c.date(), c.status(), c.url(), c.documentId(), c.passageId(), h.text(), c.snippet(),
                    h.nextTo(), explanation);
        }
    }

    /**
     * Why a hit ranked where it did: each signal's {@code signal} name, {@code raw} value,
     * {@code weight}, {@code contribution} and {@code detail}; their {@code total} (the hit's score);
     * and how it was placed ({@code order}).
     */
    record ExplanationView(List<Explanation.Contribution> signals, double total, String order) {
        static ExplanationView of(Explanation e) {
            return new ExplanationView(e.contributions(), e.total(), e.order());
        }
    }

    /**
     * The answer to {@code POST /api/v1/ask}, with the question as asked (so a client can match
     * answers to questions) and the conversation it was stored in ({@code session}: the id to send
     * with the next question, and to read the conversation back). {@code ticket} is null when the
     * question was answered, and {@code {"offered": true}} when it was not: the citizen may hand it
     * to the staff ({@code POST /api/v1/tickets}).
     */
    record AnswerView(String question, boolean answered, String answer, double confidence, String source,
            List<CitationView> citations, List<HitView> candidates, Object ticket, String session) {
        static AnswerView of(String question, Answer a, String session) {
            return new AnswerView(question, a.answered(), a.text(), a.confidence(),
                    a.source() == null ? null : a.source().name(), citationsOf(a),
                    a.candidates().stream().map(HitView::of).toList(), a.answered() ? null : TicketOffer.OFFERED,
                    session);
        }
    }

    /** {@code {"offered": true}}: escalation to the staff is offered for an unanswered question. */
    record TicketOffer(boolean offered) {
        static final TicketOffer OFFERED = new TicketOffer(true);
    }

    /** An answer's citations, each with the snippet of its passage when that is among the candidates. */
    static List<CitationView> citationsOf(Answer a) {
        List<CitationView> citations = new ArrayList<>(a.citations().size());
        for (Citation c : a.citations()) {
            // The cited passage is usually among the candidates: its snippet shows why it was chosen.
            SnippetView snippet = a.candidates().stream()
                    .filter(h -> h.citation().passageId().equals(c.passageId()))
                    .findFirst().map(h -> SnippetView.of(h.snippet())).orElse(null);
            citations.add(CitationView.of(c, snippet));
        }
        return citations;
    }

    /**
     * The sources a citizen was shown with an answer, as stored with the bot's message: the
     * citations when it answered, else the candidates it offered, in the citations' shape.
     */
    static List<CitationView> sourcesShown(Answer a) {
        return a.answered() ? citationsOf(a) : a.candidates().stream()
                .map(h -> CitationView.of(h.citation(), SnippetView.of(h.snippet()))).toList();
    }

    record SearchView(List<HitView> hits) {
        static SearchView of(List<SearchHit> hits) {
            return new SearchView(hits.stream().map(HitView::of).toList());
        }

        static SearchView explained(List<Explanation> hits) {
            return new SearchView(hits.stream().map(e -> HitView.of(e.hit(), ExplanationView.of(e))).toList());
        }
    }

    record PassageView(String id, String label, String chapter, String kind, String text) {
        static PassageView of(Passage p) {
            return new PassageView(p.id(), p.label(), p.chapter(), p.kind().name(), p.text());
        }
    }

    /** A document with all its passages, for opening a citation in full. */
    record DocumentView(String id, String title, String docNumber, String issuer, String date, String category,
            String status, String url, List<PassageView> passages) {
        static DocumentView of(Document d) {
            DocumentMetadata m = d.metadata();
            // Unset status means in force, as in the document's citations.
            DocumentStatus status = m.status() == null ? DocumentStatus.IN_FORCE : m.status();
            return new DocumentView(d.id(), d.title(), m.docNumber(), m.issuer(),
                    m.date() == null ? null : m.date().toString(), m.category(), status.label(), m.url(),
                    d.passages().stream().map(PassageView::of).toList());
        }
    }

    /**
     * One stored message. {@code citations} is the JSON array stored with it (the sources shown, in
     * the shape of an answer's citations), null when none were shown; {@code answered} and
     * {@code confidence} are null except on the bot's messages; {@code replyTo} is the seq of the
     * question a reply answers.
     */
    record MessageView(int seq, String role, String text, Boolean answered, Double confidence, JsonNode citations,
            Integer replyTo, String createdAt) {
        static MessageView of(Message m) {
            return new MessageView(m.seq(), m.role().id(), m.text(), m.answered(), m.confidence(),
                    m.citationsJson() == null ? null : json(m.citationsJson()), m.replyTo(),
                    m.createdAt().toString());
        }

        private static JsonNode json(String text) {
            try {
                return Json.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                // Only the server writes this column: unreadable JSON there is a bug, not bad input.
                throw new IllegalStateException("stored citations are not valid JSON", e);
            }
        }
    }

    /** A conversation with all its messages, oldest first. */
    record ConversationView(String id, String channel, String createdAt, List<MessageView> messages) {
        static ConversationView of(Conversation c, List<Message> messages) {
            return new ConversationView(c.id(), c.channel(), c.createdAt().toString(),
                    messages.stream().map(MessageView::of).toList());
        }
    }
}
