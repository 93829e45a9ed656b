package org.wenzheng.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * HTTP/1.1 pipelining made safe: a client may send several requests without waiting, and must
 * get the answers in the same order. Since some answers come from a worker and others at once,
 * the handlers after this one see one request of a connection at a time; the next is passed on
 * when the previous answer has been written. A client queuing more than
 * {@link #MAX_QUEUED_REQUESTS} is not a browser and is disconnected.
 */
final class PipeliningHandler extends ChannelDuplexHandler {
    /** Browsers do not pipeline at all; a few queued requests are already generous. */
    static final int MAX_QUEUED_REQUESTS = 16;

    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean answering;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!answering && queued.isEmpty()) {
            answering = true;
            ctx.fireChannelRead(request);
        } else if (queued.size() < MAX_QUEUED_REQUESTS) {
            queued.add(request);
        } else {
            request.release();
            ctx.close();
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean ends = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        ctx.write(msg, promise);
        if (ends) {
            answering = false;
            if (!queued.isEmpty()) {
                // Later, not from inside this write: the next answer may be written synchronously.
                ctx.executor().execute(() -> next(ctx));
            }
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (answering) {
            return;
        }
        FullHttpRequest request = queued.poll();
        if (request == null) {
            return;
        }
        if (!ctx.channel().isActive()) {
            request.release();
            return;
        }
        answering = true;
        ctx.fireChannelRead(request);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
    }

    private void releaseQueued() {
        for (FullHttpRequest r; (r = queued.poll()) != null; ) {
            ReferenceCountUtil.release(r);
        }
    }
}
