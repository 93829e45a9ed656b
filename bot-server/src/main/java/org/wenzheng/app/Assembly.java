package org.wenzheng.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.chat.ChatFeature;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.faq.FaqFeature;
import org.wenzheng.server.hotline.HotlineConfig;
import org.wenzheng.server.hotline.HotlineFeature;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.interviews.InterviewConfig;
import org.wenzheng.server.interviews.InterviewsFeature;
import org.wenzheng.server.interviews.TicketEscalator;
import org.wenzheng.server.applications.ApplicationsConfig;
import org.wenzheng.server.applications.ApplicationsFeature;
import org.wenzheng.server.letters.LetterPublicationFeature;
import org.wenzheng.server.letters.LettersConfig;
import org.wenzheng.server.letters.LettersFeature;
import org.wenzheng.server.satisfaction.SatisfactionConfig;
import org.wenzheng.server.satisfaction.SatisfactionFeature;
import org.wenzheng.server.metrics.MetricsConfig;
import org.wenzheng.server.metrics.MetricsFeature;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.netty.InFlightRequests;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.Upgrade;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.netty.WorkerPool;
import org.wenzheng.server.replies.RepliesConfig;
import org.wenzheng.server.replies.RepliesFeature;
import org.wenzheng.server.reports.ReportsConfig;
import org.wenzheng.server.reports.ReportsFeature;
import org.wenzheng.server.retention.Housekeeping;
import org.wenzheng.server.retention.RetentionConfig;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.staff.StaffFeature;
import org.wenzheng.server.staff.StaffSocket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.TicketsFeature;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The one place where Wenzheng's features are built and wired: each gets exactly what it uses,
 * and a feature that is not configured is not there (no placeholder, no null). The order below is
 * the order of installation: the platform's (metrics, pages, chat, staff), then the retention
 * clean-up, the FAQ review and the admin pages, the reports, the tickets and the features that
 * escalate to them (the mail bridge, the hotline console, the online interviews).
 *
 * <p>{@link #of} builds the server {@code wenzheng serve} runs from the configuration; tests build
 * the parts they exercise with {@link #builder}.
 */
public final class Assembly {
    private final WenzhengServer server;
    private final ConversationHub hub;
    private final Optional<TicketService> tickets;
    private final Optional<RepliesFeature> mail;

    private Assembly(WenzhengServer server, ConversationHub hub, Optional<TicketService> tickets,
            Optional<RepliesFeature> mail) {
        this.server = server;
        this.hub = hub;
        this.tickets = tickets;
        this.mail = mail;
    }

    /** The server, ready to start. */
    public WenzhengServer server() {
        return server;
    }

    /** The open chat connections, by conversation: where later messages to a citizen are pushed. */
    public ConversationHub conversations() {
        return hub;
    }

    /** The ticket desk, when departments are configured. */
    public Optional<TicketService> tickets() {
        return tickets;
    }

    /** The mail bridge, when departments are configured (it tells the operator where the mail goes). */
    public Optional<RepliesFeature> mail() {
        return mail;
    }

    /**
     * Everything {@code wenzheng serve} runs, from the configuration: the server's part with the
     * command line applied, the mail and metrics parts with the environment applied.
     *
     * @param knowledge the served knowledge base, which the admin pages re-index and swap
     * @param variables the environment, for the hotline's tokens given as {@code tokenVariable}
     * @param cluster   this node among the nodes of the database, with the environment applied
     */
    public static Assembly of(AppConfig config, ServerConfig server, RepliesConfig mail, MetricsConfig metrics,
            ClusterConfig cluster, Database database, SwappableKnowledgeBase knowledge,
            Function<String, Optional<String>> variables, Clock clock) {
        Builder b = builder(server, knowledge, database)
                .cluster(cluster)
                .chat(config.chat())
                .answerThreshold(config.knowledgeConfig().answerThreshold())
                .staff(config.staff())
                .metrics(metrics)
                .clock(clock)
                .retention(config.retention())
                .admin(config.admin(), config.knowledgeConfig())
                .reports(config.reports(), config.calendar())
                .hotline(config.hotline(), variables)
                .interviews(config.interviews(), config.knowledge().stopPhrasesFile());
        config.tickets().ifPresent(t -> b.tickets(t, config.deadlines())
                // Without departments nothing is escalated: no mail to send or read.
                .mail(mail, config.dataDir().resolve(AppConfig.MAIL_FOLDER))
                .letters(config.letters())
                .satisfaction(config.satisfaction())
                .applications(config.applications()));
        return b.build();
    }

    /** A server over this knowledge base and database with the defaults, and no optional feature yet. */
    public static Builder builder(ServerConfig server, KnowledgeBase knowledge, Database database) {
        return new Builder(server, knowledge, database);
    }

    /** The parts of a server, each optional feature added when its configuration is given. */
    public static final class Builder {
        private final ServerConfig server;
        private final KnowledgeBase knowledge;
        private final Database database;
        private ChatConfig chat = ChatConfig.DEFAULTS;
        private double answerThreshold = KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD;
        private StaffConfig staff = StaffConfig.defaults();
        private MetricsConfig metricsAccess = MetricsConfig.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private ClusterConfig cluster = ClusterConfig.defaults();
        private Ticker ticker = Ticker.systemTicker();
        private Optional<RetentionConfig> retention = Optional.empty();
        private Optional<AdminConfig> admin = Optional.empty();
        private KnowledgeConfig adminKnowledge;
        private Consumer<IndexProgress> reindexProgress = p -> { };
        private Optional<ReportsConfig> reports = Optional.empty();
        private WorkingCalendar reportsCalendar;
        private Optional<TicketsConfig> tickets = Optional.empty();
        private DeadlineRules deadlines;
        private Optional<RepliesConfig> mail = Optional.empty();
        private Path mailStore;
        private Optional<HotlineConfig> hotline = Optional.empty();
        private Function<String, Optional<String>> variables = name -> Optional.empty();
        private Optional<InterviewConfig> interviews = Optional.empty();
        private Path stopPhrases;
        private Optional<Map<String, String>> departments = Optional.empty();
        private Optional<LettersConfig> letters = Optional.empty();
        private Optional<SatisfactionConfig> satisfaction = Optional.empty();
        private Optional<ApplicationsConfig> applications = Optional.empty();

        private Builder(ServerConfig server, KnowledgeBase knowledge, Database database) {
            this.server = Objects.requireNonNull(server, "server");
            this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
            this.database = Objects.requireNonNull(database, "database");
        }

        /** The chat's WebSocket limits and allowed origins (also the staff sockets'). */
        public Builder chat(ChatConfig c) {
            this.chat = Objects.requireNonNull(c, "chat");
            return this;
        }

        /**
         * The knowledge base's answer threshold ({@code knowledge.answerThreshold}), which the chat
         * page puts an answer's confidence into words by; the default threshold when not given.
         */
        public Builder answerThreshold(double t) {
            this.answerThreshold = t;
            return this;
        }

        /** Staff sessions, password hashing, and the accounts created at start when missing. */
        public Builder staff(StaffConfig s) {
            this.staff = Objects.requireNonNull(s, "staff");
            return this;
        }

        /** Who may read {@code /metrics}. */
        public Builder metrics(MetricsConfig m) {
            this.metricsAccess = Objects.requireNonNull(m, "metrics");
            return this;
        }

        /**
         * This node among the nodes of the database: its id and the timings of its leadership and
         * outbox claims ({@link ClusterConfig#defaults()} when not given).
         */
        public Builder cluster(ClusterConfig c) {
            this.cluster = Objects.requireNonNull(c, "cluster");
            return this;
        }

        /** The wall clock (stored times, deadlines). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The monotonic time source (rate limits, durations). */
        public Builder ticker(Ticker t) {
            this.ticker = Objects.requireNonNull(t, "ticker");
            return this;
        }

        /** The clean-up of old conversations and expired sessions. */
        public Builder retention(RetentionConfig r) {
            this.retention = Optional.of(r);
            return this;
        }

        /**
         * The admin pages and the FAQ review: needs the knowledge base to be a
         * {@link SwappableKnowledgeBase}, which re-indexes swap and FAQ approvals teach.
         *
         * @param knowledgeConfig what a re-index builds
         */
        public Builder admin(AdminConfig a, KnowledgeConfig knowledgeConfig) {
            if (!(knowledge instanceof SwappableKnowledgeBase)) {
                throw new IllegalStateException("the admin pages re-index and swap the served knowledge base: serve"
                        + " a SwappableKnowledgeBase");
            }
            this.admin = Optional.of(a);
            this.adminKnowledge = Objects.requireNonNull(knowledgeConfig, "knowledgeConfig");
            return this;
        }

        /**
         * Told on a re-index's thread as the run begins and of each progress the admin page can read
         * (a test holds a run there to watch the page follow it).
         */
        public Builder reindexProgress(Consumer<IndexProgress> listener) {
            this.reindexProgress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The managers' reports, on this working-day calendar. */
        public Builder reports(ReportsConfig r, WorkingCalendar calendar) {
            this.reports = Optional.of(r);
            this.reportsCalendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        /** The ticket desk: the departments questions are escalated to, and their time limits. */
        public Builder tickets(TicketsConfig t, DeadlineRules d) {
            this.tickets = Optional.of(t);
            this.deadlines = Objects.requireNonNull(d, "deadlines");
            return this;
        }

        /**
         * Letters to the mailboxes of {@link #tickets} (needs it); the letter form is there only when
         * the configuration lists a mailbox.
         */
        public Builder letters(LettersConfig l) {
            this.letters = Optional.of(l);
            return this;
        }

        /** 满意度评价 and 回访 of the answers of {@link #tickets} (needs it). */
        public Builder satisfaction(SatisfactionConfig s) {
            this.satisfaction = Optional.of(s);
            return this;
        }

        /** Applications for disclosure (依申请公开), tickets of the desk of {@link #tickets} (needs it). */
        public Builder applications(ApplicationsConfig a) {
            this.applications = Optional.of(a);
            return this;
        }

        /**
         * The mail bridge between the ticket desk and the departments' mailboxes (needs
         * {@link #tickets}).
         *
         * @param store where the embedded mail server keeps its mail ({@code <data>/mail})
         */
        public Builder mail(RepliesConfig m, Path store) {
            this.mail = Optional.of(m);
            this.mailStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The operators' console and the telephony integrations.
         *
         * @param vars the environment, for tokens given as {@code tokenVariable}
         */
        public Builder hotline(HotlineConfig h, Function<String, Optional<String>> vars) {
            this.hotline = Optional.of(h);
            this.variables = Objects.requireNonNull(vars, "variables");
            return this;
        }

        /**
         * Online interviews.
         *
         * @param stopPhrasesFile the knowledge engine's stop phrases, or null for none
         */
        public Builder interviews(InterviewConfig i, Path stopPhrasesFile) {
            this.interviews = Optional.of(i);
            this.stopPhrases = stopPhrasesFile;
            return this;
        }

        /**
         * The departments an officer's account may belong to, id to name in order, when they are
         * not those of {@link #tickets} (a server without tickets whose accounts still name them).
         */
        public Builder departments(Map<String, String> d) {
            this.departments = Optional.of(Map.copyOf(d));
            return this;
        }

        /**
         * Builds and wires every part.
         *
         * @throws IllegalStateException when the mail bridge is asked for without tickets
         * @throws RuntimeException      a feature's failure at its start (an unset token variable, an
         *                               uploads folder that cannot be made): nothing listens yet
         */
        public Assembly build() {
            if (mail.isPresent() && tickets.isEmpty()) {
                throw new IllegalStateException("the mail bridge carries tickets: configure tickets first");
            }
            ServerMetrics metrics = new ServerMetrics();
            InFlightRequests inFlight = new InFlightRequests();
            WorkerPool workers = new WorkerPool("wenzheng-worker", server.workerThreads(), server.workerQueue());
            ConversationHub hub = new ConversationHub();
            ConversationStore conversations = new ConversationStore(database, clock);
            List<Feature> features = new ArrayList<>();
            try {
                return build(metrics, inFlight, workers, hub, conversations, features);
            } catch (RuntimeException e) {
                // Nothing listens yet: what was built is closed again; the knowledge base and the
                // database stay the caller's.
                for (int i = features.size() - 1; i >= 0; i--) {
                    try {
                        features.get(i).close();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                try {
                    workers.shutdown(java.time.Duration.ZERO);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
        }

        private Assembly build(ServerMetrics metrics, InFlightRequests inFlight, WorkerPool workers,
                ConversationHub hub, ConversationStore conversations, List<Feature> features) {
            List<Upgrade> upgrades = new ArrayList<>();
            List<StaffSocket> staffSockets = new ArrayList<>();

            // First: started before the work it decides on, closed after it (its locks freed last).
            Leadership leadership = Leadership.of(database, cluster);
            features.add(new Feature() {
                @Override
                public void addRoutes(Routes.Builder routes) {
                    // Background work only.
                }

                @Override
                public void start() {
                    leadership.start();
                }

                @Override
                public void close() {
                    leadership.close();
                }
            });
            features.add(new MetricsFeature(metrics, metricsAccess, knowledge, database, () -> !inFlight.draining()));
            ClassLoader pages = Assembly.class.getClassLoader();
            features.add(routes -> StaticFiles.addTo(routes, pages));
            Map<String, String> officerDepartments = new LinkedHashMap<>();
            tickets.ifPresent(t -> t.departments().forEach(d -> officerDepartments.put(d.id(), d.name())));
            StaffFeature staffFeature = new StaffFeature(staff, departments.orElse(officerDepartments), database,
                    workers, metrics, clock, ticker);
            ChatFeature chatFeature = new ChatFeature(knowledge, conversations, hub, chat, server,
                    staffFeature.guard(), workers, metrics, ticker, answerThreshold, clock);
            features.add(chatFeature);
            upgrades.add(chatFeature.sockets());
            features.add(staffFeature);

            retention.ifPresent(r -> features.add(new Housekeeping(r, conversations, staffFeature.accounts(),
                    leadership.singleton("retention"), clock)));
            admin.ifPresent(a -> {
                SwappableKnowledgeBase served = (SwappableKnowledgeBase) knowledge;
                FaqFeature faq = new FaqFeature(database, served, staffFeature.accounts(), staffFeature.guard(),
                        clock);
                features.add(faq);
                features.add(new AdminFeature(a, adminKnowledge, served, faq.approved(), staffFeature.accounts(),
                        staffFeature.guard(), clock, reindexProgress));
            });
            Map<String, String> mailboxNames = new LinkedHashMap<>();
            tickets.ifPresent(t -> t.mailboxes().forEach(m -> mailboxNames.put(m.id(), m.name())));
            reports.ifPresent(r -> features.add(new ReportsFeature(r, reportsCalendar, officerDepartments,
                    mailboxNames, database, staffFeature.guard(), clock)));
            Optional<TicketsFeature> ticketsFeature = tickets.map(t -> new TicketsFeature(t, deadlines, database,
                    knowledge, conversations, hub, staffFeature.accounts(), staffFeature.guard(),
                    leadership.singleton("deadlines"), clock, ticker));
            ticketsFeature.ifPresent(features::add);
            Optional<TicketService> desk = ticketsFeature.map(TicketsFeature::desk);
            if (letters.isPresent() && desk.isEmpty()) {
                throw new IllegalStateException("letters need the ticket desk: give tickets(…) too");
            }
            Optional<LettersConfig> mailboxLetters = letters.filter(l -> !tickets.orElseThrow().mailboxes().isEmpty());
            Optional<LettersFeature> lettersFeature = mailboxLetters.map(l -> new LettersFeature(l, desk.orElseThrow(),
                    deadlines, database, staffFeature.guard(), clock, ticker));
            lettersFeature.ifPresent(features::add);
            mailboxLetters.ifPresent(l -> features.add(new LetterPublicationFeature(l, desk.orElseThrow(), database,
                    staffFeature.accounts(), staffFeature.guard(), clock)));
            if (satisfaction.isPresent() && desk.isEmpty()) {
                throw new IllegalStateException("satisfaction needs the ticket desk: give tickets(…) too");
            }
            satisfaction.ifPresent(s -> features.add(new SatisfactionFeature(s, desk.orElseThrow(),
                    deadlines.calendar(), database, staffFeature.guard(), clock, ticker)));
            if (applications.isPresent() && desk.isEmpty()) {
                throw new IllegalStateException("applications need the ticket desk: give tickets(…) too");
            }
            applications.ifPresent(a -> features.add(new ApplicationsFeature(a, desk.orElseThrow(), deadlines, database,
                    clock, ticker)));
            Optional<RepliesFeature> mailFeature = mail.map(m -> RepliesFeature.of(m, tickets.orElseThrow(),
                    desk.orElseThrow(), mailStore, database, leadership, hub, staffFeature.guard(), metrics, clock,
                    lettersFeature.map(LettersFeature::byMail)));
            mailFeature.ifPresent(features::add);
            hotline.ifPresent(h -> {
                HotlineFeature console = new HotlineFeature(h, server.maxQuestionChars(), variables, desk, database,
                        knowledge, staffFeature.guard(), metrics, clock);
                features.add(console);
                staffSockets.add(console.consoleSocket());
            });
            // Without a ticket desk, questions left unanswered at the end of an interview wait as to_escalate.
            interviews.ifPresent(i -> features.add(InterviewsFeature.of(i, server.answerCache(), stopPhrases,
                    desk.map(d -> TicketEscalator.over(() -> d)), database, knowledge, staffFeature.accounts(),
                    staffFeature.guard(), metrics, clock, ticker)));
            if (!staffSockets.isEmpty()) {
                upgrades.add(staffFeature.sockets(staffSockets, chat.allowedOrigins(), chat.idleTimeout(),
                        chat.maxConnectionsPerAddress(), server.host()));
            }
            WenzhengServer s = new WenzhengServer(server, new WenzhengServer.Parts(workers, metrics, inFlight, ticker,
                    features, upgrades, List.of(knowledge, database)));
            return new Assembly(s, hub, desk, mailFeature);
        }
    }
}
