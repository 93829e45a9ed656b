package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.chat.ChatFrameHandler;
import org.wenzheng.server.chat.ChatProtocol;
import org.wenzheng.server.chat.ChatUpgradeHandler;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.staff.StaffSocket;
import org.wenzheng.server.staff.StaffSocketUpgradeHandler;

/**
 * The pipeline of one HTTP connection, and nothing else. In order: idle detection; the HTTP
 * codec with its line and header limits, between the two handlers of the request deadlines
 * (head and body timeouts, 408); keep-alive; the access log and the in-flight count
 * (early, so that they also see requests refused by the handlers after them); the body limit
 * (413); in-order answers to pipelined requests; idle close; malformed requests (400/414/431);
 * the rate limit (429); the router; the last-resort exception handler.
 *
 * <p>A request for the chat ({@code /ws/chat}) is caught right after the codec: once its origin and
 * its address's count of open chats are checked, every handler after the codec gives way to the WebSocket ones, in order: the handshake
 * (a body-less GET), the frame decoder with its frame size limit, the message aggregator with its
 * message size limit, the chat. The idle detector is replaced by the chat's (ping, then close).
 * Requests for the features' staff sockets ({@code /ws/console}) are caught there too, and turned
 * into WebSockets the same way once their session is found ({@link StaffSocketUpgradeHandler}).
 */
public final class HttpInitializer extends ChannelInitializer<Channel> {
    /**
     * Longest request line. A search for a question of the longest allowed length is about 9
     * bytes per Chinese character percent-encoded (500 characters: 4.5 KB), so 8 KB, not 4.
     */
    static final int MAX_INITIAL_LINE_LENGTH = 8 * 1024;
    /** All headers together: browsers send well under 2 KB, and our one cookie (wz_session) adds under 100 bytes. */
    static final int MAX_HEADER_SIZE = 8 * 1024;
    /**
     * The codec's own count of requests decoded and unanswered, which it answers by failing the
     * connection: never reached. {@link PipeliningHandler} refuses beyond the configured depth
     * properly (answers, then {@code Connection: close}), and what is decoded before it stops
     * reading is bounded by one read, not by this count.
     */
    static final int CODEC_PIPELINE_DEPTH = Integer.MAX_VALUE;
    /** The upgrade request is a GET: it has no business carrying a body. */
    public static final int MAX_HANDSHAKE_BODY_BYTES = 0;
    /** The chat's upgrade handler: the handlers after it are the ones the chat replaces. */
    private static final String CHAT_UPGRADE = "chatUpgrade";
    /** The request deadlines' two handlers, before and after the codec. */
    private static final String REQUEST_BYTES = "requestBytes";
    private static final String REQUEST_DEADLINES = "requestDeadlines";

    /** The chat over WebSocket: its limits, what carries out its messages, and its open connections. */
    record Chat(ChatConfig config, ChatProtocol protocol, ConversationHub hub) {
    }

    private final ServerConfig config;
    private final Routes routes;
    private final ServerMetrics metrics;
    private final InFlightRequests inFlight;
    private final Ticker ticker;
    private final ChannelGroup connections;
    // Stateless or shared-state handlers: one instance for every connection.
    private final IdleConnectionHandler idleClose = new IdleConnectionHandler();
    private final MalformedRequestHandler malformed = new MalformedRequestHandler();
    private final RateLimitHandler rateLimit;
    private final RouterHandler router;
    private final ExceptionHandler errors = new ExceptionHandler();
    private final Executor workers;
    private final Optional<Chat> chat;
    private final Optional<StaffSocketUpgradeHandler.Sockets> staffSockets;
    /** Per client address: chats open, their messages, staff sockets open (one count for the server). */
    private final ConnectionsPerAddress chatConnections;
    private final TokenBuckets chatMessages;
    private final ConnectionsPerAddress staffConnections;

