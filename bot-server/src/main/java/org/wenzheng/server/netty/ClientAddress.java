package org.wenzheng.server.netty;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** The client's address of a connection, as text: the rate-limit key and the log field. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(Channel channel) {
        SocketAddress a = channel.remoteAddress();
        if (a instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(a);
    }
}
