package org.wenzheng.server;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.wenzheng.server.http.Json;

/**
 * The open chat connections, by the conversation (session id) each one shows, so that a message
 * arriving later (an officer's answer to an escalated question) reaches the citizen at once. A
 * conversation may be open in several tabs; a connection leaves when it closes. Thread-safe.
 */
public final class ConversationHub {
    private final ConcurrentMap<String, Set<Channel>> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    /**
     * Sends a message to every open connection of a conversation, as one JSON text frame.
     *
     * @param message a value written as JSON, with its {@code type} (see the README's protocol)
     * @return the connections it was sent to; 0 when the conversation is not open anywhere
     */
    public int push(String sessionId, Object message) {
        Set<Channel> channels = sessions.get(sessionId);
        if (channels == null) {
            return 0;
        }
        String text = Json.text(message);
        int sent = 0;
        for (Channel ch : channels) {
            // writeAndFlush hands over to the channel's event loop: safe from any thread.
            ch.writeAndFlush(new TextWebSocketFrame(text));
            sent++;
        }
        return sent;
    }

    /** Open chat connections (with or without a conversation yet). */
    public int openConnections() {
        return open.get();
    }

    /** Conversations open in at least one connection. */
    public int openSessions() {
        return sessions.size();
    }

    /** A chat connection was opened; it is counted until it closes. */
    void opened(Channel ch) {
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
    }

    /** A connection now shows this conversation; it leaves when it closes. */
    void join(String sessionId, Channel ch) {
        // Added inside compute: a concurrent leave cannot drop the set between its lookup and the add.
        sessions.compute(sessionId, (k, channels) -> {
            Set<Channel> s = channels == null ? ConcurrentHashMap.newKeySet() : channels;
            s.add(ch);
            return s;
        });
        ch.closeFuture().addListener(f -> leave(sessionId, ch));
        if (!ch.isOpen()) {
            // Closed between the check and the listener: the listener may have run before the add.
            leave(sessionId, ch);
        }
    }

    /** A connection no longer shows this conversation. */
    void leave(String sessionId, Channel ch) {
        sessions.computeIfPresent(sessionId, (k, channels) -> {
            channels.remove(ch);
            return channels.isEmpty() ? null : channels;
        });
    }
}
