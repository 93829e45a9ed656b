package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * Per client address, a token bucket on the API: over the configured rate the request is answered
 * 429 with {@code Retry-After} (whole seconds until a token is back) and nothing else is done.
 * Pages, health and metrics are not limited: a page load fetches several files, and monitoring
 * must see an overloaded server. Idle clients cost nothing ({@link TokenBuckets}).
 */
@Sharable
public final class RateLimitHandler extends ChannelInboundHandlerAdapter {
    /** Paths under this prefix are limited. */
    static final String LIMITED_PREFIX = "/api/";
    /** Addresses tracked at once; beyond, the least recently seen are forgotten (they get a full bucket). */
    public static final int MAX_TRACKED_CLIENTS = 100_000;

    private final ServerMetrics metrics;
    private final TokenBuckets buckets;

    RateLimitHandler(ServerConfig.RateLimit limit, Ticker ticker, ServerMetrics metrics) {
        this.metrics = metrics;
        this.buckets = new TokenBuckets(limit, MAX_TRACKED_CLIENTS, ticker);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || !request.uri().startsWith(LIMITED_PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long wait = buckets.tryTake(ClientAddress.of(ctx.channel()));
        if (wait == 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        request.release();
        metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);
        long seconds = TokenBuckets.retryAfterSeconds(wait);
        ctx.writeAndFlush(Response.error(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                        "请求过于频繁，请 " + seconds + " 秒后再试")
                .withHeader(HttpHeaderNames.RETRY_AFTER.toString(), Long.toString(seconds)).toHttp());
    }
}
