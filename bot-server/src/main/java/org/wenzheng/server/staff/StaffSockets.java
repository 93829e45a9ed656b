package org.wenzheng.server.staff;

import io.netty.channel.ChannelHandler;
import java.util.concurrent.Executor;
import org.wenzheng.server.netty.ConnectionsPerAddress;
import org.wenzheng.server.netty.Upgrade;

/**
 * The features' staff sockets ({@link StaffSocket}, the console's {@code /ws/console}) as the server
 * plugs them in: each upgrade request's origin, its address's count of open staff sockets, its
 * session and role are checked ({@link StaffSocketUpgradeHandler}) before the handshake.
 */
final class StaffSockets implements Upgrade {
    private final StaffSocketUpgradeHandler.Sockets sockets;
    private final String host;
    private final Executor workers;
    private final ConnectionsPerAddress connections;

    /**
     * @param maxConnectionsPerAddress staff sockets open per client address (the chat's cap,
     *                                 counted apart from the chats)
     */
    StaffSockets(StaffSocketUpgradeHandler.Sockets sockets, String host, Executor workers,
            int maxConnectionsPerAddress) {
        this.sockets = sockets;
        this.host = host;
        this.workers = workers;
        this.connections = new ConnectionsPerAddress(maxConnectionsPerAddress);
    }

    @Override
    public String name() {
        return "staffSocketUpgrade";
    }

    @Override
    public ChannelHandler newHandler() {
        return new StaffSocketUpgradeHandler(sockets, host, workers, connections);
    }
}
