package org.wenzheng.server.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.Response;

/**
 * The last handler: a failure nothing before it handled is logged with the connection it
 * happened on and answered with a plain 500 JSON error, then the connection is closed (its state
 * is unknown). A client that reset its connection is not a server failure and is only noted at
 * debug level.
 */
@Sharable
final class ExceptionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ExceptionHandler.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection from {} failed: {}", ClientAddress.of(ctx.channel()), cause.toString());
            ctx.close();
            return;
        }
        log.error("unexpected failure on the connection from {}", ClientAddress.of(ctx.channel()), cause);
        if (ctx.channel().isActive()) {
            Response closing = Failures.internal()
                    .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString());
            ctx.writeAndFlush(closing.toHttp()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // Nothing reaches here in a working pipeline; release it rather than leak a buffer.
        log.warn("unhandled message {} on the connection from {}", msg.getClass().getSimpleName(),
                ClientAddress.of(ctx.channel()));
        ReferenceCountUtil.release(msg);
    }
}
