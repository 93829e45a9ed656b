package org.wenzheng.server.faq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.AccountsApi;
import org.wenzheng.server.staff.Guard;

/**
 * FAQ 审核: the review of FAQ entries proposed from answered tickets, under
 * {@code /api/v1/admin/faq-proposals}. An approved proposal is stored as approved and put into the
 * served knowledge base at once (the next similar question is answered, no restart), and the
 * engine learns its question and phrasings with the articles it cites (a later question in other
 * words finds them too); approved proposals are given to it again at every start and after every
 * re-index ({@link #approved}).
 */
final class FaqReviewApi {
    /** Longest question or alternative phrasing: a long citizen question, as the knowledge engine's default. */
    static final int MAX_QUESTION_CHARS = 500;
    /** Longest answer: an officer's reply of several paragraphs. */
    static final int MAX_ANSWER_CHARS = 10_000;
    static final int MAX_ALTERNATIVES = 20;
    static final int MAX_CITATIONS = 20;
    /** Longest citation field (a title, a URL). */
    static final int MAX_CITATION_FIELD_CHARS = 500;
    /** Longest rejection reason: the column's width. */
    static final int MAX_REASON_CHARS = 1000;
    /** Proposals listed at most per status. */
    static final int MAX_LISTED = 200;
    /**
     * The citation fields kept from an edit: those of the ask API's citations, and the document id
     * and kind the tickets side stores with a ticket's candidates.
     */
    static final List<String> CITATION_FIELDS = List.of("title", "article", "docNumber", "issuer", "date", "status",
            "url", "snippet", "documentId", "kind");

    static final String APPROVED = "faq_proposal_approved";
    static final String REJECTED = "faq_proposal_rejected";
    static final String EDITED = "faq_proposal_edited";

    private final FaqProposalStore proposals;
    private final AccountStore audit;
    private final KnowledgeBase knowledge;
    /** Held while an approval reaches the knowledge base, and while a re-index swaps it: none is lost between. */
    private final Object knowledgeLock;

    public FaqReviewApi(FaqProposalStore proposals, AccountStore audit, KnowledgeBase knowledge, Object knowledgeLock) {
        this.proposals = Objects.requireNonNull(proposals, "proposals");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.knowledgeLock = Objects.requireNonNull(knowledgeLock, "knowledgeLock");
    }

    /** A proposal as the review page shows it. */
    record ProposalView(long id, String ticketCode, String question, List<String> alternatives, String answer,
            JsonNode citations, String department, String status, String createdAt, String reviewedBy,
            String reviewedAt, String faqId, String rejectReason) {
        static ProposalView of(FaqProposal p) {
            return new ProposalView(p.id(), p.ticketCode(), p.question(), p.alternatives(), p.answer(),
                    parsedCitations(p.citationsJson()), p.department(), p.status().id(), p.createdAt().toString(),
                    p.reviewedBy(), p.reviewedAt() == null ? null : p.reviewedAt().toString(), p.faqId(),
                    p.rejectReason());
        }
    }

    record ProposalList(List<ProposalView> proposals) {
    }

    /** The FAQ entries of every approved proposal, for a knowledge base opened now. */
    public ApprovedAnswers approved() {
        return new ApprovedAnswers(proposals.approved().stream().map(FaqReviewApi::entry).toList());
    }

    /** {@code GET /api/v1/admin/faq-proposals?status=pending|approved|rejected} (pending by default), oldest first. */
    public Guard.StaffEndpoint list() {
        return (request, session) -> {
            String text = request.queryParam("status").orElse(FaqProposal.Status.PENDING.id());
            FaqProposal.Status status;
            try {
                status = FaqProposal.Status.of(text);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField(e.getMessage());
            }
            return Response.json(HttpResponseStatus.OK, new ProposalList(proposals.list(status, MAX_LISTED).stream()
                    .map(ProposalView::of).toList()));
        };
    }

    /** {@code POST /api/v1/admin/faq-proposals/{id}} {@code {question, alternatives, answer, citations}}: an edit. */
    public Guard.StaffEndpoint edit() {
        return (request, session) -> {
            long id = id(request);
            ObjectNode body = JsonBodies.object(request);
            String question = text(body, "question", MAX_QUESTION_CHARS);
            List<String> alternatives = alternatives(body);
            String answer = text(body, "answer", MAX_ANSWER_CHARS);
            String citations = citations(body);
            FaqProposal p = decided(() -> proposals.edit(id, question, alternatives, answer, citations), id);
            audit.audit(session.account().id(), session.account().username(), EDITED, request.clientIp(),
                    "#" + id + " (" + p.ticketCode() + ")");
            return Response.json(HttpResponseStatus.OK, ProposalView.of(p));
        };
    }

