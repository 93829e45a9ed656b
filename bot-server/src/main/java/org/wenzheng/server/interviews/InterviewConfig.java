package org.wenzheng.server.interviews;

import java.time.Duration;
import java.util.Objects;
import org.wenzheng.server.netty.ServerConfig;

/**
 * Online interviews (在线访谈), validated once at start. Each value is named after its key in the
 * {@code interviews:} section of {@code config/wenzheng.yaml}, and so are the messages that reject
 * a bad one.
 *
 * @param maxQuestionChars   longest question a citizen may send (at most the knowledge engine's limit)
 * @param maxNameChars       longest name a citizen may show with a question
 * @param maxAnswerChars     longest answer a guest may publish
 * @param duplicateThreshold character-bigram Jaccard similarity from which a question joins an
 *                           earlier one instead of opening an entry, in (0,1]
 * @param addressRateLimit   questions per client address (citizens behind one NAT share it)
 * @param sessionRateLimit   questions per browser session (one page in one tab)
 * @param feedPageSize       most items one feed response carries (the page asks again for more)
 * @param feedCache          how long a feed's newest seq is reused before the database is asked again:
 *                           many viewers polling cost one read per interval (this server's own changes
 *                           show at once)
 */
public record InterviewConfig(int maxQuestionChars, int maxNameChars, int maxAnswerChars, double duplicateThreshold,
        ServerConfig.RateLimit addressRateLimit, ServerConfig.RateLimit sessionRateLimit, int feedPageSize,
        Duration feedCache) {

    /** A question typed live, not a petition: long enough for context, short enough to read aloud. */
    public static final int DEFAULT_MAX_QUESTION_CHARS = 300;
    /** A name or a nickname (网友昵称). */
    public static final int DEFAULT_MAX_NAME_CHARS = 20;
    /** A guest's spoken answer written down runs to a few paragraphs. */
    public static final int DEFAULT_MAX_ANSWER_CHARS = 5000;
    /** The column width of a stored name and of a stored answer. */
    static final int MAX_NAME_CHARS_LIMIT = 64;
    static final int MAX_ANSWER_CHARS_LIMIT = 20_000;
    static final int MAX_QUESTION_CHARS_LIMIT = 2000;
    /**
     * 0.6: "如何申请政府信息公开？" and "请问怎样申请政府信息公开" (0.78 after stop phrases) are one
     * question; "政府信息公开申请被拒绝怎么办" (0.55) is another. A question that only adds a few
     * characters to another ("…要多久", 0.7) joins it too: the moderator reads the entry's question,
     * and the merged ones are kept in the database.
     */
    public static final double DEFAULT_DUPLICATE_THRESHOLD = 0.6;
    /** Ten a minute from one address: a family or an office asking together, not a script. */
    public static final ServerConfig.RateLimit DEFAULT_ADDRESS_RATE_LIMIT = new ServerConfig.RateLimit(10, 5);
    /** Three a minute from one page: a person types slower than that. */
    public static final ServerConfig.RateLimit DEFAULT_SESSION_RATE_LIMIT = new ServerConfig.RateLimit(3, 3);
    /** Fifty answers fill several phone screens; the page fetches the next fifty at once if there are more. */
    public static final int DEFAULT_FEED_PAGE_SIZE = 50;
    /** One second: a poll every two seconds still sees each change on its next poll. */
    public static final Duration DEFAULT_FEED_CACHE = Duration.ofSeconds(1);

    public InterviewConfig {
        Objects.requireNonNull(addressRateLimit, "addressRateLimit");
        Objects.requireNonNull(sessionRateLimit, "sessionRateLimit");
        Objects.requireNonNull(feedCache, "feedCache");
        if (maxQuestionChars < 1 || maxQuestionChars > MAX_QUESTION_CHARS_LIMIT) {
            throw new IllegalArgumentException("maxQuestionChars must be in [1," + MAX_QUESTION_CHARS_LIMIT
                    + "], got " + maxQuestionChars);
        }
        if (maxNameChars < 1 || maxNameChars > MAX_NAME_CHARS_LIMIT) {
            throw new IllegalArgumentException("maxNameChars must be in [1," + MAX_NAME_CHARS_LIMIT + "], got "
                    + maxNameChars);
        }
        if (maxAnswerChars < 1 || maxAnswerChars > MAX_ANSWER_CHARS_LIMIT) {
            throw new IllegalArgumentException("maxAnswerChars must be in [1," + MAX_ANSWER_CHARS_LIMIT + "], got "
                    + maxAnswerChars);
        }
        if (!(duplicateThreshold > 0 && duplicateThreshold <= 1)) {
            throw new IllegalArgumentException("duplicateThreshold must be in (0,1], got " + duplicateThreshold);
        }
        if (feedPageSize < 1 || feedPageSize > 1000) {
            throw new IllegalArgumentException("feedPageSize must be in [1,1000], got " + feedPageSize);
        }
        if (feedCache.isNegative() || feedCache.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("feedCacheMillis must be in [0,60000], got " + feedCache.toMillis());
        }
    }

    public static InterviewConfig defaults() {
        return new InterviewConfig(DEFAULT_MAX_QUESTION_CHARS, DEFAULT_MAX_NAME_CHARS, DEFAULT_MAX_ANSWER_CHARS,
                DEFAULT_DUPLICATE_THRESHOLD, DEFAULT_ADDRESS_RATE_LIMIT, DEFAULT_SESSION_RATE_LIMIT,
                DEFAULT_FEED_PAGE_SIZE, DEFAULT_FEED_CACHE);
    }

    public InterviewConfig withRateLimits(ServerConfig.RateLimit address, ServerConfig.RateLimit session) {
        return new InterviewConfig(maxQuestionChars, maxNameChars, maxAnswerChars, duplicateThreshold, address,
                session, feedPageSize, feedCache);
    }
}
