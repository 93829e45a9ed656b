package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.netty.ServerConfig;

/** {@code GET /api/v1/chat/hot} over a real port, counted from conversations in the server's database. */
class HotQuestionsHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Assembly assembly;

    @AfterEach
    void stop() {
        if (assembly != null) {
            assembly.server().stop();
        }
    }

    private URI start(Database database) throws Exception {
        AnswerOnlyEngine engine = new AnswerOnlyEngine() {
            @Override
            public Answer answer(String question) {
                throw new UnsupportedOperationException("not asked here");
            }
        };
        assembly = Assembly.builder(ServerConfig.defaults(500, 10).withPort(0), engine, database)
                .chat(ChatConfig.DEFAULTS.withHotQuestions(new ChatConfig.HotQuestions(2, 28, 2,
                        java.time.Duration.ofMinutes(5))))
                .build();
        return URI.create("http://127.0.0.1:" + assembly.server().start().getPort());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageGetsTheQuestionsAskedInSeveralConversationsHottestFirst() throws Exception {
        Database database = Database.open(DatabaseConfig.defaults(work));
        ConversationStore store = new ConversationStore(database, Clock.systemUTC());
        String[][] conversations = {{"社保怎么转移"}, {"社保怎么转移"}, {"社保怎么转移"}, {"居住证怎么办理"}, {"居住证怎么办理"},
                {"只问过一次的问题"}};
        for (String[] questions : conversations) {
            store.appendExchange(null, "web", NewMessage.citizen(questions[0]),
                    q -> NewMessage.bot("答复", true, 0.9, null, q.seq()));
        }
        URI base = start(database);

        HttpResponse<String> all = get(base.resolve("/api/v1/chat/hot"));
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(all.body());
        assertThat(body.get("questions").findValuesAsText("question")).containsExactly("社保怎么转移", "居住证怎么办理");
        assertThat(body.get("questions").get(0).get("conversations").asInt()).isEqualTo(3);

        JsonNode one = JSON.readTree(get(base.resolve("/api/v1/chat/hot?limit=1")).body());
        assertThat(one.get("questions").findValuesAsText("question")).containsExactly("社保怎么转移");
    }

    @Test
    void aLimitBeyondTheConfiguredOneIsRefusedWithAnInvalidField() throws Exception {
        URI base = start(Database.open(DatabaseConfig.defaults(work)));

        for (String bad : new String[] {"3", "0", "many"}) {
            HttpResponse<String> r = get(base.resolve("/api/v1/chat/hot?limit=" + bad));
            assertThat(r.statusCode()).as("limit=" + bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("invalid_field");
        }
    }
}
