package org.wenzheng.server.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.wenzheng.server.netty.ServerConfig;

/**
 * The WebSocket chat ({@code /ws/chat}), validated once at start.
 *
 * @param allowedOrigins  the page origins ({@code scheme://host[:port]}) allowed to open a chat;
 *                        empty for the server's own {@code http://host:port} only. A browser sends
 *                        its page's origin with the upgrade: checking it keeps other sites' pages
 *                        from opening a chat in a citizen's name (cross-site WebSocket hijacking)
 * @param maxFrameBytes   largest frame payload; a larger frame closes the connection with 1009
 * @param maxMessageBytes largest message, its fragments together; larger closes it with 1009
 * @param idleTimeout     a connection silent this long is closed; after half of it the server
 *                        pings, and the browser's pong keeps a live connection open
 * @param rateLimit       messages per connection
 * @param maxConnectionsPerAddress chat connections one client address may hold open at once; the
 *                        next upgrade is refused with 429 before the handshake. Staff sockets
 *                        ({@code /ws/console}) have the same cap, counted apart
 * @param addressRateLimit messages per client address, across all its chat connections
 * @param hotline         the office's telephone number shown on the chat page (也可拨打 … 咨询), such as
 *                        12345 or 0571-87654321; empty for none
 * @param hotQuestions    the 热点问题 the chat page offers ({@code GET /api/v1/chat/hot})
 */
