package org.wenzheng.server;

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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.api.AnswerCache;
import org.wenzheng.server.api.AskEndpoint;
import org.wenzheng.server.api.ChatProtocol;
import org.wenzheng.server.api.ConversationEndpoint;
import org.wenzheng.server.api.DocumentEndpoint;
import org.wenzheng.server.api.HealthEndpoint;
import org.wenzheng.server.api.SearchEndpoint;
import org.wenzheng.server.api.StaffEndpoints;
import org.wenzheng.server.auth.Guard;
import org.wenzheng.server.auth.PasswordHasher;
import org.wenzheng.server.auth.PasswordHashing;
import org.wenzheng.server.auth.StaffAuth;
import org.wenzheng.server.auth.StaffConfig;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.MetricsConfig;
import org.wenzheng.server.metrics.MetricsEndpoint;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.store.AccountStore;
import org.wenzheng.server.store.ConversationStore;
import org.wenzheng.server.store.Database;
import org.wenzheng.server.store.Role;
import org.wenzheng.server.web.StaffPage;
import org.wenzheng.server.web.StaticFiles;

/**
 * The Wenzheng HTTP server: binds, serves the API and the pages over one knowledge base and one
 * database, and stops gracefully. It owns the knowledge base and the database it is given and
 * closes them when stopped.
 *
 * <p>A stop stops accepting connections, lets requests in flight finish for up to the configured
 * grace period (answering them with {@code Connection: close}), then closes the remaining
 * connections, the worker pool and the password-hashing pool, the event loops, the knowledge base
 * and the database, in that order: the workers are done with the database before it closes.
 */
