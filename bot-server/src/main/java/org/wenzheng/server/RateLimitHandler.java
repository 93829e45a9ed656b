package org.wenzheng.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * Per client address, a token bucket on the API: over the configured rate the request is answered
 * 429 with {@code Retry-After} (whole seconds until a token is back) and nothing else is done.
 * Pages, health and metrics are not limited: a page load fetches several files, and monitoring
 * must see an overloaded server. Buckets live in a bounded Caffeine cache and expire once they
 * would be full again anyway, so idle clients cost nothing.
 */
@Sharable
final class RateLimitHandler extends ChannelInboundHandlerAdapter {
    /** Paths under this prefix are limited. */
    static final String LIMITED_PREFIX = "/api/";
    /** Addresses tracked at once; beyond, the least recently seen are forgotten (they get a full bucket). */
    static final int MAX_TRACKED_CLIENTS = 100_000;

    private final ServerConfig.RateLimit limit;
    private final Ticker ticker;
    private final ServerMetrics metrics;
    private final Cache<String, TokenBucket> buckets;

    RateLimitHandler(ServerConfig.RateLimit limit, Ticker ticker, ServerMetrics metrics) {
        this.limit = limit;
        this.ticker = ticker;
        this.metrics = metrics;
        long refill = TokenBucket.refillNanos(limit.requestsPerMinute(), limit.burst());
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_TRACKED_CLIENTS)
                .expireAfterAccess(Duration.ofNanos(Math.max(refill, TimeUnit.SECONDS.toNanos(1))))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.uri().startsWith(LIMITED_PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String client = ClientAddress.of(ctx.channel());
        long now = ticker.read();
        long wait = buckets.get(client, c -> new TokenBucket(limit.requestsPerMinute(), limit.burst(), now))
                .tryTake(now);
        if (wait == 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        request.release();
        metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
        ctx.writeAndFlush(Response.error(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                        "too many requests from this address; retry in " + seconds + " s")
                .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds)).toHttp());
    }
}
