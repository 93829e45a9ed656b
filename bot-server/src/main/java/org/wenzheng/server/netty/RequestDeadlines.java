package org.wenzheng.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * Deadlines for a request to arrive, per connection (see {@link ServerConfig.Connections}): its
 * head (request line and headers) within {@code requestHeadTimeout} of its first byte, its body
 * within {@code requestBodyTimeout} plus a second per {@code requestBodyMinBytesPerSecond} bytes
 * received. A request past its deadline is counted on {@code /metrics} and its connection closed,
 * after a 408 when nothing earlier on the connection is still waiting for its answer (an answer
 * out of order would be taken for that one's).
 *
 * <p>Two handlers share the state: {@link #bytes()} sits before the codec and sees that bytes
 * arrived between two requests (a head begins); {@link #messages()} sits right after it and sees
 * heads and bodies decoded and answers written. The clock starts with the first read of a head.
 * When that read also ended the previous request (a client sending the next head at once behind
 * a body), the codec keeps the start of the head and the clock starts with the next read: a
 * head is then bounded by the idle timeout plus this one.
 *
 * <p>While reading is paused on purpose (pipelined requests waiting for their answers, see
 * {@link PipeliningHandler}), the wait is the server's, not the client's: the deadline starts
 * over.
 */
final class RequestDeadlines {
    private static final Logger log = LoggerFactory.getLogger(RequestDeadlines.class);

    private enum Phase {
        /** Between requests: nothing of the next one has arrived. */
        IDLE,
        /** Bytes of a head have arrived, its end has not. */
        HEAD,
        /** The head is decoded; its body is arriving. */
        BODY
    }

    private final ServerConfig.Connections limits;
    private final ServerMetrics metrics;
    private Phase phase = Phase.IDLE;
    private ScheduledFuture<?> timer;
    private long bodyStartedNanos;
    private long bodyBytes;
    /** Requests whose head was decoded and whose answer was not written yet. */
    private int unanswered;
    /** Past a deadline: closing, and nothing more is read. */
    private boolean expired;

    RequestDeadlines(ServerConfig.Connections limits, ServerMetrics metrics) {
        this.limits = limits;
        this.metrics = metrics;
    }

    /** The handler before the codec. */
    ChannelHandler bytes() {
        return new Bytes();
    }

    /** The handler right after the codec. */
    ChannelHandler messages() {
        return new Messages();
    }

    private final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (expired) {
                // Read and dropped, rather than left unread: closing with unread input makes the
                // kernel send a reset, which can destroy the 408 before the client reads it.
                ReferenceCountUtil.release(msg);
                return;
            }
            if (phase == Phase.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
                phase = Phase.HEAD;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Messages extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                unanswered++;
                cancel();
                phase = Phase.BODY;
                bodyStartedNanos = now(ctx);
                bodyBytes = 0;
            }
            if (msg instanceof HttpContent c) {
                bodyBytes += c.content().readableBytes();
            }
            if (msg instanceof LastHttpContent) {
                cancel();
                phase = Phase.IDLE;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // Once per read, not per request: a request that arrives whole never starts a timer.
            if (timer == null && !expired) {
                if (phase == Phase.HEAD) {
                    schedule(ctx, limits.requestHeadTimeout().toNanos());
                } else if (phase == Phase.BODY) {
                    schedule(ctx, bodyAllowedNanos() - (now(ctx) - bodyStartedNanos));
                }
            }
            ctx.fireChannelReadComplete();
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL
                    && unanswered > 0) {
                unanswered--;
            }
            ctx.write(msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            cancel();
        }
    }

    private long bodyAllowedNanos() {
        long earned = limits.requestBodyMinBytesPerSecond() == 0 ? 0
                : TimeUnit.SECONDS.toNanos(bodyBytes) / limits.requestBodyMinBytesPerSecond();
        return limits.requestBodyTimeout().toNanos() + earned;
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> due(ctx), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static long now(ChannelHandlerContext ctx) {
        return ctx.executor().ticker().nanoTime();
    }

    private void due(ChannelHandlerContext ctx) {
        timer = null;
        if (!ctx.channel().isActive() || phase == Phase.IDLE) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            // Paused by the server: the client could not have sent more. Start over.
            if (phase == Phase.BODY) {
                bodyStartedNanos = now(ctx);
                bodyBytes = 0;
                schedule(ctx, bodyAllowedNanos());
            } else {
                schedule(ctx, limits.requestHeadTimeout().toNanos());
            }
            return;
        }
        if (phase == Phase.BODY) {
            long left = bodyAllowedNanos() - (now(ctx) - bodyStartedNanos);
            if (left > 0) {
                // The bytes received since the timer was set earned this much more time.
                schedule(ctx, left);
                return;
            }
        }
        expire(ctx);
    }

    private void expire(ChannelHandlerContext ctx) {
        expired = true;
        boolean head = phase == Phase.HEAD;
        metrics.rejected(head ? ServerMetrics.Rejection.REQUEST_HEAD_TIMEOUT
                : ServerMetrics.Rejection.REQUEST_BODY_TIMEOUT);
        log.info("closing the connection from {}: request {} not received in time", ClientAddress.of(ctx.channel()),
                head ? "line and headers" : "body");
        // The 408 answers the request in progress; it may be written only when it is the next
        // answer the client expects (for a body, when that request was not answered already: a 413).
        boolean canAnswer = head ? unanswered == 0 : unanswered == 1;
        if (!canAnswer) {
            ctx.close();
            return;
        }
        String message = head
                ? "the request line and headers must arrive within " + limits.requestHeadTimeout().toSeconds()
                        + " seconds"
                : "the request body must arrive within " + limits.requestBodyTimeout().toSeconds() + " seconds"
                        + (limits.requestBodyMinBytesPerSecond() == 0 ? ""
                                : ", plus one per " + limits.requestBodyMinBytesPerSecond() + " bytes received");
        Response timeout = Response.error(HttpResponseStatus.REQUEST_TIMEOUT, ErrorCodes.REQUEST_TIMEOUT, message)
                .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString());
        ctx.writeAndFlush(timeout.toHttp()).addListener(ChannelFutureListener.CLOSE);
    }
}
