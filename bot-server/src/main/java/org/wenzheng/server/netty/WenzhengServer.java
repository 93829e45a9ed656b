package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;

/**
 * The Wenzheng HTTP server: binds, serves the routes and WebSockets of its features, and stops
 * gracefully. It is given everything it serves, built and wired by {@code org.wenzheng.app.Assembly};
 * it owns the resources it is given (the knowledge base, the database) and closes them, last,
 * when stopped.
 *
 * <p>A stop stops accepting connections, lets requests in flight finish for up to the configured
 * grace period (answering them with {@code Connection: close}), then closes the remaining
 * connections, the worker pool, the event loops, the features (in the reverse order of their
 * installation) and the resources, in that order: the workers are done with the database before
 * it closes.
 */
public final class WenzhengServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WenzhengServer.class);

    /** Event loops are already idle when shut down (requests drained first): no quiet period needed. */
    private static final Duration EVENT_LOOP_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    /** Workers left after the grace period get this long to notice the interrupt. */
    private static final Duration WORKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    /**
     * What a server serves and owns.
     *
     * @param workers   the bounded pool that runs the blocking work of requests
     * @param metrics   the counters shown on /metrics
     * @param inFlight  the requests in flight (the health check reads whether the server is stopping)
     * @param ticker    the monotonic time source (rate limits, durations)
     * @param features  installed in this order: their routes, then started after the server listens
     * @param upgrades  the features' WebSockets, checked in this order on every connection
     * @param resources closed in this order after everything else (the knowledge base, the database)
     */
    public record Parts(WorkerPool workers, ServerMetrics metrics, InFlightRequests inFlight, Ticker ticker,
            List<Feature> features, List<Upgrade> upgrades, List<AutoCloseable> resources) {
        public Parts {
            Objects.requireNonNull(workers, "workers");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(inFlight, "inFlight");
            Objects.requireNonNull(ticker, "ticker");
            features = List.copyOf(features);
            upgrades = List.copyOf(upgrades);
            resources = List.copyOf(resources);
        }
    }

    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final InFlightRequests inFlight;
    private final WorkerPool workers;
    private final HttpInitializer initializer;
    private final List<Feature> features;
    private final List<AutoCloseable> resources;
    private final ChannelGroup connections = new DefaultChannelGroup("wenzheng-connections",
            GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup acceptors;
    private EventLoopGroup io;
    private Channel listener;

    public WenzhengServer(ServerConfig config, Parts parts) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = parts.metrics();
        this.inFlight = parts.inFlight();
        this.workers = parts.workers();
        this.features = parts.features();
        this.resources = parts.resources();
        Routes.Builder routes = Routes.builder();
        for (Feature feature : features) {
            feature.addRoutes(routes);
        }
        metrics.gauge("wenzheng_http_requests_in_flight", inFlight::count);
        metrics.gauge("wenzheng_worker_queue_length", workers::queued);
        metrics.gauge("wenzheng_workers_busy", workers::busy);
        this.initializer = new HttpInitializer(config, routes.build(), workers, metrics, inFlight, parts.ticker(),
                connections, parts.upgrades());
    }

    /**
     * Binds the configured address and starts serving.
     *
     * @return the address listened on (with the actual port when port 0 was configured)
     * @throws IOException when the address cannot be bound (port in use, unknown host)
     */
    public InetSocketAddress start() throws IOException {
        if (listener != null || stopping.get()) {
            throw new IllegalStateException("the server was already started");
        }
        acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wenzheng-accept"),
                NioIoHandler.newFactory());
        // 0: Netty's default, twice the cores; they only move bytes, the work is on the workers.
        io = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("wenzheng-io"), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        try {
            listener = bootstrap.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            shutDownEventLoops();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        for (Feature feature : features) {
            feature.start();
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** The counters shown on /metrics. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Stops gracefully (see the class comment) and closes the knowledge base and the database.
     * Idempotent; a second caller waits until the first has finished.
     */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStoppedUninterruptibly();
            return;
        }
        try {
            inFlight.drain();
            if (listener != null) {
                listener.close().syncUninterruptibly();
                log.info("stopping: no new connections; {} request(s) in flight get up to {} s to finish",
                        inFlight.count(), config.shutdownGrace().toSeconds());
                if (!awaitInFlight()) {
                    log.warn("{} request(s) still unanswered after {} s; closing their connections",
                            inFlight.count(), config.shutdownGrace().toSeconds());
                }
            }
            shutDownWorkers();
            connections.close().awaitUninterruptibly();
            shutDownEventLoops();
        } finally {
            for (int i = features.size() - 1; i >= 0; i--) {
                try {
                    features.get(i).close();
                } catch (RuntimeException e) {
                    log.error("closing {} failed", features.get(i).getClass().getSimpleName(), e);
                }
            }
            for (AutoCloseable r : resources) {
                try {
                    r.close();
                } catch (Exception e) {
                    log.error("closing {} failed", r.getClass().getSimpleName(), e);
                }
            }
            stopped.countDown();
            log.info("stopped");
        }
    }

    /** Waits until {@link #stop} has finished (in another thread, such as a shutdown hook). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    private boolean awaitInFlight() {
        try {
            return inFlight.awaitNone(config.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void shutDownWorkers() {
        try {
            if (!workers.shutdown(WORKER_SHUTDOWN_TIMEOUT)) {
                log.warn("worker threads still busy at shutdown were interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDownEventLoops() {
        long timeout = EVENT_LOOP_SHUTDOWN_TIMEOUT.toMillis();
        for (EventLoopGroup g : new EventLoopGroup[] {acceptors, io}) {
            if (g != null) {
                g.shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS).awaitUninterruptibly(2 * timeout);
            }
        }
    }

    private void awaitStoppedUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
