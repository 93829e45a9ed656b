package org.wenzheng.server.faq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
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

    /** The citation fields as a person names them (the form shows 文件名称 and 条款; the rest come from the answer). */
    private static final Map<String, String> CITATION_LABELS = Map.of("title", "文件名称", "article", "条款",
            "docNumber", "文号", "issuer", "发文机关", "date", "日期", "status", "效力状态", "url", "链接",
            "snippet", "摘录", "documentId", "文件编号", "kind", "类型");
    /** A proposal as a message names it. */
    private static final String PROPOSAL = "FAQ 建议";

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
                throw ApiException.invalidField("status", "状态筛选无效：须为待审核、已批准或已驳回");
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
            String question = text(body, "question", "问题", MAX_QUESTION_CHARS);
            List<String> alternatives = alternatives(body);
            String answer = text(body, "answer", "答复", MAX_ANSWER_CHARS);
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
            String reason = text(JsonBodies.object(request), "reason", "驳回理由", MAX_REASON_CHARS);
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
            return change.get().orElseThrow(() -> ApiException.notFound(InputText.noSuch(PROPOSAL, id)));
        } catch (FaqProposalStore.NotPendingException e) {
            FaqProposal p = e.proposal();
            throw ApiException.conflict(PROPOSAL + " #" + p.id() + " 已由 " + p.reviewedBy()
                    + (p.status() == FaqProposal.Status.APPROVED ? " 批准" : " 驳回") + "，不能再修改；请刷新列表");
        }
    }

    private static long id(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound(InputText.noSuch(PROPOSAL, request.pathParam("id")));
        }
    }

    /** A required text field of the review form, named as the form labels it. */
    private static String text(ObjectNode body, String field, String label, int max) {
        String v = AccountsApi.required(body, field, label).strip();
        if (v.length() > max) {
            throw ApiException.invalidField(field, InputText.tooLong(label, max, v.length()));
        }
        return v;
    }

    private static List<String> alternatives(ObjectNode body) {
        JsonNode n = body.get("alternatives");
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > MAX_ALTERNATIVES) {
            throw ApiException.invalidField("alternatives", "其他问法最多 " + MAX_ALTERNATIVES + " 个，每行一个");
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < n.size(); k++) {
            JsonNode a = n.get(k);
            if (!a.isTextual() || a.textValue().length() > MAX_QUESTION_CHARS) {
                throw ApiException.invalidField("alternatives[" + k + "]", "第 " + (k + 1) + " 个其他问法须为不超过 "
                        + MAX_QUESTION_CHARS + " 个字的文字");
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
            throw ApiException.invalidField("citations", "出处最多 " + MAX_CITATIONS + " 条");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int k = 0; k < n.size(); k++) {
            JsonNode c = n.get(k);
            if (!c.isObject() || !c.path("title").isTextual() || c.path("title").textValue().isBlank()) {
                throw ApiException.invalidField("citations[" + k + "].title", "第 " + (k + 1) + " 条出处须填写文件名称");
            }
            ObjectNode kept = out.addObject();
            for (String f : CITATION_FIELDS) {
                JsonNode v = c.get(f);
                if (v == null || v.isNull()) {
                    continue;
                }
                if (!v.isTextual() || v.textValue().length() > MAX_CITATION_FIELD_CHARS) {
                    throw ApiException.invalidField("citations[" + k + "]." + f, "第 " + (k + 1) + " 条出处的"
                            + CITATION_LABELS.get(f) + "须为不超过 " + MAX_CITATION_FIELD_CHARS + " 个字的文字");
                }
                kept.put(f, v.textValue().strip());
            }
        }
        return out.toString();
    }
}
