package org.wenzheng.server.chat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * Answers to repeated questions (the same question from many citizens during an online
 * interview), keyed by the normalised question. Each entry remembers the index version it was
 * computed on: after a re-index every older entry is a miss, and the cache is emptied.
 */
public final class AnswerCache {
    private static final Pattern SPACES = Pattern.compile("[\\s\u3000]+");

    private record Entry(long indexVersion, Answer answer) {
    }

    /** An answer and whether it came from the cache. */
    public record Lookup(Answer answer, boolean cached) {
    }

    private final KnowledgeBase knowledge;
    private final ServerMetrics metrics;
    private final Cache<String, Entry> cache;
    private volatile long indexVersion;

    public AnswerCache(KnowledgeBase knowledge, ServerConfig.AnswerCache config, Ticker ticker, ServerMetrics metrics) {
        this.knowledge = knowledge;
        this.metrics = metrics;
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .expireAfterWrite(config.ttl())
                .ticker(ticker)
                // Maintenance on the calling thread: no background pool, and expiry is deterministic in tests.
                .executor(Runnable::run)
                .build();
        this.indexVersion = knowledge.stats().indexVersion();
    }

    /** The answer to a question, from the cache when the same question was answered on this index. Blocks. */
    public Lookup answer(String question) {
        long version = knowledge.stats().indexVersion();
        if (version != indexVersion) {
            indexVersion = version;
            cache.invalidateAll();
        }
        String key = key(question);
        Entry e = cache.getIfPresent(key);
        if (e != null && e.indexVersion() == version) {
            metrics.cacheLookup(true);
            return new Lookup(e.answer(), true);
        }
        metrics.cacheLookup(false);
        Answer a = knowledge.answer(question);
        cache.put(key, new Entry(version, a));
        return new Lookup(a, false);
    }

    /**
     * The cache key: full-width ASCII (ＡＢＣ１２３, as typed with a Chinese input method) made
     * half-width, case folded, runs of white space (the ideographic space too) made one space.
     * The engine's analysis folds width and case the same way and only splits on white space, so
     * questions with one key get one answer.
     */
    static String key(String question) {
        StringBuilder sb = new StringBuilder(question.length());
        for (int i = 0; i < question.length(); i++) {
            char c = question.charAt(i);
            sb.append(c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST ? (char) (c - FULL_WIDTH_OFFSET) : c);
        }
        return SPACES.matcher(sb.toString().strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** ！ to ～: the full-width forms of ASCII ! to ~. */
    private static final char FULL_WIDTH_FIRST = '\uFF01';
    private static final char FULL_WIDTH_LAST = '\uFF5E';
    private static final int FULL_WIDTH_OFFSET = 0xFF01 - '!';
}
