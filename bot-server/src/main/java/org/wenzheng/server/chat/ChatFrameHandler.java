package org.wenzheng.server.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.netty.ClientAddress;
import org.wenzheng.server.netty.Failures;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.TokenBucket;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.netty.WebSockets;

/**
 * One chat connection after the upgrade: each text message is rate limited (per connection, and
 * per client address across all of the address's chats), checked, and carried
 * out on the worker pool, one at a time and in order (so the first question's new conversation is
 * the one the next question goes to); the replies are written on this connection's event loop. A
 * bad message is answered with an error frame and the connection stays open; an oversized one
 * closes it with 1009. Silence for half the idle timeout is answered with a ping, silence for the
 * whole of it closes the connection.
 */
final class ChatFrameHandler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(ChatFrameHandler.class);

    /** Messages a connection may have waiting for their turn; beyond, a client is flooding. */
    static final int MAX_WAITING_MESSAGES = 8;

    private final ChatProtocol protocol;
    private final ConversationHub hub;
    private final Executor workers;
    private final ServerMetrics metrics;
    private final Ticker ticker;
    private final TokenBucket bucket;
    private final TokenBuckets addressBuckets;
    // Only touched on the connection's event loop.
    private final Deque<ChatProtocol.ClientFrame> waiting = new ArrayDeque<>();
    private boolean working;
    private boolean upgraded;
    private String session;

    /**
     * @param rateLimit      this connection's messages
     * @param addressBuckets the messages per client address, shared by every chat of the server
     */
    public ChatFrameHandler(ChatProtocol protocol, ConversationHub hub, Executor workers, ServerMetrics metrics,
            Ticker ticker, ServerConfig.RateLimit rateLimit, TokenBuckets addressBuckets) {
        this.protocol = protocol;
        this.hub = hub;
        this.workers = workers;
        this.metrics = metrics;
        this.ticker = ticker;
        this.bucket = new TokenBucket(rateLimit.requestsPerMinute(), rateLimit.burst(), ticker.read());
        this.addressBuckets = addressBuckets;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            upgraded = true;
            hub.opened(ctx.channel());
        } else if (WebSockets.closeWhenIdle(ctx, evt)) {
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        if (bucket.tryTake(ticker.read()) != 0) {
            metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);
            sendError(ctx, ErrorCodes.RATE_LIMITED, "too many messages; please wait a moment");
            return;
        }
        if (addressBuckets.tryTake(ClientAddress.of(ctx.channel())) != 0) {
            metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);
            sendError(ctx, ErrorCodes.RATE_LIMITED, "too many messages from this address; please wait a moment");
            return;
        }
        ChatProtocol.ClientFrame parsed;
        try {
            parsed = protocol.parse(frame.text());
        } catch (ApiException e) {
            ctx.writeAndFlush(new TextWebSocketFrame(ChatProtocol.errorFrame(e.toResponse().body())));
            return;
        }
        if (waiting.size() >= MAX_WAITING_MESSAGES) {
            metrics.rejected(ServerMetrics.Rejection.RATE_LIMITED);
            sendError(ctx, ErrorCodes.RATE_LIMITED, "too many messages waiting for an answer");
            return;
        }
        waiting.add(parsed);
        runNext(ctx);
    }

    private void runNext(ChannelHandlerContext ctx) {
        while (!working && !waiting.isEmpty()) {
            ChatProtocol.ClientFrame frame = waiting.poll();
            String current = session;
            Supplier<String> context = () -> "chat message from " + ClientAddress.of(ctx.channel());
            try {
                workers.execute(() -> {
                    ChatProtocol.Outcome outcome = null;
                    String failure = null;
                    try {
                        outcome = protocol.run(frame, current);
                    } catch (Exception | Error e) {
                        failure = ChatProtocol.errorFrame(Failures.response(e, context).body());
                    }
                    ChatProtocol.Outcome o = outcome;
                    String f = failure;
                    try {
                        ctx.executor().execute(() -> done(ctx, o, f));
                    } catch (RejectedExecutionException e) {
                        log.debug("the event loop stopped before the answer to {} was written", context.get());
                    }
                });
                working = true;
            } catch (RejectedExecutionException e) {
                metrics.rejected(ServerMetrics.Rejection.OVERLOADED);
                Response busy = Failures.overloaded();
                ctx.writeAndFlush(new TextWebSocketFrame(ChatProtocol.errorFrame(busy.body())));
            }
        }
    }

    private void done(ChannelHandlerContext ctx, ChatProtocol.Outcome outcome, String failure) {
        working = false;
        if (outcome != null) {
            if (!outcome.session().equals(session)) {
                if (session != null) {
                    hub.leave(session, ctx.channel());
                }
                session = outcome.session();
                hub.join(session, ctx.channel());
            }
            for (String text : outcome.frames()) {
                ctx.write(new TextWebSocketFrame(text));
            }
            ctx.flush();
        } else {
            ctx.writeAndFlush(new TextWebSocketFrame(failure));
        }
        if (ctx.channel().isActive()) {
            runNext(ctx);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The client broke the protocol (a frame over the limit, a bad opcode): the decoder has
            // already sent the close frame with its status (1009, 1002).
            log.debug("chat connection from {} broke the protocol: {}", ClientAddress.of(ctx.channel()),
                    cause.getMessage());
            ctx.close();
            return;
        }
        if (!upgraded) {
            // Still HTTP: a request for /ws/chat that is not a valid upgrade; the handshake handler
            // usually answers those itself (400) and closes.
            log.debug("chat upgrade refused for {}: {}", ClientAddress.of(ctx.channel()), cause.getMessage());
            if (!ctx.channel().isActive()) {
                return;
            }
            ctx.writeAndFlush(Response.error(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_REQUEST,
                            "/ws/chat takes a WebSocket upgrade only")
                    .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()).toHttp())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (cause instanceof TooLongFrameException) {
            WebSockets.close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message too large");
            return;
        }
        log.warn("chat connection from {} failed; closing it", ClientAddress.of(ctx.channel()), cause);
        WebSockets.close(ctx, WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
    }

    private static void sendError(ChannelHandlerContext ctx, String code, String message) {
        ctx.writeAndFlush(new TextWebSocketFrame(ChatProtocol.errorFrame(code, message)));
    }
}
