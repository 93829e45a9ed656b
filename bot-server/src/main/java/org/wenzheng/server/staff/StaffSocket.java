package org.wenzheng.server.staff;

import io.netty.channel.Channel;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.wenzheng.server.netty.ChannelsByKey;

/**
 * A WebSocket path on which logged-in staff receive what the server pushes to them (a call popping
 * up on an operator's console), and the open connections on it, by account. A feature declares
 * one (the console) and the assembly plugs it into the server; the server then upgrades a request for its path when
 * the page's origin is allowed (as the chat's) and the session cookie names a live session of an
 * admitted role (401, 403 otherwise, before any upgrade). The connection is closed when the
 * session expires. Staff only listen: what they send is ignored. Thread-safe.
 */
public final class StaffSocket {
    /** Largest frame a page may send; larger closes the socket (1009). Staff only listen: a pong fits many times. */
    public static final int MAX_FRAME_BYTES = 1024;

    private final String path;
    private final Set<Role> roles;
    private final ChannelsByKey byUsername = new ChannelsByKey();
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param path  the socket's path ({@code /ws/console})
     * @param roles the roles admitted
     */
    public StaffSocket(String path, Set<Role> roles) {
        this.path = Objects.requireNonNull(path, "path");
        if (!path.startsWith("/ws/")) {
            throw new IllegalArgumentException("a staff socket's path starts with /ws/, got " + path);
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a staff socket must admit at least one role");
        }
        this.roles = EnumSet.copyOf(roles);
    }

    public String path() {
        return path;
    }

    public Set<Role> roles() {
        return roles;
    }

    /**
     * Sends a message to every open connection of an account, as one JSON text frame.
     *
     * @param message a value written as JSON, with its {@code type}
     * @return the connections it was sent to; 0 when the account has none open
     */
    public int push(String username, Object message) {
        return byUsername.push(username, message);
    }

    /** Open connections on this path, of every account. */
    public int openConnections() {
        return open.get();
    }

    /** A connection of this account completed its handshake; it leaves when it closes. */
    void join(String username, Channel ch) {
        open.incrementAndGet();
        byUsername.join(username, ch, open::decrementAndGet);
    }
}
