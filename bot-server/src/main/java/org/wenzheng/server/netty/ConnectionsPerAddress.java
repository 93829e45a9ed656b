package org.wenzheng.server.netty;

import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-lived connections (chats, staff sockets) open at once per client address, under a cap: a
 * connection is counted from its admission until it closes. Without it one address could hold a
 * thousand chats open, each with its own message allowance. Thread-safe; an address with nothing
 * open costs nothing.
 */
public final class ConnectionsPerAddress {
    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param max connections one address may hold open at once */
    public ConnectionsPerAddress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
    }

    /**
     * Counts the channel against its address's cap, until it closes.
     *
     * @return false, counting nothing, when the address already holds {@code max} open
     */
    public boolean admit(Channel channel) {
        String address = ClientAddress.of(channel);
        boolean[] admitted = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= max) {
                return n;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (admitted[0]) {
            // Runs at once when the channel closed meanwhile.
            channel.closeFuture().addListener(f -> open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1));
        }
        return admitted[0];
    }

    /** Connections this address holds open. */
    int open(String address) {
        return open.getOrDefault(address, 0);
    }

    /** The cap. */
    public int max() {
        return max;
    }
}
