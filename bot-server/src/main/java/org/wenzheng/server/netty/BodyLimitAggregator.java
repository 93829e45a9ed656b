package org.wenzheng.server.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.TooLongHttpContentException;
import io.netty.util.ReferenceCountUtil;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;

/**
 * Netty's aggregator, whole requests out, with its refusals in the API's JSON error shape: a body
 * over {@code maxBodyBytes} (declared in Content-Length, announced with {@code Expect:
 * 100-continue}, or found while streaming chunks) is answered 413 without being buffered.
 *
 * <p>A route may declare a larger limit of its own ({@link Routes.Builder#maxBody}, an upload).
 * A declared length is checked against the limit of the request's route. A body streamed in
 * chunks without a declared length is buffered up to the largest limit of any route, and
 * refused (413, connection closed) as soon as it passes its own route's.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;
    private final Routes routes;
    /** The limit of the request being aggregated (one at a time per connection). */
    private int currentLimit;
    /** A chunked body went over its limit: the connection is closing and reads nothing more. */
    private boolean refusedChunked;

    BodyLimitAggregator(int maxBodyBytes) {
        this(maxBodyBytes, Routes.builder().build());
    }

    BodyLimitAggregator(int maxBodyBytes, Routes routes) {
        // true: close the connection after refusing an Expect: 100-continue.
        super(Math.max(maxBodyBytes, routes.largestMaxBodyBytes()), true);
        this.maxBodyBytes = maxBodyBytes;
        this.routes = routes;
        this.currentLimit = maxBodyBytes;
    }

    private int limitOf(HttpMessage start) {
        if (start instanceof HttpRequest r) {
            return routes.maxBodyBytes(AccessLogHandler.rawPath(r.uri())).orElse(maxBodyBytes);
        }
        return maxBodyBytes;
    }

    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        currentLimit = limitOf(start);
        try {
            return HttpUtil.getContentLength(start, -1L) > currentLimit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    protected void aggregate(FullHttpMessage aggregated, HttpContent content) throws Exception {
        super.aggregate(aggregated, content);
        if (aggregated.content().readableBytes() > currentLimit) {
            throw new TooLongHttpContentException("the request body is over " + currentLimit + " bytes");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (refusedChunked) {
            // The rest of a refused body, still arriving while the connection closes.
            ReferenceCountUtil.release(msg);
            return;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof TooLongHttpContentException || cause.getCause() instanceof TooLongHttpContentException) {
            // A chunked body over its route's limit: answered here, the rest of it is not read.
            if (!refusedChunked) {
                refusedChunked = true;
                ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        currentLimit = limitOf(start);
        Object r = super.newContinueResponse(start, currentLimit, pipeline);
        if (r instanceof FullHttpResponse refusal && refusal.status().codeClass() == HttpStatusClass.CLIENT_ERROR) {
            HttpResponseStatus status = refusal.status();
            refusal.release();
            return status.equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE) ? tooLarge()
                    : closing(Response.error(status, ErrorCodes.BAD_REQUEST, "unsupported Expect header"));
        }
        return r;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest)) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        // As Netty does: close when the body already arrived whole or the client will not reuse the
        // connection; otherwise keep it, the aggregator skips the rest of the body. Closing while a
        // client is still sending could reset the connection before it reads the 413.
        if (oversized instanceof FullHttpMessage
                || !HttpUtil.isKeepAlive(oversized) && !HttpUtil.is100ContinueExpected(oversized)) {
            ctx.writeAndFlush(tooLarge()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(tooLargeResponse().toHttp()).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    private FullHttpResponse tooLarge() {
        return closing(tooLargeResponse());
    }

    private Response tooLargeResponse() {
        return Response.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.BODY_TOO_LARGE,
                "提交的内容过大：最多 " + currentLimit + " 字节");
    }

    private static FullHttpResponse closing(Response r) {
        return r.withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()).toHttp();
    }
}