public final class WenzhengServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WenzhengServer.class);

    /** Event loops are already idle when shut down (requests drained first): no quiet period needed. */
    private static final Duration EVENT_LOOP_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    /** Workers left after the grace period get this long to notice the interrupt. */
    private static final Duration WORKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final KnowledgeBase knowledge;
    private final Database database;
    private final ServerMetrics metrics = new ServerMetrics();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final WorkerPool workers;
    private final PasswordHashing passwords;
    private final HttpInitializer initializer;
    private final ConversationHub hub = new ConversationHub();
    private final List<ServerFeature> features;
    private final ChannelGroup connections = new DefaultChannelGroup("wenzheng-connections",
            GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EventLoopGroup acceptors;
    private EventLoopGroup io;
    private Channel listener;

    /**
     * @param database where conversations are stored, already migrated ({@link Database#open})
     * @param ticker   the time source of rate limits, cache expiry and request durations
     * @param clock    the time stored with conversations and messages
     */
    public WenzhengServer(ServerConfig config, KnowledgeBase knowledge, Database database, Ticker ticker,
            Clock clock) {
        this(config, ChatConfig.DEFAULTS, knowledge, database, ticker, clock);
    }

    /**
     * @param chat the WebSocket chat's limits and allowed origins
     * @see #WenzhengServer(ServerConfig, KnowledgeBase, Database, Ticker, Clock)
     */
    public WenzhengServer(ServerConfig config, ChatConfig chat, KnowledgeBase knowledge, Database database,
            Ticker ticker, Clock clock) {
        this(config, chat, StaffConfig.defaults(), knowledge, database, ticker, clock);
    }

    /**
     * @param staff staff sessions, and the accounts created here when missing
     * @see #WenzhengServer(ServerConfig, ChatConfig, KnowledgeBase, Database, Ticker, Clock)
     */
    public WenzhengServer(ServerConfig config, ChatConfig chat, StaffConfig staff, KnowledgeBase knowledge,
            Database database, Ticker ticker, Clock clock) {
        this(config, chat, staff, knowledge, database, ticker, clock, List.of());
    }

    /**
     * @param features the parts plugged in (tickets, mail bridge, console …), installed in this order
     *                 and closed in the reverse order; the server owns them from now on
     * @see #WenzhengServer(ServerConfig, ChatConfig, StaffConfig, KnowledgeBase, Database, Ticker, Clock)
     */
    public WenzhengServer(ServerConfig config, ChatConfig chat, StaffConfig staff, KnowledgeBase knowledge,
            Database database, Ticker ticker, Clock clock, List<ServerFeature> features) {
        this(config, chat, staff, MetricsConfig.DEFAULTS, knowledge, database, ticker, clock, features);
    }

    /**
     * @param metricsAccess who may read {@code /metrics}
     * @see #WenzhengServer(ServerConfig, ChatConfig, StaffConfig, KnowledgeBase, Database, Ticker, Clock, List)
     */
    public WenzhengServer(ServerConfig config, ChatConfig chat, StaffConfig staff, MetricsConfig metricsAccess,
            KnowledgeBase knowledge, Database database, Ticker ticker, Clock clock, List<ServerFeature> features) {
        this.config = config;
        this.features = List.copyOf(features);
        this.knowledge = knowledge;
        this.database = database;
        this.workers = new WorkerPool("wenzheng-worker", config.workerThreads(), config.workerQueue());
        AnswerCache answers = new AnswerCache(knowledge, config.answerCache(), ticker, metrics);
        ConversationStore conversations = new ConversationStore(database, clock);
        AskEndpoint ask = new AskEndpoint(answers, conversations, config.maxQuestionChars(), metrics);
        SearchEndpoint search = new SearchEndpoint(knowledge, config.maxQuestionChars(), config.maxResults());
        Routes.Builder routes = Routes.builder()
                .post("/api/v1/ask", ask)
                .get("/api/v1/conversations/{id}", new ConversationEndpoint(conversations))
                .secret("/api/v1/conversations/{id}", "id")
                .get("/api/v1/search", search)
                .get("/api/v1/documents/{id}", new DocumentEndpoint(knowledge))
                .get("/healthz", new HealthEndpoint(knowledge, database, () -> !inFlight.draining()))
                .get("/metrics", new MetricsEndpoint(metrics, metricsAccess));
        StaticFiles.addTo(routes, WenzhengServer.class.getClassLoader());
        this.passwords = new PasswordHashing(new PasswordHasher(), staff.hashThreads(), staff.hashQueue(), ticker);
        StaffAuth staffAuth = new StaffAuth(new AccountStore(database, clock), passwords.hasher(), staff, clock,
                ticker);
        staffAuth.createMissingAccounts();
        Guard guard = new Guard(staffAuth, workers);
        addStaffRoutes(routes, staffAuth, guard, passwords);
        routes.get(SearchEndpoint.STAFF_PATH, guard.api(Guard.ANY_ROLE, (request, session) -> search.staff(request)));
        ServerFeature.Context context = new ServerFeature.Context(knowledge, database, conversations, hub, staffAuth,
                guard, passwords, metrics, workers, clock, ticker);
        for (ServerFeature feature : this.features) {
            feature.install(routes, context);
        }
        metrics.gauge("wenzheng_http_requests_in_flight", inFlight::count);
        metrics.gauge("wenzheng_worker_queue_length", workers::queued);
        metrics.gauge("wenzheng_workers_busy", workers::busy);
        metrics.gauge("wenzheng_password_hash_queue_length", passwords::queued);
        metrics.gauge("wenzheng_password_hashes_busy", passwords::busy);
        metrics.gauge("wenzheng_websocket_sessions", hub::openConnections);
        HttpInitializer.Chat chatting = new HttpInitializer.Chat(chat,
                new ChatProtocol(ask, conversations, config.maxQuestionChars()), hub);
        List<StaffSocket> staffSockets = this.features.stream().flatMap(f -> f.staffSockets().stream()).toList();
        this.initializer = new HttpInitializer(config, routes.build(), workers, metrics, inFlight, ticker, connections,
                Optional.of(chatting), Optional.of(new StaffSocketUpgradeHandler.Sockets(staffSockets, guard,
                        staffAuth, clock)));
    }

    /**
     * The staff pages and API: login is open, everything else declares the roles it admits and
     * sits behind the guard (401/302 without a session, 403 for another role or a missing CSRF token).
     */
    private static void addStaffRoutes(Routes.Builder routes, StaffAuth auth, Guard guard, PasswordHashing passwords) {
        StaffEndpoints endpoints = new StaffEndpoints(auth, guard, passwords);
        routes.post("/api/v1/login", endpoints.login())
                .post("/api/v1/logout", guard.api(Guard.ANY_ROLE, endpoints.logout()))
                .get("/api/v1/me", guard.api(Guard.ANY_ROLE, endpoints.me()))
                .get("/console", guard.page(EnumSet.of(Role.OPERATOR, Role.ADMIN),
                        new StaffPage(WenzhengServer.class.getClassLoader(), "console.html")));
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
        for (ServerFeature feature : features) {
            feature.start();
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** The open chat connections, by conversation: where later messages to a citizen are pushed. */
    public ConversationHub conversations() {
        return hub;
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
            try {
                knowledge.close();
            } catch (IOException | RuntimeException e) {
                log.error("closing the knowledge base failed", e);
            }
            try {
                database.close();
            } catch (RuntimeException e) {
                log.error("closing the database failed", e);
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
            if (!passwords.shutdown(WORKER_SHUTDOWN_TIMEOUT)) {
                log.warn("password hashing still busy at shutdown was interrupted");
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
