package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * The pipeline of one HTTP connection, and nothing else. In order: idle detection; the HTTP
 * codec with its line and header limits, between the two handlers of the request deadlines
 * (head and body timeouts, 408); keep-alive; the access log and the in-flight count
 * (early, so that they also see requests refused by the handlers after them); the body limit
 * (413); in-order answers to pipelined requests; idle close; malformed requests (400/414/431);
 * the rate limit (429); the router; the last-resort exception handler.
 *
 * <p>The features' WebSockets ({@link Upgrade}: the chat's {@code /ws/chat}, the staff sockets)
 * each place a handler right after the codec, which catches the upgrade requests for its paths
 * and, once it admits one, replaces every handler after itself by the WebSocket ones
 * ({@link WebSockets#becomeWebSocket}); the idle detector then pings before it closes.
 */
final class HttpInitializer extends ChannelInitializer<Channel> {
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
    /** The request deadlines' two handlers, before and after the codec. */
    private static final String REQUEST_BYTES = "requestBytes";
    private static final String REQUEST_DEADLINES = "requestDeadlines";

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
    private final List<Upgrade> upgrades;

    /** HTTP only, without WebSockets. */
    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections) {
        this(config, routes, workers, metrics, inFlight, ticker, connections, List.of());
    }

    /** @param upgrades the features' WebSockets, checked in this order right after the codec */
    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections, List<Upgrade> upgrades) {
        this.config = config;
        this.routes = routes;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.ticker = ticker;
        this.connections = connections;
        this.upgrades = List.copyOf(upgrades);
        this.rateLimit = new RateLimitHandler(config.rateLimit(), ticker, metrics);
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
        for (Upgrade u : upgrades) {
            ch.pipeline().addLast(u.name(), u.newHandler());
        }
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
    static void toWebSocket(ChannelPipeline p, java.time.Duration idleTimeout) {
        p.replace("idle", "idle", new IdleStateHandler(idleTimeout.toNanos() / 2, 0, 0, TimeUnit.NANOSECONDS));
        for (String name : List.of(REQUEST_BYTES, REQUEST_DEADLINES)) {
            if (p.get(name) != null) {
                p.remove(name);
            }
        }
    }
}
