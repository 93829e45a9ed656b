package org.wenzheng.server.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.wenzheng.server.http.Json;

/**
 * Open WebSocket connections grouped by a key (a citizen's conversation, a staff account), so that
 * a message can be pushed to every connection of one key from any thread. A connection stays in its
 * group until it leaves or closes. Thread-safe.
 */
public final class ChannelsByKey {
    private final ConcurrentMap<String, Set<Channel>> byKey = new ConcurrentHashMap<>();

    /**
     * Sends a message to every open connection of a key, as one JSON text frame.
     *
     * @return the connections it was sent to; 0 when the key has none
     */
    public int push(String key, Object message) {
        Set<Channel> channels = byKey.get(key);
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

    /**
     * Adds a connection to a key's group; it leaves when it closes.
     *
     * @param left run once when the connection has left the group (closed or {@link #leave})
     */
    public void join(String key, Channel ch, Runnable left) {
        // Added inside compute: a concurrent leave cannot drop the set between its lookup and the add.
        byKey.compute(key, (k, channels) -> {
            Set<Channel> s = channels == null ? ConcurrentHashMap.newKeySet() : channels;
            s.add(ch);
            return s;
        });
        ch.closeFuture().addListener(f -> leave(key, ch, left));
        if (!ch.isOpen()) {
            // Closed between the check and the listener: the listener may have run before the add.
            leave(key, ch, left);
        }
    }

    /** Removes a connection from a key's group; {@code left} runs only when it was there. */
    public void leave(String key, Channel ch, Runnable left) {
        boolean[] removed = {false};
        byKey.computeIfPresent(key, (k, channels) -> {
            removed[0] = channels.remove(ch);
            return channels.isEmpty() ? null : channels;
        });
        if (removed[0]) {
            left.run();
        }
    }

    /** Keys with at least one connection. */
    public int keys() {
        return byKey.size();
    }
}
