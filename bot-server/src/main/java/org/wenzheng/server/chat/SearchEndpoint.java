package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /api/v1/search?q=…&limit=10}: ranked passages with highlighted snippets, for
 * operators. Its staff counterpart {@code GET /api/v1/staff/search} (behind the guard) answers the
 * same, and with {@code explain=true} adds to each hit why it ranked where it did: the ranking
 * signals' raw values, weights and contributions. Explanations show how the engine weighs what it
 * learned from earlier questions, so they are for staff only: the open search refuses
 * {@code explain=true}.
 */
final class SearchEndpoint implements Endpoint {
    /** Hits when no limit is given: one screen. */
    static final int DEFAULT_LIMIT = 10;
    /** Where staff ask for explanations. */
    public static final String STAFF_PATH = "/api/v1/staff/search";

    /** {@code q} as a person names it. */
    private static final String QUERY_LABEL = "搜索内容";

    private final KnowledgeBase knowledge;
    private final int maxQueryChars;
    private final int maxResults;

    public SearchEndpoint(KnowledgeBase knowledge, int maxQueryChars, int maxResults) {
        this.knowledge = knowledge;
        this.maxQueryChars = maxQueryChars;
        this.maxResults = maxResults;
    }

    /** A search as asked: the query, the most hits, and whether each is to be explained. */
    private record Query(String q, int limit, boolean explain) {
    }

    @Override
    public Reply handle(Request request) {
        Query query = query(request);
        if (query.explain()) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                    "explain=true is for staff: " + STAFF_PATH);
        }
        return Reply.blocking(() -> respond(query));
    }

    /**
     * The staff search, for a request the guard admitted (on a worker thread: it searches at once).
     *
     * @throws ApiException for a missing, blank or too long {@code q}, or a bad {@code limit} or {@code explain}
     */
    public Response staff(Request request) {
        return respond(query(request));
    }

    private Response respond(Query query) {
        return Response.json(HttpResponseStatus.OK, query.explain()
                ? Views.SearchView.explained(knowledge.explain(query.q(), query.limit()))
                : Views.SearchView.of(knowledge.search(query.q(), query.limit())));
    }

    private Query query(Request request) {
        String q = InputText.clean(request.queryParam("q")
                .orElseThrow(() -> ApiException.invalidField("q", InputText.required(QUERY_LABEL))));
        if (q.isBlank()) {
            throw ApiException.invalidField("q", InputText.required(QUERY_LABEL));
        }
        if (q.length() > maxQueryChars) {
            throw ApiException.invalidField("q", InputText.tooLong(QUERY_LABEL, maxQueryChars, q.length()));
        }
        int limit = request.queryParam("limit").map(this::limit).orElse(Math.min(DEFAULT_LIMIT, maxResults));
        boolean explain = request.queryParam("explain").map(SearchEndpoint::explain).orElse(false);
        return new Query(q, limit, explain);
    }

    private static boolean explain(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField("explain", InputText.yesOrNo("是否附评分明细"));
        };
    }

    private int limit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("limit", InputText.wholeNumber(InputText.LIMIT_LABEL, 1, maxResults));
        }
        if (n < 1 || n > maxResults) {
            throw ApiException.invalidField("limit", InputText.wholeNumber(InputText.LIMIT_LABEL, 1, maxResults));
        }
        return n;
    }
}
