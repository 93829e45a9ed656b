package org.wenzheng.server.staff;

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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.ClientAddress;
import org.wenzheng.server.netty.ConnectionsPerAddress;
import org.wenzheng.server.netty.Failures;
import org.wenzheng.server.netty.WebSockets;

/**
 * Turns an HTTP connection into a staff socket when it asks for the path of one
 * ({@link StaffSocket}): the origin is checked at once (403), then the session cookie is looked
 * up on a worker, since that reads the database (401 without a live session, 403 for a role the
 * socket does not admit, 503 when the workers are all busy; 400 at once for two session cookies, 429
 * at once when the address holds {@code chat.maxConnectionsPerAddress} staff sockets already). Meanwhile the connection reads
 * nothing more and what was already decoded waits here; once admitted, the HTTP handlers after
 * this one give way to the WebSocket ones, as for the chat, and the request goes on to the
 * handshake. Every other request passes untouched.
 */
final class StaffSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StaffSocketUpgradeHandler.class);

    /**
     * What the staff sockets share.
     *
     * @param allowedOrigins the page origins allowed (the chat's, {@code chat.allowedOrigins})
     * @param idleTimeout    silence before a ping, then a close (the chat's)
     */
    record Sockets(List<StaffSocket> sockets, Guard guard, StaffAuth auth, Clock clock, List<String> allowedOrigins,
            Duration idleTimeout) {
        Sockets {
            sockets = List.copyOf(sockets);
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    private final Sockets sockets;
    private final String host;
    private final Executor workers;
    private final ConnectionsPerAddress connections;
    /** The request and its parts while the session is looked up; null otherwise. */
    private List<Object> held;
    private boolean refused;

    /** @param connections the staff sockets open per address (the chat's cap, counted apart) */
    StaffSocketUpgradeHandler(Sockets sockets, String host, Executor workers, ConnectionsPerAddress connections) {
        this.sockets = sockets;
        this.host = host;
        this.workers = workers;
        this.connections = connections;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held != null) {
            held.add(msg);
            return;
        }
        if (refused && msg instanceof HttpContent) {
            ReferenceCountUtil.release(msg);
            return;
        }
        StaffSocket socket = msg instanceof HttpRequest r ? socketOf(r) : null;
        if (socket == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        HttpRequest request = (HttpRequest) msg;
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!WebSockets.originAllowed(origin, host, sockets.allowedOrigins(), ctx.channel())) {
            ReferenceCountUtil.release(msg);
            log.info("staff socket refused: origin {} is not allowed, from {}", origin,
                    ClientAddress.of(ctx.channel()));
            refuse(ctx, Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.ORIGIN_NOT_ALLOWED,
                    "this page may not open a staff connection here"));
            return;
        }
        Optional<String> token;
        try {
            token = sockets.guard().token(request.headers());
        } catch (ApiException e) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, e.toResponse());
            return;
        }
        if (token.isEmpty()) {
            ReferenceCountUtil.release(msg);
            refuse(ctx, notLoggedIn());
            return;
        }
        if (!connections.admit(ctx.channel())) {
            ReferenceCountUtil.release(msg);
            log.info("staff socket refused: {} are open from {} already", connections.max(),
                    ClientAddress.of(ctx.channel()));
            refuse(ctx, WebSockets.tooManyConnections());
            return;
        }
        held = new ArrayList<>();
        held.add(msg);
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> {
                Optional<StaffSession> session;
                try {
                    session = sockets.auth().session(token.get());
                } catch (RuntimeException e) {
                    log.warn("looking up the session of a staff socket from {} failed", ClientAddress.of(ctx.channel()),
                            e);
                    ctx.executor().execute(() -> refuse(ctx, Failures.response(e,
                            () -> "staff socket from " + ClientAddress.of(ctx.channel()))));
                    return;
                }
                ctx.executor().execute(() -> admit(ctx, socket, session));
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, Failures.overloaded());
        }
    }

    private StaffSocket socketOf(HttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).rawPath();
        for (StaffSocket s : sockets.sockets()) {
            if (s.path().equals(path)) {
                return s;
            }
        }
        return null;
    }

    private void admit(ChannelHandlerContext ctx, StaffSocket socket, Optional<StaffSession> session) {
        if (held == null) {
            return;
        }
        if (session.isEmpty()) {
            refuse(ctx, notLoggedIn());
            return;
        }
        if (!socket.roles().contains(session.get().role())) {
            refuse(ctx, Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "当前账号无权访问此功能"));
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        WebSockets.becomeWebSocket(p, ctx.name(), socket.path(), StaffSocket.MAX_FRAME_BYTES, sockets.idleTimeout());
        p.addLast("staffSocket", new StaffSocketFrameHandler(socket, session.get(), sockets.clock()));
        List<Object> messages = held;
        held = null;
        p.remove(this);
        for (Object m : messages) {
            ctx.fireChannelRead(m);
        }
        ctx.channel().config().setAutoRead(true);
    }

    private static Response notLoggedIn() {
        return Response.error(HttpResponseStatus.UNAUTHORIZED, ErrorCodes.UNAUTHENTICATED, "请先登录");
    }

    private void refuse(ChannelHandlerContext ctx, Response response) {
        releaseHeld();
        refused = true;
        ctx.channel().config().setAutoRead(true);
        ctx.writeAndFlush(response.withHeader(HttpHeaderNames.CONNECTION.toString(),
                HttpHeaderValues.CLOSE.toString()).toHttp()).addListener(ChannelFutureListener.CLOSE);
    }

    private void releaseHeld() {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held = null;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeld();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseHeld();
        ctx.fireChannelInactive();
    }
}
