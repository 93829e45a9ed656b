package org.wenzheng.server.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Graceful shutdown, per connection: counts each request in flight from its arrival until its
 * answer is flushed, so that a stop can wait for them; and once the server is draining, marks
 * every answer {@code Connection: close} so that clients go elsewhere. It sits after the
 * keep-alive handler, which then closes the connection once that answer is written.
 */
final class DrainHandler extends ChannelDuplexHandler {
    private final InFlightRequests inFlight;
    /** Requests of this connection counted in flight and not yet answered. */
    private int pending;

    DrainHandler(InFlightRequests inFlight) {
        this.inFlight = inFlight;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            pending++;
            inFlight.started();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            if (inFlight.draining()) {
                HttpUtil.setKeepAlive(r, false);
            }
            if (pending > 0) {
                pending--;
                ChannelPromise p = promise.unvoid();
                p.addListener(f -> inFlight.finished());
                ctx.write(msg, p);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Requests whose answer will never be written: the client went away.
        for (; pending > 0; pending--) {
            inFlight.finished();
        }
        ctx.fireChannelInactive();
    }
}
