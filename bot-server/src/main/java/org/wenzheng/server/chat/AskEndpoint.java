package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.privacy.LogValues;

/**
 * {@code POST /api/v1/ask}: a citizen's question answered with citations, or an honest "not
 * sure" with the closest candidates. The body is checked on the event loop; the rest runs on a
 * worker: the question is answered, then question and answer are stored together in the
 * conversation named by {@code session} (a new one when there is none or it is unknown), committed
 * before the client hears of them; a question whose answering fails is stored alone. The response names the conversation ({@code session}).
 */
public final class AskEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(AskEndpoint.class);

    private final AnswerCache answers;
    private final ConversationStore conversations;
    private final int maxQuestionChars;
    private final ServerMetrics metrics;

    public AskEndpoint(AnswerCache answers, ConversationStore conversations, int maxQuestionChars,
            ServerMetrics metrics) {
        this.answers = answers;
        this.conversations = conversations;
        this.maxQuestionChars = maxQuestionChars;
        this.metrics = metrics;
    }

    @Override
    public Reply handle(Request request) {
        AskRequest ask = AskRequest.parse(JsonBodies.object(request), maxQuestionChars);
        return Reply.blocking(() -> Response.json(HttpResponseStatus.OK, answer(ask)));
    }

    /**
     * Answers the question and stores it with its answer; the body of {@code POST /api/v1/ask}'s
     * response and of the chat's {@code answer} frame. Blocks: call it on a worker.
     */
    Views.AnswerView answer(AskRequest ask) {
        AnswerCache.Lookup found;
        try {
            found = answers.answer(ask.question());
        } catch (RuntimeException e) {
            // A question whose answering fails is still on record (and the client hears of the
            // failure, so it was never acknowledged without being stored).
            try {
                conversations.appendOrStart(ask.session(), ask.channel().id(), NewMessage.citizen(ask.question()));
            } catch (RuntimeException storing) {
                e.addSuppressed(storing);
            }
            throw e;
        }
        Answer a = found.answer();
        metrics.answer(a.answered());
        // Question and answer in one commit, before the client hears of either.
        ConversationStore.Exchange stored = conversations.appendExchange(ask.session(), ask.channel().id(),
                NewMessage.citizen(ask.question()), q -> NewMessage.bot(a.text(), a.answered(), a.confidence(),
                        Json.text(Views.sourcesShown(a)), q.seq()));
        Message question = stored.question();
        String session = question.conversationId();
        // The question is the citizen's own text: it is logged masked, never as typed; the
        // session id lets its holder read the conversation, so only its start is logged.
        log.info("ask channel={} session={} seq={} answered={} confidence={} cached={} question={}",
                ask.channel().id(), LogValues.secret(session), question.seq(), a.answered(),
                String.format(Locale.ROOT, "%.2f", a.confidence()), found.cached(),
                LogValues.citizenText(ask.question()));
        return Views.AnswerView.of(ask.question(), a, session);
    }
}