    /** {@code POST /api/v1/admin/faq-proposals/{id}/approve}: searchable at once. */
    public Guard.StaffEndpoint approve() {
        return (request, session) -> {
            long id = id(request);
            FaqProposal p;
            synchronized (knowledgeLock) {
                p = decided(() -> proposals.approve(id, session.account().username(), faqId(id)), id);
                new ApprovedAnswers(List.of(entry(p))).teach(knowledge);
            }
            audit.audit(session.account().id(), session.account().username(), APPROVED, request.clientIp(),
                    "#" + id + " (" + p.ticketCode() + ") as " + p.faqId());
            return Response.json(HttpResponseStatus.OK, ProposalView.of(p));
        };
    }

    /** {@code POST /api/v1/admin/faq-proposals/{id}/reject} {@code {reason}}. */
    public Guard.StaffEndpoint reject() {
        return (request, session) -> {
            long id = id(request);
            String reason = text(JsonBodies.object(request), "reason", MAX_REASON_CHARS);
            FaqProposal p = decided(() -> proposals.reject(id, session.account().username(), reason), id);
            audit.audit(session.account().id(), session.account().username(), REJECTED, request.clientIp(),
                    "#" + id + " (" + p.ticketCode() + ")");
            return Response.json(HttpResponseStatus.OK, ProposalView.of(p));
        };
    }

    /** The id of the FAQ entry a proposal becomes: stable, so a second put replaces rather than duplicates. */
    static String faqId(long proposalId) {
        return "proposal-" + proposalId;
    }

    /** A proposal as an FAQ entry: its citations become the entry's sources (《title》article). */
    static FaqEntry entry(FaqProposal p) {
        List<String> sources = new ArrayList<>();
        for (JsonNode c : parsedCitations(p.citationsJson())) {
            if (c.isTextual()) {
                sources.add(c.textValue());
            } else if (c.isObject()) {
                String title = c.path("title").asText("");
                String article = c.path("article").asText("");
                if (!title.isEmpty()) {
                    sources.add("《" + title + "》" + article);
                }
            }
        }
        return new FaqEntry(p.faqId() == null ? faqId(p.id()) : p.faqId(), p.question(), p.alternatives(), p.answer(),
                sources, p.department());
    }

    private static JsonNode parsedCitations(String json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return n != null && n.isArray() ? n : Json.MAPPER.createArrayNode();
        } catch (JsonProcessingException e) {
            // Written by the tickets side; a broken value is shown as none rather than failing the review.
            return Json.MAPPER.createArrayNode();
        }
    }

    private static FaqProposal decided(Supplier<Optional<FaqProposal>> change, long id) {
        try {
            return change.get().orElseThrow(() -> ApiException.notFound("no FAQ proposal has the id " + id));
        } catch (FaqProposalStore.NotPendingException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, ErrorCodes.CONFLICT, e.getMessage());
        }
    }

    private static long id(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no FAQ proposal has the id " + request.pathParam("id"));
        }
    }

    private static String text(ObjectNode body, String field, int max) {
        String v = AccountsApi.required(body, field).strip();
        if (v.length() > max) {
            throw ApiException.invalidField(field + " must be at most " + max + " characters");
        }
        return v;
    }

    private static List<String> alternatives(ObjectNode body) {
        JsonNode n = body.get("alternatives");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > MAX_ALTERNATIVES) {
            throw ApiException.invalidField("alternatives must be a list of at most " + MAX_ALTERNATIVES + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : n) {
            if (!a.isTextual() || a.textValue().length() > MAX_QUESTION_CHARS) {
                throw ApiException.invalidField("alternatives must be strings of at most " + MAX_QUESTION_CHARS
                        + " characters");
            }
            if (!a.textValue().isBlank()) {
                out.add(a.textValue().strip());
            }
        }
        return out;
    }

    /** The citations as JSON to store: objects with a title and only the ask API's fields, all strings. */
    private static String citations(ObjectNode body) {
        JsonNode n = body.get("citations");
        if (n == null || n.isNull()) {
            return "[]";
        }
        if (!n.isArray() || n.size() > MAX_CITATIONS) {
            throw ApiException.invalidField("citations must be a list of at most " + MAX_CITATIONS + " objects");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode c : n) {
            if (!c.isObject() || !c.path("title").isTextual() || c.path("title").textValue().isBlank()) {
                throw ApiException.invalidField("citations must be objects with a title");
            }
            ObjectNode kept = out.addObject();
            for (String f : CITATION_FIELDS) {
                JsonNode v = c.get(f);
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.isTextual() || v.textValue().length() > MAX_CITATION_FIELD_CHARS) {
                    throw ApiException.invalidField("citations[]." + f + " must be a string of at most "
                            + MAX_CITATION_FIELD_CHARS + " characters");
                }
                kept.put(f, v.textValue().strip());
            }
        }
        return out.toString();
    }
}
