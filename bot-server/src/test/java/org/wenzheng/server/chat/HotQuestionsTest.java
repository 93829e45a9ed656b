package org.wenzheng.server.chat;

import org.wenzheng.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.netty.FakeTicker;

/**
 * The 热点问题 counted from real conversations: stored through {@link ConversationStore} in a real
 * database, on a clock the test moves.
 */
class HotQuestionsTest {
    private static final ChatConfig.HotQuestions CONFIG = new ChatConfig.HotQuestions(3, 28, 3, Duration.ofMinutes(5));

    @TempDir
    Path work;

    private Database database;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final FakeTicker ticker = new FakeTicker();
    private ConversationStore store;

    @BeforeEach
    void open() {
        database = Database.open(DatabaseConfig.defaults(work));
        store = new ConversationStore(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** One conversation asking each question in turn, each answered (or not) by the bot. */
    private void conversation(boolean answered, String... questions) {
        String id = null;
        for (String q : questions) {
            id = store.appendExchange(id, "web", NewMessage.citizen(q),
                    asked -> NewMessage.bot("答复", answered, answered ? 0.9 : 0.1, null, asked.seq()))
                    .question().conversationId();
        }
    }

    private HotQuestions hot(ChatConfig.HotQuestions config) {
        return new HotQuestions(store, config, clock, ticker);
    }

    @Test
    void traditionalAndSimplifiedWordingsCountAsOneQuestionShownInTheWordingAskedMost() {
        conversation(true, "請問社保怎麼轉移");
        conversation(true, "请问社保怎么转移");
        conversation(true, "请问社保怎么转移");
        conversation(true, "社保怎么转移？");

        assertThat(hot(CONFIG).top(3)).containsExactly(new HotQuestions.Hot("请问社保怎么转移", 4));
    }

    @Test
    void aQuestionAskedInOnlyOneConversationIsNeverShownHoweverOftenItWasAsked() {
        conversation(true, "公积金怎么提取", "公积金怎么提取", "公积金怎么提取", "公积金怎么提取");
        conversation(true, "居住证怎么办理");
        conversation(true, "居住证怎么办理");

        ChatConfig.HotQuestions two = new ChatConfig.HotQuestions(3, 28, 2, Duration.ofMinutes(5));
        assertThat(hot(two).top(3)).extracting(HotQuestions.Hot::question).containsExactly("居住证怎么办理");
    }

    @Test
    void questionsTheBotDidNotAnswerAreNotCounted() {
        for (int i = 0; i < 3; i++) {
            conversation(false, "邻居装修太吵怎么办");
        }
        conversation(true, "居住证怎么办理");
        conversation(true, "居住证怎么办理");
        conversation(true, "居住证怎么办理");

        assertThat(hot(CONFIG).top(3)).extracting(HotQuestions.Hot::question).containsExactly("居住证怎么办理");
    }

    @Test
    void questionsAskedBeforeTheConfiguredDaysAreNotCounted() {
        for (int i = 0; i < 3; i++) {
            conversation(true, "去年的补贴怎么申请");
        }
        clock.advance(Duration.ofDays(29));
        for (int i = 0; i < 3; i++) {
            conversation(true, "居住证怎么办理");
        }

        assertThat(hot(CONFIG).top(3)).extracting(HotQuestions.Hot::question).containsExactly("居住证怎么办理");
    }

    @Test
    void personalDataInAHotQuestionIsMasked() {
        for (int i = 0; i < 3; i++) {
            conversation(true, "手机号13812345678的社保卡怎么挂失");
        }

        assertThat(hot(CONFIG).top(3)).extracting(HotQuestions.Hot::question)
                .containsExactly("手机号138****5678的社保卡怎么挂失");
    }

    @Test
    void theMostAskedComeFirstCutAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            conversation(true, "居住证怎么办理");
        }
        for (int i = 0; i < 3; i++) {
            conversation(true, "公积金怎么提取");
        }
        for (int i = 0; i < 4; i++) {
            conversation(true, "社保怎么转移");
        }

        HotQuestions hot = hot(CONFIG);
        assertThat(hot.top(3)).extracting(HotQuestions.Hot::question)
                .containsExactly("居住证怎么办理", "社保怎么转移", "公积金怎么提取");
        assertThat(hot.top(2)).extracting(HotQuestions.Hot::question).containsExactly("居住证怎么办理", "社保怎么转移");
        assertThatThrownBy(() -> hot.top(4)).hasMessageContaining("limit must be in [1,3]");
    }

    @Test
    void theListIsKeptForItsTtlAndCountedAgainAfter() {
        HotQuestions hot = hot(CONFIG);
        assertThat(hot.top(3)).isEmpty();
        for (int i = 0; i < 3; i++) {
            conversation(true, "居住证怎么办理");
        }

        ticker.advance(Duration.ofMinutes(4));
        assertThat(hot.top(3)).as("within the TTL: the list counted before").isEmpty();
        ticker.advance(Duration.ofMinutes(1));
        assertThat(hot.top(3)).extracting(HotQuestions.Hot::question).containsExactly("居住证怎么办理");
    }

    @Test
    void aMinimumOfOneConversationIsRejectedAtStart() {
        assertThatThrownBy(() -> new ChatConfig.HotQuestions(6, 28, 1, Duration.ofMinutes(5)))
                .hasMessageStartingWith("hotQuestions.minConversations must be in [2,");
        assertThatThrownBy(() -> new ChatConfig.HotQuestions(0, 28, 3, Duration.ofMinutes(5)))
                .hasMessageStartingWith("hotQuestions.limit");
        assertThatThrownBy(() -> new ChatConfig.HotQuestions(6, 0, 3, Duration.ofMinutes(5)))
                .hasMessageStartingWith("hotQuestions.days");
        assertThatThrownBy(() -> new ChatConfig.HotQuestions(6, 28, 3, Duration.ZERO))
                .hasMessageStartingWith("hotQuestions.cacheSeconds");
    }
}
