package org.wenzheng.server.netty;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/** What the two WebSocket handlers (the citizens' chat and the staff sockets) do alike. */
public final class WebSockets {
    private WebSockets() {
    }

    /** Sends a close frame, then closes the connection; nothing when it is closed already. */
    public static void close(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A connection the idle handler reports silent: pinged the first time (a browser answers with
     * a pong, which counts as reading), closed the second.
     *
     * @return whether {@code evt} was such a report (then it is handled and goes no further)
     */
    public static boolean closeWhenIdle(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            return false;
        }
        if (idle.isFirst()) {
            ctx.writeAndFlush(new PingWebSocketFrame());
        } else {
            close(ctx, WebSocketCloseStatus.NORMAL_CLOSURE, "idle");
        }
        return true;
    }
}
