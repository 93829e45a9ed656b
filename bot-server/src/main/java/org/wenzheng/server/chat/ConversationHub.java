package org.wenzheng.server.chat;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicInteger;
import org.wenzheng.server.netty.ChannelsByKey;

/**
 * The open chat connections, by the conversation (session id) each one shows, so that a message
 * arriving later (an officer's answer to an escalated question) reaches the citizen at once. A
 * conversation may be open in several tabs; a connection leaves when it closes. Thread-safe.
 */
public final class ConversationHub {
    private final ChannelsByKey sessions = new ChannelsByKey();
    private final AtomicInteger open = new AtomicInteger();

    /**
     * Sends a message to every open connection of a conversation, as one JSON text frame.
     *
     * @param message a value written as JSON, with its {@code type} (see the README's protocol)
     * @return the connections it was sent to; 0 when the conversation is not open anywhere
     */
    public int push(String sessionId, Object message) {
        return sessions.push(sessionId, message);
    }

    /** Open chat connections (with or without a conversation yet). */
    public int openConnections() {
        return open.get();
    }

    /** Conversations open in at least one connection. */
    public int openSessions() {
        return sessions.keys();
    }

    /** A chat connection was opened; it is counted until it closes. */
    void opened(Channel ch) {
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
    }

    /** A connection now shows this conversation; it leaves when it closes. */
    void join(String sessionId, Channel ch) {
        sessions.join(sessionId, ch, () -> { });
    }

    /** A connection no longer shows this conversation. */
    void leave(String sessionId, Channel ch) {
        sessions.leave(sessionId, ch, () -> { });
    }
}
