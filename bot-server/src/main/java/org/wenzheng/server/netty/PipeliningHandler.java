package org.wenzheng.server.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * HTTP/1.1 pipelining: a client may send several requests without waiting, and gets the answers
 * in the same order. Since some answers come from a worker and others at once, the handlers after
 * this one see one request of a connection at a time; the next is passed on when the previous
 * answer has been written.
 *
 * <p>While requests wait, the connection is not read (TCP holds the rest back), so what waits is
 * at most what one read brought. A client with more than {@code maxPipelinedRequests} unanswered
 * gets those answered, the last with {@code Connection: close}; the later ones are read and
 * dropped, never answered (RFC 9112 §9.6: none is processed after a close), and the client sends
 * them again on a new connection.
 */
final class PipeliningHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(PipeliningHandler.class);

    private final int maxPipelined;
    private final ServerMetrics metrics;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean answering;
    /** Reading stopped by this handler while requests wait. */
    private boolean paused;
    /** More than the limit arrived: the last accepted answer closes the connection. */
    private boolean refusing;

    PipeliningHandler(int maxPipelined, ServerMetrics metrics) {
        this.maxPipelined = maxPipelined;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refusing) {
            request.release();
            metrics.rejected(ServerMetrics.Rejection.PIPELINED_TOO_DEEP);
            return;
        }
        if (!answering && queued.isEmpty()) {
            answering = true;
            ctx.fireChannelRead(request);
            return;
        }
        int unanswered = (answering ? 1 : 0) + queued.size();
        if (unanswered < maxPipelined) {
            queued.add(request);
            pause(ctx);
            return;
        }
        request.release();
        metrics.rejected(ServerMetrics.Rejection.PIPELINED_TOO_DEEP);
        refusing = true;
        log.info("the connection from {} pipelined more than {} requests: answering those, then closing",
                ClientAddress.of(ctx.channel()), maxPipelined);
        // Read what follows and drop it before it is decoded: unread input at the close would
        // make the kernel reset the connection, which can destroy answers not yet read.
        ctx.pipeline().addFirst(DISCARD, new DiscardInput());
        resume(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean answer = msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL;
        if (answer && refusing && queued.isEmpty()) {
            // The last answer the client gets here; the keep-alive handler closes after it.
            HttpUtil.setKeepAlive((HttpResponse) msg, false);
        }
        boolean ends = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        ctx.write(msg, promise);
        if (ends) {
            answering = false;
            if (!queued.isEmpty()) {
                // Later, not from inside this write: the next answer may be written synchronously.
                ctx.executor().execute(() -> next(ctx));
            } else if (!refusing) {
                resume(ctx);
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

    private void pause(ChannelHandlerContext ctx) {
        if (!paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        if (paused) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseQueued();
        resume(ctx);
    }

    private void releaseQueued() {
        for (FullHttpRequest r; (r = queued.poll()) != null; ) {
            ReferenceCountUtil.release(r);
        }
    }

    private static final String DISCARD = "discardInput";

    /** First in the pipeline once a connection is closing: what arrives is released unread. */
    @Sharable
    private static final class DiscardInput extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
