package org.wenzheng.server.netty;

import io.netty.channel.ChannelHandler;

/**
 * A feature's WebSocket (the citizens' chat, the staff sockets): a handler placed right after the
 * HTTP codec of every connection, which passes every request on except the upgrade requests for
 * its paths; those it checks and, once admitted, turns the connection into its WebSocket
 * ({@link WebSockets#becomeWebSocket}).
 */
public interface Upgrade {
    /** The handler's name in the pipeline: what {@link WebSockets#becomeWebSocket} is given. */
    String name();

    /** A new handler for one connection. */
    ChannelHandler newHandler();
}
