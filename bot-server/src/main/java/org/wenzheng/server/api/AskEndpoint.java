package org.wenzheng.server.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.LogValues;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * {@code POST /api/v1/ask}: a citizen's question answered with citations, or an honest "not
 * sure" with the closest candidates. The body is checked on the event loop; the answer is looked
 * up on a worker.
 */
public final class AskEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(AskEndpoint.class);

    private final AnswerCache answers;
    private final int maxQuestionChars;
    private final ServerMetrics metrics;

    public AskEndpoint(AnswerCache answers, int maxQuestionChars, ServerMetrics metrics) {
        this.answers = answers;
        this.maxQuestionChars = maxQuestionChars;
        this.metrics = metrics;
    }

    @Override
    public Reply handle(Request request) {
        AskRequest ask = AskRequest.parse(JsonBodies.object(request), maxQuestionChars);
        return Reply.blocking(() -> {
            AnswerCache.Lookup found = answers.answer(ask.question());
            metrics.answer(found.answer().answered());
            // The question is the citizen's own text: it is logged masked, never as typed.
            String session = ask.session() == null ? "-" : LogValues.citizenText(ask.session());
            log.info("ask channel={} session={} answered={} confidence={} cached={} question={}",
                    ask.channel().id(), session, found.answer().answered(),
                    String.format(Locale.ROOT, "%.2f", found.answer().confidence()), found.cached(),
                    LogValues.citizenText(ask.question()));
            return Response.json(HttpResponseStatus.OK, Views.AnswerView.of(ask.question(), found.answer()));
        });
    }
}
