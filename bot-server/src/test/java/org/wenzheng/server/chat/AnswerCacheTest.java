package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.server.netty.FakeTicker;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.metrics.ServerMetrics;

class AnswerCacheTest {
    /** An engine that answers every question with its own text and counts how often it was asked. */
    private static final class CountingEngine extends AnswerOnlyEngine {
        int asked;

        @Override
        public Answer answer(String question) {
            asked++;
            return new Answer(true, "答" + asked, 0.9, List.of(), List.of(), SearchHit.Kind.FAQ);
        }
    }

    private final CountingEngine engine = new CountingEngine();
    private final FakeTicker ticker = new FakeTicker();
    private final ServerMetrics metrics = new ServerMetrics();
    private final AnswerCache cache = new AnswerCache(engine,
            new ServerConfig.AnswerCache(100, Duration.ofMinutes(10)), ticker, metrics);

    @Test
    void aRepeatedQuestionIsAnsweredFromTheCache() {
        AnswerCache.Lookup first = cache.answer("如何申请政府信息公开");
        AnswerCache.Lookup again = cache.answer("如何申请政府信息公开");

        assertThat(first.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.answer()).isSameAs(first.answer());
        assertThat(engine.asked).isEqualTo(1);
        assertThat(metrics.exposition()).contains("result=\"hit\"} 1").contains("result=\"miss\"} 1");
    }

    @Test
    void widthCaseAndSpacingDoNotMakeANewQuestion() {
        cache.answer("社保 卡 ABC123");

        assertThat(cache.answer("  社保　卡   ａｂｃ１２３ ").cached()).isTrue();
        assertThat(cache.answer("社保卡ABC123").cached()).as("removing a space may change the words").isFalse();
        assertThat(AnswerCache.key("  Ｈｅｌｌｏ　 World ")).isEqualTo("hello world");
    }

    @Test
    void aNewIndexVersionEmptiesTheCache() {
        cache.answer("如何申请");
        engine.indexVersion = 2;

        assertThat(cache.answer("如何申请").cached()).isFalse();
        assertThat(cache.answer("如何申请").cached()).isTrue();
        assertThat(engine.asked).isEqualTo(2);
    }

    @Test
    void anAnswerIsReusedForItsTimeToLiveOnly() {
        cache.answer("如何申请");
        ticker.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(cache.answer("如何申请").cached()).isTrue();

        ticker.advance(Duration.ofSeconds(1));

        assertThat(cache.answer("如何申请").cached()).isFalse();
    }

    @Test
    void keepsAtMostMaxEntries() {
        AnswerCache small = new AnswerCache(engine, new ServerConfig.AnswerCache(2, Duration.ofMinutes(10)), ticker,
                metrics);
        for (int i = 0; i < 10; i++) {
            small.answer("问题" + i);
        }
        long cachedAgain = java.util.stream.IntStream.range(0, 10)
                .filter(i -> small.answer("问题" + i).cached()).count();

        assertThat(cachedAgain).isLessThanOrEqualTo(2);
    }

    @Test
    void aCacheOfSizeZeroNeverAnswersFromMemory() {
        AnswerCache off = new AnswerCache(engine, new ServerConfig.AnswerCache(0, Duration.ofMinutes(10)), ticker,
                metrics);
        off.answer("如何申请");

        assertThat(off.answer("如何申请").cached()).isFalse();
    }
}