    /** HTTP only, without the chat. */
    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections) {
        this(config, routes, workers, metrics, inFlight, ticker, connections, Optional.empty());
    }

    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections, Optional<Chat> chat) {
        this(config, routes, workers, metrics, inFlight, ticker, connections, chat, Optional.empty());
    }

    /** @param staffSockets the features' staff sockets ({@link StaffSocket}), upgraded like the chat */
    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections, Optional<Chat> chat,
            Optional<StaffSocketUpgradeHandler.Sockets> staffSockets) {
        this.staffSockets = staffSockets.filter(s -> !s.sockets().isEmpty());
        this.config = config;
        this.workers = workers;
        this.chat = chat;
        this.routes = routes;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.ticker = ticker;
        this.connections = connections;
        this.rateLimit = new RateLimitHandler(config.rateLimit(), ticker, metrics);
        ChatConfig limits = chat.map(Chat::config).orElse(ChatConfig.DEFAULTS);
        this.chatConnections = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
        this.chatMessages = new TokenBuckets(limits.addressRateLimit(), RateLimitHandler.MAX_TRACKED_CLIENTS, ticker);
        this.staffConnections = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
        this.router = new RouterHandler(routes, workers, metrics);
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        RequestDeadlines deadlines = new RequestDeadlines(config.connections(), metrics);
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(REQUEST_BYTES, deadlines.bytes())
                .addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                        .setMaxHeaderSize(MAX_HEADER_SIZE), CODEC_PIPELINE_DEPTH))
                .addLast(REQUEST_DEADLINES, deadlines.messages());
        chat.ifPresent(c -> ch.pipeline().addLast(CHAT_UPGRADE, new ChatUpgradeHandler(config.host(),
                c.config().allowedOrigins(), p -> toChat(p, c), chatConnections)));
        staffSockets.ifPresent(s -> ch.pipeline().addLast("staffSocketUpgrade", new StaffSocketUpgradeHandler(s,
                config.host(), chat.map(Chat::config).orElse(ChatConfig.DEFAULTS), workers, staffConnections)));
        ch.pipeline()
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("accessLog", new AccessLogHandler(routes, metrics, ticker))
                .addLast("drain", new DrainHandler(inFlight))
                .addLast("body", new BodyLimitAggregator(config.maxBodyBytes(), routes))
                .addLast("pipelining", new PipeliningHandler(config.connections().maxPipelinedRequests(), metrics))
                .addLast("idleClose", idleClose)
                .addLast("malformed", malformed)
                .addLast("rateLimit", rateLimit)
                .addLast("router", router)
                .addLast("errors", errors);
    }

    /**
     * What every WebSocket upgrade changes before the handshake (the handlers after the upgrade
     * handler are removed by it): the peer is pinged after half of {@code idleTimeout} without a
     * byte from it and closed after two such halves, and the request deadlines, which are about
     * HTTP requests, go.
     */
    public static void toWebSocket(ChannelPipeline p, java.time.Duration idleTimeout) {
        p.replace("idle", "idle", new IdleStateHandler(idleTimeout.toNanos() / 2, 0, 0, TimeUnit.NANOSECONDS));
        for (String name : List.of(REQUEST_BYTES, REQUEST_DEADLINES)) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
    }

    /** Called by the upgrade handler, which stays just long enough to pass the request on. */
    private void toChat(ChannelPipeline p, Chat c) {
        List<String> names = new ArrayList<>(p.toMap().keySet());
        for (String name : names.subList(names.indexOf(CHAT_UPGRADE) + 1, names.size())) {
            p.remove(name);
        }
        ChatConfig limits = c.config();
        toWebSocket(p, limits.idleTimeout());
        ChannelHandler handshake = new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(ChatUpgradeHandler.PATH)
                .checkStartsWith(true)
                .maxFramePayloadLength(limits.maxFrameBytes())
                .build());
        p.addLast("handshakeBody", new HttpObjectAggregator(MAX_HANDSHAKE_BODY_BYTES))
                .addLast("websocket", handshake)
                .addLast("messages", new WebSocketFrameAggregator(limits.maxMessageBytes()))
                .addLast("chat", new ChatFrameHandler(c.protocol(), c.hub(), workers, metrics, ticker,
                        limits.rateLimit(), chatMessages));
    }
}
