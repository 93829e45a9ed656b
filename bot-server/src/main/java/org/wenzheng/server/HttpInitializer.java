package org.wenzheng.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * The pipeline of one HTTP connection, and nothing else. In order: idle detection; the HTTP
 * codec with its line and header limits; keep-alive; the access log and the in-flight count
 * (early, so that they also see requests refused by the handlers after them); the body limit
 * (413); in-order answers to pipelined requests; idle close; malformed requests (400/414/431);
 * the rate limit (429); the router; the last-resort exception handler.
 */
final class HttpInitializer extends ChannelInitializer<Channel> {
    /**
     * Longest request line. A search for a question of the longest allowed length is about 9
     * bytes per Chinese character percent-encoded (500 characters: 4.5 KB), so 8 KB, not 4.
     */
    static final int MAX_INITIAL_LINE_LENGTH = 8 * 1024;
    /** All headers together: browsers send well under 2 KB without cookies, and we set none yet. */
    static final int MAX_HEADER_SIZE = 8 * 1024;
    /** Requests one connection may have decoded and unanswered; above ours, so ours acts first. */
    static final int MAX_PIPELINE_DEPTH = PipeliningHandler.MAX_QUEUED_REQUESTS + 2;

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

    HttpInitializer(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics,
            InFlightRequests inFlight, Ticker ticker, ChannelGroup connections) {
        this.config = config;
        this.routes = routes;
        this.metrics = metrics;
        this.inFlight = inFlight;
        this.ticker = ticker;
        this.connections = connections;
        this.rateLimit = new RateLimitHandler(config.rateLimit(), ticker, metrics);
        this.router = new RouterHandler(routes, workers, metrics);
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast("codec", new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_INITIAL_LINE_LENGTH)
                        .setMaxHeaderSize(MAX_HEADER_SIZE), MAX_PIPELINE_DEPTH))
                .addLast("keepAlive", new HttpServerKeepAliveHandler())
                .addLast("accessLog", new AccessLogHandler(routes, metrics, ticker))
                .addLast("drain", new DrainHandler(inFlight))
                .addLast("body", new BodyLimitAggregator(config.maxBodyBytes()))
                .addLast("pipelining", new PipeliningHandler())
                .addLast("idleClose", idleClose)
                .addLast("malformed", malformed)
                .addLast("rateLimit", rateLimit)
                .addLast("router", router)
                .addLast("errors", errors);
    }
}
