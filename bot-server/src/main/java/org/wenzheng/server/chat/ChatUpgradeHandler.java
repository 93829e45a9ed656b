package org.wenzheng.server.chat;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.ClientAddress;
import org.wenzheng.server.netty.ConnectionsPerAddress;
import org.wenzheng.server.netty.WebSockets;

/**
 * Turns an HTTP connection into a chat connection when it asks for {@link #PATH}: the request's
 * {@code Origin} must be one of the allowed origins (else 403 and close, before any upgrade), and
 * its address must hold fewer chats than {@code chat.maxConnectionsPerAddress} (else 429 and
 * close, before the handshake); then the HTTP handlers are swapped for the WebSocket ones and the
 * request goes on to the handshake. Every other request passes untouched.
 */
final class ChatUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ChatUpgradeHandler.class);

    /** The chat's only path. */
    public static final String PATH = "/ws/chat";

    private final String host;
    private final List<String> allowedOrigins;
    private final Consumer<ChannelPipeline> toChat;
    private final ConnectionsPerAddress connections;

    /**
     * @param host           the configured host: with the bound port, the server's own origin
     *                       when {@code allowedOrigins} is empty
     * @param allowedOrigins normalised origins ({@link ChatConfig#allowedOrigins})
     * @param toChat         swaps the pipeline's HTTP handlers for the chat's (this one stays)
     * @param connections    the chats open per address, shared by every connection of the server
     */
    public ChatUpgradeHandler(String host, List<String> allowedOrigins, Consumer<ChannelPipeline> toChat,
            ConnectionsPerAddress connections) {
        this.host = host;
        this.allowedOrigins = allowedOrigins;
        this.toChat = toChat;
        this.connections = connections;
    }

    /** After a refusal: the rest of the refused request (its body parts) is dropped, not routed. */
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof HttpRequest request) || !PATH.equals(new QueryStringDecoder(request.uri()).rawPath())) {
            ctx.fireChannelRead(msg);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!WebSockets.originAllowed(origin, host, allowedOrigins, ctx.channel())) {
            ReferenceCountUtil.release(msg);
            refused = true;
            log.info("chat refused: origin {} is not allowed, from {}", origin, ClientAddress.of(ctx.channel()));
            ctx.writeAndFlush(Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.ORIGIN_NOT_ALLOWED,
                            "this page may not open a chat here")
                    .withHeader(HttpHeaderNames.CONNECTION.toString(), HttpHeaderValues.CLOSE.toString()).toHttp())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (!connections.admit(ctx.channel())) {
            ReferenceCountUtil.release(msg);
            refused = true;
            log.info("chat refused: {} chats are open from {} already", connections.max(),
                    ClientAddress.of(ctx.channel()));
            ctx.writeAndFlush(WebSockets.tooManyConnections().toHttp()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        toChat.accept(ctx.pipeline());
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    /**
     * The refusal of a WebSocket over the per-address cap: 429 without {@code Retry-After}, since a
     * place frees only when another of the address's connections closes.
     */
}
