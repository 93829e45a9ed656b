package org.wenzheng.server.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * What every WebSocket of the server does alike (the citizens' chat, the staff sockets): the
 * origin check, the refusal of one address's connections over its limit, the switch of a
 * connection's pipeline from HTTP to WebSocket, the idle ping and the close.
 */
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

    /** The upgrade request is a GET: it has no business carrying a body. */
    public static final int MAX_HANDSHAKE_BODY_BYTES = 0;

    /**
     * Turns a connection's pipeline from HTTP into a WebSocket at {@code path}, for the handler
     * {@code at} that caught the upgrade request: every handler after it goes, the idle detector
     * pings after half of {@code idleTimeout} and closes after the whole of it, the HTTP request
     * deadlines go, and the handshake handlers follow, ready for the protocol's own handlers.
     */
    public static void becomeWebSocket(ChannelPipeline p, String at, String path, int maxFramePayloadBytes,
            Duration idleTimeout) {
        List<String> names = new ArrayList<>(p.toMap().keySet());
        for (String name : names.subList(names.indexOf(at) + 1, names.size())) {
            p.remove(name);
        }
        HttpInitializer.toWebSocket(p, idleTimeout);
        p.addLast("handshakeBody", new HttpObjectAggregator(MAX_HANDSHAKE_BODY_BYTES))
                .addLast("websocket", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(path)
                        .checkStartsWith(true)
                        .maxFramePayloadLength(maxFramePayloadBytes)
                        .build()));
    }

    public static Response tooManyConnections() {
        return Response.error(HttpResponseStatus.TOO_MANY_REQUESTS, ErrorCodes.TOO_MANY_CONNECTIONS,
                        "此网络地址打开的对话过多，请关闭其他对话窗口后再试")
                .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString());
    }

    /**
     * Whether a browser page of this origin may open a WebSocket here: one of the allowed origins,
     * or the server's own {@code http://host:port} when none are configured.
     */
    public static boolean originAllowed(String origin, String host, List<String> allowedOrigins, Channel channel) {
        if (origin == null) {
            return false;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (!allowedOrigins.isEmpty()) {
            return allowedOrigins.contains(o);
        }
        if (!(channel.localAddress() instanceof InetSocketAddress local)) {
            return false;
        }
        int port = local.getPort();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return o.equals("http://" + h.toLowerCase(Locale.ROOT) + ":" + port);
    }
}
