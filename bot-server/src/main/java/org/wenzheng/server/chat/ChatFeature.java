package org.wenzheng.server.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.Upgrade;
import org.wenzheng.server.staff.Guard;

/**
 * The citizens' questions: {@code POST /api/v1/ask} (answered from the answer cache, each question
 * and its answer stored in the conversation before the answer is sent), {@code GET
 * /api/v1/conversations/{id}}, {@code GET /api/v1/search} (and its staff twin {@value
 * SearchEndpoint#STAFF_PATH}, which explains each hit's score), {@code GET /api/v1/documents/{id}} and
 * its page for citizens {@code /documents/{id}?article=<passageId>} (a citation opened in full), {@code GET
 * /api/v1/chat/settings} (what the chat page shows from the configuration: the office's hotline, and the
 * answer threshold it puts confidence into words by), {@code GET /api/v1/chat/hot} (the 热点问题: the
 * answered questions most asked of late, {@link HotQuestions}), and
 * the chat over WebSocket ({@link #sockets()}, {@value ChatUpgradeHandler#PATH}), whose open
 * connections ({@link ConversationHub}) other features push later messages to.
 */
public final class ChatFeature implements Feature {
    private final ConversationStore conversations;
    private final AskEndpoint ask;
    private final SearchEndpoint search;
    private final DocumentEndpoint documents;
    private final Endpoint documentPage;
    private final Endpoint settings;
    private final HotQuestionsEndpoint hot;
    private final Guard guard;
    private final ChatSockets sockets;

    /**
     * @param server the limits of questions and results, the answer cache, the configured host
     * @param hub    the open chat connections of the server
     * @param guard  the staff sessions, in front of the explaining search
     * @param answerThreshold the knowledge base's confidence needed to answer, in [0,1]
     * @param clock  the wall clock the 热点问题 count their days back from
     */
    public ChatFeature(KnowledgeBase knowledge, ConversationStore conversations, ConversationHub hub, ChatConfig chat,
            ServerConfig server, Guard guard, Executor workers, ServerMetrics metrics, Ticker ticker,
            double answerThreshold, Clock clock) {
        if (!(answerThreshold >= 0 && answerThreshold <= 1)) {
            throw new IllegalArgumentException("answerThreshold must be in [0,1], got " + answerThreshold);
        }
        this.guard = Objects.requireNonNull(guard, "guard");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        AnswerCache answers = new AnswerCache(knowledge, server.answerCache(), ticker, metrics);
        this.ask = new AskEndpoint(answers, conversations, server.maxQuestionChars(), metrics);
        this.search = new SearchEndpoint(knowledge, server.maxQuestionChars(), server.maxResults());
        this.documents = new DocumentEndpoint(knowledge);
        this.documentPage = StaticFiles.file(ChatFeature.class.getClassLoader(), "document.html", Response.HTML);
        Settings pageSettings = new Settings(chat.hotline(), answerThreshold);
        this.hot = new HotQuestionsEndpoint(new HotQuestions(conversations, chat.hotQuestions(), clock, ticker));
        this.settings = request -> Reply.now(Response.json(HttpResponseStatus.OK, pageSettings));
        this.sockets = new ChatSockets(chat, new ChatProtocol(ask, conversations, server.maxQuestionChars()), hub,
                workers, metrics, ticker, server.host());
        metrics.gauge("wenzheng_websocket_sessions", hub::openConnections);
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.post("/api/v1/ask", ask)
                .get("/api/v1/conversations/{id}", new ConversationEndpoint(conversations))
                .secret("/api/v1/conversations/{id}", "id")
                .get("/api/v1/search", search)
                .get(SearchEndpoint.STAFF_PATH, guard.api(Guard.ANY_ROLE, (request, session) -> search.staff(request)))
                .get("/api/v1/documents/{id}", documents)
                .get("/documents/{id}", documentPage)
                .get("/api/v1/chat/settings", settings)
                .get(HotQuestionsEndpoint.PATH, hot);
    }

    /**
     * What the chat page shows from the configuration.
     *
     * @param hotline         the office's telephone number ({@code chat.hotline}); empty for none
     * @param answerThreshold {@code knowledge.answerThreshold}: the page tells a citizen how well an
     *                        answer matched (匹配程度：高 / 中 / 低) against it, not the raw number
     */
    record Settings(String hotline, double answerThreshold) {
    }

    /** The chat's WebSocket, plugged into every connection of the server. */
    public Upgrade sockets() {
        return sockets;
    }
}
