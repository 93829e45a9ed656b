package org.wenzheng.server.staff;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.netty.WebSockets;

/**
 * One staff socket after the upgrade: joins its {@link StaffSocket} under the account's username
 * and says so ({@code {"type":"ready"}}), ignores what the page sends, pings after half the idle timeout of silence and closes after the
 * whole of it, and closes (1008) when the session expires, so that a socket never outlives its login.
 */
final class StaffSocketFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger log = LoggerFactory.getLogger(StaffSocketFrameHandler.class);

    /** The first frame, once the socket has joined. */
    static final String READY = "{\"type\":\"ready\"}";

    private final StaffSocket socket;
    private final StaffSession session;
    private final Clock clock;

    StaffSocketFrameHandler(StaffSocket socket, StaffSession session, Clock clock) {
        this.socket = socket;
        this.session = session;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            socket.join(session.account().username(), ctx.channel());
            // From now on pushes reach this socket: the page (and a test) may rely on what follows.
            ctx.writeAndFlush(new TextWebSocketFrame(READY));
            long left = Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toMillis());
            ctx.executor().schedule(() -> WebSockets.close(ctx, WebSocketCloseStatus.POLICY_VIOLATION, "session expired"),
                    left, TimeUnit.MILLISECONDS);
        } else if (WebSockets.closeWhenIdle(ctx, evt)) {
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        // Staff only listen; pongs and stray text are dropped (released by the superclass).
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A corrupt or oversized frame: nothing a listening page sends is worth keeping the socket for.
        log.debug("staff socket of {} closed after {}", session.account().username(), cause.toString());
        WebSockets.close(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "bad frame");
    }
}
