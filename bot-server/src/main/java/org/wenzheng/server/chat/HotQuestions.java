package org.wenzheng.server.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.knowledge.analysis.QuestionKey;
import org.wenzheng.server.privacy.PersonalDataMasker;

/**
 * 热点问题 (hot questions): the answered questions asked in the most conversations over the last
 * {@code days}, for the chat page to offer as buttons. Questions that differ only in script, width,
 * punctuation or a polite phrase (請問社保怎麼轉移？ and 社保怎么转移) are one question, by their
 * {@link QuestionKey}; a group is shown by the wording asked most often, with personal data masked.
 *
 * <p>Privacy: a group asked in fewer than {@code minConversations} conversations (at least two) is
 * never shown, however often one citizen repeated it. The list is kept for {@code cacheTtl} (on
 * the injected ticker), so that loading the page does not read the database each time. Blocks on
 * a miss: call it from a worker thread.
 */
final class HotQuestions {
    /**
     * The polite phrases ticket 并单 removes by default ({@code tickets.dedupStripPhrases}), not the
     * engine's stop phrases: question words stay, as "为什么社保断缴" and "社保断缴吗" are two questions.
     */
    static final List<String> POLITE_PHRASES = List.of("请问", "您好", "你好", "谢谢", "麻烦");
    /**
     * The most recent questions read to count from: a bound on the memory and time of one count
     * however busy the office is; the newest are the ones that matter.
     */
    static final int MAX_QUESTIONS_READ = 50_000;
    private static final String ONLY_KEY = "hot";

    /** A hot question: the wording shown (personal data masked) and in how many conversations it was asked. */
    record Hot(String question, int conversations) {
    }

    private final ConversationStore conversations;
    private final ChatConfig.HotQuestions config;
    private final Clock clock;
    private final QuestionKey key = QuestionKey.of(POLITE_PHRASES);
    private final Cache<String, List<Hot>> cache;

    HotQuestions(ConversationStore conversations, ChatConfig.HotQuestions config, Clock clock, Ticker ticker) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Caffeine.newBuilder()
                .maximumSize(1)
                .expireAfterWrite(config.cacheTtl())
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // As the answer cache: maintenance on the calling thread, expiry deterministic in tests.
                .executor(Runnable::run)
                .build();
    }

    /** The configured most ({@code hotQuestions.limit}). */
    int maxLimit() {
        return config.limit();
    }

    /** The {@code limit} hottest questions, hottest first; from the cache when it is fresh. */
    List<Hot> top(int limit) {
        if (limit < 1 || limit > config.limit()) {
            throw new IllegalArgumentException("limit must be in [1," + config.limit() + "], got " + limit);
        }
        List<Hot> all = cache.get(ONLY_KEY, k -> count());
        return all.subList(0, Math.min(limit, all.size()));
    }

    private List<Hot> count() {
        var since = clock.instant().minus(Duration.ofDays(config.days()));
        Map<String, Group> groups = new HashMap<>();
        for (ConversationStore.AnsweredQuestion q : conversations.answeredQuestionsSince(since, MAX_QUESTIONS_READ)) {
            String text = q.text().strip();
            if (!text.isEmpty()) {
                groups.computeIfAbsent(key.key(text), k -> new Group(k)).add(q.conversationId(), text);
            }
        }
        return groups.values().stream()
                .filter(g -> g.conversations.size() >= config.minConversations())
                .sorted(Comparator.comparingInt((Group g) -> g.conversations.size()).reversed()
                        .thenComparing(Comparator.comparingInt((Group g) -> g.asked).reversed())
                        .thenComparing(g -> g.key))
                .limit(config.limit())
                .map(g -> new Hot(PersonalDataMasker.mask(g.wording()), g.conversations.size()))
                .toList();
    }

    /** The questions of one key: the conversations that asked it and how often each wording was asked. */
    private static final class Group {
        final String key;
        final Set<String> conversations = new HashSet<>();
        final Map<String, Integer> wordings = new HashMap<>();
        int asked;

        Group(String key) {
            this.key = key;
        }

        void add(String conversationId, String text) {
            conversations.add(conversationId);
            wordings.merge(text, 1, Integer::sum);
            asked++;
        }

        /** The wording asked most often; of equals, the first in code point order, so the choice is stable. */
        String wording() {
            return wordings.entrySet().stream()
                    .min(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow()
                    .getKey();
        }
    }
}
