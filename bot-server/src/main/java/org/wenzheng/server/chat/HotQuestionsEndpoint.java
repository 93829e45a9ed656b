package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /api/v1/chat/hot?limit=n}: the 热点问题 for the chat page, hottest first, at most
 * {@code limit} (1 to {@code chat.hotQuestions.limit}, which is also the default).
 */
final class HotQuestionsEndpoint implements Endpoint {
    static final String PATH = "/api/v1/chat/hot";

    private final HotQuestions hot;

    HotQuestionsEndpoint(HotQuestions hot) {
        this.hot = hot;
    }

    /** The body: {@code {"questions":[{"question":"…","conversations":5}, …]}}. */
    record View(List<HotQuestions.Hot> questions) {
    }

    @Override
    public Reply handle(Request request) {
        int limit = request.queryParam("limit").map(this::limit).orElse(hot.maxLimit());
        return Reply.blocking(() -> Response.json(HttpResponseStatus.OK, new View(hot.top(limit))));
    }

    private int limit(String text) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("limit", InputText.wholeNumber(InputText.LIMIT_LABEL, 1, hot.maxLimit()));
        }
        if (n < 1 || n > hot.maxLimit()) {
            throw ApiException.invalidField("limit", InputText.wholeNumber(InputText.LIMIT_LABEL, 1, hot.maxLimit()));
        }
        return n;
    }
}
