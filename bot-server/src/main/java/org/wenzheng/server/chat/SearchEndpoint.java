package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/** {@code GET /api/v1/search?q=…&limit=10}: ranked passages with highlighted snippets, for operators. */
public final class SearchEndpoint implements Endpoint {
    /** Hits when no limit is given: one screen. */
    static final int DEFAULT_LIMIT = 10;

    private final KnowledgeBase knowledge;
    private final int maxQueryChars;
    private final int maxResults;

    public SearchEndpoint(KnowledgeBase knowledge, int maxQueryChars, int maxResults) {
        this.knowledge = knowledge;
        this.maxQueryChars = maxQueryChars;
        this.maxResults = maxResults;
    }

    @Override
    public Reply handle(Request request) {
        String q = InputText.clean(request.queryParam("q")
                .orElseThrow(() -> ApiException.invalidField("q is required")));
        if (q.isBlank()) {
            throw ApiException.invalidField("q must not be blank");
        }
        if (q.length() > maxQueryChars) {
            throw ApiException.invalidField("q must be at most " + maxQueryChars + " characters, got " + q.length());
        }
        int limit = request.queryParam("limit").map(this::limit).orElse(Math.min(DEFAULT_LIMIT, maxResults));
        return Reply.blocking(() -> Response.json(HttpResponseStatus.OK,
                Views.SearchView.of(knowledge.search(q, limit))));
    }

    private int limit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("limit must be a whole number in [1," + maxResults + "]");
        }
        if (n < 1 || n > maxResults) {
            throw ApiException.invalidField("limit must be in [1," + maxResults + "], got " + n);
        }
        return n;
    }
}
