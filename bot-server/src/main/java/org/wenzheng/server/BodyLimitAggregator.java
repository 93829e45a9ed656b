package org.wenzheng.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;

/**
 * Netty's aggregator, whole requests out, with its refusals in the API's JSON error shape: a body
 * over {@code maxBodyBytes} (declared in Content-Length, announced with {@code Expect:
 * 100-continue}, or found while streaming chunks) is answered 413 without being buffered.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BodyLimitAggregator(int maxBodyBytes) {
        // true: close the connection after refusing an Expect: 100-continue.
        super(maxBodyBytes, true);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object r = super.newContinueResponse(start, maxContentLength, pipeline);
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
                "the request body must be at most " + maxBodyBytes + " bytes");
    }

    private static FullHttpResponse closing(Response r) {
        return r.withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()).toHttp();
    }
}
