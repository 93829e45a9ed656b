package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.server.netty.FakeTicker;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;

/** The ask path against a real SQLite file: what is stored, and when. */
class AskEndpointTest {
    /** An engine that answers with a fixed answer, or fails while {@code failing} is set. */
    private static final class Engine extends AnswerOnlyEngine {
        volatile boolean failing;

        @Override
        public Answer answer(String question) {
            if (failing) {
                throw new IllegalStateException("the index is unreadable");
            }
            return new Answer(true, "向行政机关提出申请。", 0.8, List.of(), List.of(), SearchHit.Kind.FAQ);
        }
    }

    @TempDir
    Path work;

    private final Engine engine = new Engine();
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private AskEndpoint endpoint(ConversationStore conversations) {
        ServerMetrics metrics = new ServerMetrics();
        AnswerCache cache = new AnswerCache(engine, new ServerConfig.AnswerCache(0, Duration.ofMinutes(1)),
                new FakeTicker(), metrics);
        return new AskEndpoint(cache, conversations, 500, metrics);
    }

    private ConversationStore conversations() {
        database = Database.open(DatabaseConfig.defaults(work));
        return new ConversationStore(database, Clock.systemUTC());
    }

    @Test
    void theQuestionAndItsAnswerAreBothStoredBeforeTheReply() {
        ConversationStore conversations = conversations();

        Views.AnswerView view = endpoint(conversations)
                .answer(new AskRequest("如何申请政府信息公开？", AskRequest.Channel.WEB, null));

        List<Message> stored = conversations.messages(view.session());
        assertThat(stored).extracting(Message::role).containsExactly(Message.Role.CITIZEN, Message.Role.BOT);
        assertThat(stored.get(0).text()).isEqualTo("如何申请政府信息公开？");
        assertThat(stored.get(1).text()).isEqualTo("向行政机关提出申请。");
        assertThat(stored.get(1).replyTo()).isEqualTo(stored.get(0).seq());
    }

    @Test
    void aQuestionWhoseAnsweringFailsIsStillOnRecordInItsConversation() {
        ConversationStore conversations = conversations();
        AskEndpoint ask = endpoint(conversations);
        String session = ask.answer(new AskRequest("第一个问题", AskRequest.Channel.WEB, null)).session();
        engine.failing = true;

        assertThatThrownBy(() -> ask.answer(new AskRequest("第二个问题", AskRequest.Channel.WEB, session)))
                .hasMessage("the index is unreadable");

        assertThat(conversations.messages(session)).extracting(Message::text)
                .containsExactly("第一个问题", "向行政机关提出申请。", "第二个问题");
    }
}
