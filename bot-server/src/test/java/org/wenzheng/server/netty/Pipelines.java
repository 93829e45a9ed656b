package org.wenzheng.server.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * The real connection pipeline ({@link HttpInitializer}) on an {@link EmbeddedChannel}: raw
 * request bytes in, raw response bytes out, everything on the test thread.
 */
final class Pipelines {
    private Pipelines() {
    }

    /**
     * The handlers of one server, shared by every connection made with it (as a real server's
     * initializer is); the executor decides when "blocking" work runs.
     */
    static final class Setup {
        private final ServerMetrics metrics;
        private final InFlightRequests inFlight;
        private final FakeTicker ticker;
        private final HttpInitializer initializer;

        Setup(ServerConfig config, Routes routes, Executor workers) {
            this(config, routes, workers, new ServerMetrics(), new InFlightRequests(), new FakeTicker());
        }

        Setup(ServerConfig config, Routes routes, Executor workers, ServerMetrics metrics, InFlightRequests inFlight,
                FakeTicker ticker) {
            this.metrics = metrics;
            this.inFlight = inFlight;
            this.ticker = ticker;
            this.initializer = new HttpInitializer(config, routes, workers, metrics, inFlight, ticker,
                    new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE));
        }

        ServerMetrics metrics() {
            return metrics;
        }

        InFlightRequests inFlight() {
            return inFlight;
        }

        FakeTicker ticker() {
            return ticker;
        }

        EmbeddedChannel channel() {
            return new EmbeddedChannel(initializer);
        }

        /** A connection from the given loopback address (for per-address limits). */
        EmbeddedChannel channelFrom(String loopbackAddress) {
            SocketAddress remote = new InetSocketAddress(loopbackAddress, 40_000);
            return new EmbeddedChannel(initializer) {
                @Override
                protected SocketAddress remoteAddress0() {
                    return remote;
                }
            };
        }
    }

    static ServerConfig config() {
        return ServerConfig.defaults(500, 100);
    }

    /** Writes raw request bytes, as a client would. */
    static void send(EmbeddedChannel ch, String raw) {
        ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
        ch.runPendingTasks();
    }

    /** A GET request line with a Host header. */
    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    /** A POST with a JSON body. */
    static String postJson(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\n\r\n" + json;
    }

    /** Every response written so far, in order; the buffers are released. */
    static List<RawResponse> responses(EmbeddedChannel ch) {
        ch.runPendingTasks();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) msg;
            try {
                b.readBytes(out, b.readableBytes());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                b.release();
            }
        }
        return out.size() == 0 ? new ArrayList<>() : RawResponse.parseAll(out.toByteArray());
    }

    /** The one response written so far. */
    static RawResponse response(EmbeddedChannel ch) {
        List<RawResponse> all = responses(ch);
        if (all.size() != 1) {
            throw new AssertionError("expected one response, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }
}
