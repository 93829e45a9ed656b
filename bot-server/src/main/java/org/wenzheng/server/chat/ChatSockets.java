package org.wenzheng.server.chat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.util.concurrent.Executor;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.netty.ConnectionsPerAddress;
import org.wenzheng.server.netty.RateLimitHandler;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.netty.Upgrade;
import org.wenzheng.server.netty.WebSockets;

/**
 * The chat over WebSocket ({@value ChatUpgradeHandler#PATH}) as the server plugs it in: the upgrade
 * check of every connection ({@link ChatUpgradeHandler}), then the WebSocket handlers in order: the
 * handshake (a body-less GET), the frame decoder with its frame size limit, the message aggregator
 * with its message size limit, the chat ({@link ChatFrameHandler}). The counts of chats open and of
 * messages per client address are the server's, shared by all its connections.
 */
final class ChatSockets implements Upgrade {
    private static final String NAME = "chatUpgrade";

    private final ChatConfig config;
    private final ChatProtocol protocol;
    private final ConversationHub hub;
    private final Executor workers;
    private final ServerMetrics metrics;
    private final Ticker ticker;
    private final String host;
    private final ConnectionsPerAddress connections;
    private final TokenBuckets messages;

    /** @param host the server's configured host (its own origin when no origins are configured) */
    ChatSockets(ChatConfig config, ChatProtocol protocol, ConversationHub hub, Executor workers, ServerMetrics metrics,
            Ticker ticker, String host) {
        this.config = config;
        this.protocol = protocol;
        this.hub = hub;
        this.workers = workers;
        this.metrics = metrics;
        this.ticker = ticker;
        this.host = host;
        this.connections = new ConnectionsPerAddress(config.maxConnectionsPerAddress());
        this.messages = new TokenBuckets(config.addressRateLimit(), RateLimitHandler.MAX_TRACKED_CLIENTS, ticker);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ChannelHandler newHandler() {
        return new ChatUpgradeHandler(host, config.allowedOrigins(), this::toChat, connections);
    }

    /** Called by the upgrade handler, which stays just long enough to pass the request on. */
    private void toChat(ChannelPipeline p) {
        WebSockets.becomeWebSocket(p, NAME, ChatUpgradeHandler.PATH, config.maxFrameBytes(), config.idleTimeout());
        p.addLast("messages", new WebSocketFrameAggregator(config.maxMessageBytes()))
                .addLast("chat", new ChatFrameHandler(protocol, hub, workers, metrics, ticker, config.rateLimit(),
                        messages));
    }
}
