package org.wenzheng.server.satisfaction;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * 满意度评价 and 回访 ({@code satisfaction:} in {@code config/wenzheng.yaml}), checked once at start.
 *
 * @param maxCommentChars     longest comment a citizen may give with a rating
 * @param rateLimit           ratings (tries, right or wrong key) one client address may send, per
 *                            minute and in a burst
 * @param followUpWorkingDays how many working days after its answer a ticket of a follow-up type
 *                            stays on the follow-up list (回访名单)
 * @param followUpTypes       the types called back after their answer (投诉, 求助)
 */
public record SatisfactionConfig(int maxCommentChars, ServerConfig.RateLimit rateLimit, int followUpWorkingDays,
        Set<TicketType> followUpTypes) {

    public static final int DEFAULT_MAX_COMMENT_CHARS = 500;
    /** A citizen rates once; a script trying keys is stopped after a few. */
    public static final ServerConfig.RateLimit DEFAULT_RATE_LIMIT = new ServerConfig.RateLimit(10, 5);
    /** A working week: long enough to reach someone who works, short enough that the answer is fresh. */
    public static final int DEFAULT_FOLLOW_UP_WORKING_DAYS = 5;
    public static final Set<TicketType> DEFAULT_FOLLOW_UP_TYPES = EnumSet.of(TicketType.COMPLAINT, TicketType.HELP);

    public SatisfactionConfig {
        if (maxCommentChars < 1 || maxCommentChars > 1000) {
            throw new IllegalArgumentException("satisfaction.maxCommentChars must be in [1,1000], got "
                    + maxCommentChars);
        }
        Objects.requireNonNull(rateLimit, "satisfaction.rateLimit is missing");
        if (followUpWorkingDays < 1 || followUpWorkingDays > 60) {
            throw new IllegalArgumentException("satisfaction.followUpWorkingDays must be in [1,60], got "
                    + followUpWorkingDays);
        }
        followUpTypes = followUpTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(followUpTypes));
    }

    public static SatisfactionConfig defaults() {
        return new SatisfactionConfig(DEFAULT_MAX_COMMENT_CHARS, DEFAULT_RATE_LIMIT, DEFAULT_FOLLOW_UP_WORKING_DAYS,
                DEFAULT_FOLLOW_UP_TYPES);
    }

    /** This configuration with another rate limit (tests). */
    public SatisfactionConfig withRateLimit(ServerConfig.RateLimit r) {
        return new SatisfactionConfig(maxCommentChars, r, followUpWorkingDays, followUpTypes);
    }
}