public record ChatConfig(List<String> allowedOrigins, int maxFrameBytes, int maxMessageBytes, Duration idleTimeout,
        ServerConfig.RateLimit rateLimit, int maxConnectionsPerAddress, ServerConfig.RateLimit addressRateLimit,
        String hotline, HotQuestions hotQuestions) {

    /**
     * 热点问题 (hot questions): the answered questions citizens asked most in recent days, offered on
     * the chat page as buttons. A question is shown only when at least {@code minConversations}
     * conversations asked it, so that no single citizen's question is ever published.
     *
     * @param limit            the most questions shown
     * @param days             how many days back questions are counted
     * @param minConversations the fewest conversations that must have asked a question before it
     *                         is shown; at least 2
     * @param cacheTtl         how long the list is kept before the database is read again
     */
    public record HotQuestions(int limit, int days, int minConversations, Duration cacheTtl) {
        /** Six buttons: two rows on a phone, above the fold. */
        public static final int DEFAULT_LIMIT = 6;
        /** Four weeks: what is asked now, not last year's deadlines. */
        public static final int DEFAULT_DAYS = 28;
        /** Three conversations: a question one citizen asked in two tabs is still not shown. */
        public static final int DEFAULT_MIN_CONVERSATIONS = 3;
        /** Five minutes: a busy page reads the database a few times an hour, and new favourites show soon. */
        public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
        static final int MAX_LIMIT = 20;
        static final int MAX_DAYS = 366;
        /** Two: a question asked in one conversation is one citizen's, never shown. */
        static final int MIN_CONVERSATIONS_FLOOR = 2;
        static final int MAX_MIN_CONVERSATIONS = 1_000_000;
        static final Duration MAX_CACHE_TTL = Duration.ofDays(1);

        public static final HotQuestions DEFAULTS = new HotQuestions(DEFAULT_LIMIT, DEFAULT_DAYS,
                DEFAULT_MIN_CONVERSATIONS, DEFAULT_CACHE_TTL);

        public HotQuestions {
            Objects.requireNonNull(cacheTtl, "cacheTtl");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("hotQuestions.limit must be in [1," + MAX_LIMIT + "], got " + limit);
            }
            if (days < 1 || days > MAX_DAYS) {
                throw new IllegalArgumentException("hotQuestions.days must be in [1," + MAX_DAYS + "], got " + days);
            }
            if (minConversations < MIN_CONVERSATIONS_FLOOR || minConversations > MAX_MIN_CONVERSATIONS) {
                throw new IllegalArgumentException("hotQuestions.minConversations must be in [" + MIN_CONVERSATIONS_FLOOR
                        + "," + MAX_MIN_CONVERSATIONS + "] (a question of one conversation is one citizen's), got "
                        + minConversations);
            }
            if (cacheTtl.compareTo(Duration.ofSeconds(1)) < 0 || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
                throw new IllegalArgumentException("hotQuestions.cacheSeconds must be in [1," + MAX_CACHE_TTL.toSeconds()
                        + "], got " + cacheTtl.toSeconds());
            }
        }
    }

    /** 16 KiB: a question of the longest allowed length in UTF-8 with its JSON fits many times over. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024;
    /** The same: a client has no reason to fragment a question. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024;
    /** Limits above this are never a question. */
    static final int MAX_BYTES_LIMIT = 1024 * 1024;
    /** Five minutes: a citizen reads a long answer without being cut off; a dead peer is noticed soon. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** A person types far slower; a page resuming after a reconnect sends one or two at once. */
    public static final ServerConfig.RateLimit DEFAULT_RATE_LIMIT = new ServerConfig.RateLimit(30, 10);

    /**
     * A hundred open chats: the citizens of a busy office or service hall behind one NAT address
     * each with a tab open, with room to spare; one address opening a thousand (as an attack did)
     * is stopped at the hundredth. Citizens behind a mobile carrier's NAT share addresses too.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
    static final int MAX_CONNECTIONS_PER_ADDRESS_LIMIT = 1_000_000;
    /**
     * The HTTP API's sustained rate per address ({@code server.rateLimit}), so that the chat is no
     * way around it, with a larger burst: pages reconnecting after a network change resend.
     */
    public static final ServerConfig.RateLimit DEFAULT_ADDRESS_RATE_LIMIT = new ServerConfig.RateLimit(120, 30);

    /**
     * A number as people write it: digits, with a leading + and hyphens or spaces between groups
     * (12345, 0571-87654321, 400 123 4567, +86 571 8765 4321); a tel: link is made from its digits.
     */
    private static final java.util.regex.Pattern HOTLINE = java.util.regex.Pattern.compile("\\+?[0-9]+([ -][0-9]+)*");
    /** Longer is no telephone number (an international one with an extension fits). */
    static final int MAX_HOTLINE_CHARS = 24;

    public static final ChatConfig DEFAULTS = new ChatConfig(List.of(), DEFAULT_MAX_FRAME_BYTES,
            DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_RATE_LIMIT);

    /** The default limits per address ({@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} chats, {@link #DEFAULT_ADDRESS_RATE_LIMIT}). */
    public ChatConfig(List<String> allowedOrigins, int maxFrameBytes, int maxMessageBytes, Duration idleTimeout,
            ServerConfig.RateLimit rateLimit) {
        this(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
                DEFAULT_ADDRESS_RATE_LIMIT);
    }

    /** No hotline number on the chat page. */
    public ChatConfig(List<String> allowedOrigins, int maxFrameBytes, int maxMessageBytes, Duration idleTimeout,
            ServerConfig.RateLimit rateLimit, int maxConnectionsPerAddress, ServerConfig.RateLimit addressRateLimit) {
        this(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, "");
    }

    /** The default 热点问题 ({@link HotQuestions#DEFAULTS}). */
    public ChatConfig(List<String> allowedOrigins, int maxFrameBytes, int maxMessageBytes, Duration idleTimeout,
            ServerConfig.RateLimit rateLimit, int maxConnectionsPerAddress, ServerConfig.RateLimit addressRateLimit,
            String hotline) {
        this(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, hotline, HotQuestions.DEFAULTS);
    }

    public ChatConfig {
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(addressRateLimit, "addressRateLimit");
        Objects.requireNonNull(hotQuestions, "hotQuestions");
        hotline = Objects.requireNonNull(hotline, "hotline").strip();
        if (!hotline.isEmpty() && (hotline.length() > MAX_HOTLINE_CHARS || !HOTLINE.matcher(hotline).matches())) {
            throw new IllegalArgumentException("hotline must be a telephone number of digits, with an optional"
                    + " leading + and hyphens or spaces between groups (such as 12345 or 0571-87654321), at most "
                    + MAX_HOTLINE_CHARS + " characters, got '" + hotline + "'");
        }
        allowedOrigins = allowedOrigins.stream().map(ChatConfig::origin).toList();
        if (maxFrameBytes < 1 || maxFrameBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxFrameBytes must be in [1," + MAX_BYTES_LIMIT + "], got "
                    + maxFrameBytes);
        }
        if (maxMessageBytes < maxFrameBytes || maxMessageBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxMessageBytes must be in [maxFrameBytes," + MAX_BYTES_LIMIT
                    + "], got " + maxMessageBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > MAX_CONNECTIONS_PER_ADDRESS_LIMIT) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be in [1,"
                    + MAX_CONNECTIONS_PER_ADDRESS_LIMIT + "], got " + maxConnectionsPerAddress);
        }
    }

    public ChatConfig withIdleTimeout(Duration t) {
        return new ChatConfig(allowedOrigins, maxFrameBytes, maxMessageBytes, t, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, hotline, hotQuestions);
    }

    public ChatConfig withSizes(int frameBytes, int messageBytes) {
        return new ChatConfig(allowedOrigins, frameBytes, messageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, hotline, hotQuestions);
    }

    public ChatConfig withRateLimit(ServerConfig.RateLimit r) {
        return new ChatConfig(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, r, maxConnectionsPerAddress,
                addressRateLimit, hotline, hotQuestions);
    }

    public ChatConfig withAllowedOrigins(List<String> origins) {
        return new ChatConfig(origins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, hotline, hotQuestions);
    }

    public ChatConfig withAddressLimits(int connections, ServerConfig.RateLimit messages) {
        return new ChatConfig(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, connections,
                messages, hotline, hotQuestions);
    }

    public ChatConfig withHotline(String number) {
        return new ChatConfig(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, number, hotQuestions);
    }

    public ChatConfig withHotQuestions(HotQuestions hot) {
        return new ChatConfig(allowedOrigins, maxFrameBytes, maxMessageBytes, idleTimeout, rateLimit, maxConnectionsPerAddress,
                addressRateLimit, hotline, hot);
    }

    /** An origin as browsers send it: lower-case scheme and host, no path, no trailing slash. */
    private static String origin(String text) {
        String problem = "allowedOrigins: '" + text + "' is not an origin like https://wenzheng.example.gov.cn";
        URI u;
        try {
            u = new URI(Objects.requireNonNull(text, "allowedOrigins entry").strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || !bare) {
            throw new IllegalArgumentException(problem);
        }
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }
}
