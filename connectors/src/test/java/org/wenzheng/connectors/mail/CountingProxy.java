package org.wenzheng.connectors.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of a server, counting the bytes the server sends: what a
 * client really fetched, measured on the wire.
 */
final class CountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final AtomicLong fromServer = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes the server has sent to clients so far. */
    long bytesFromServer() {
        return fromServer.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), null);
                pump(server.getInputStream(), client.getOutputStream(), fromServer);
            } catch (IOException e) {
                // closed: stop accepting
            }
        }
    }

    private static void pump(InputStream in, OutputStream out, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
