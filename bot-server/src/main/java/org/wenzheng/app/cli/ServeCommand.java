package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.replies.RepliesConfig;
import org.wenzheng.server.metrics.MetricsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wenzheng serve}: the HTTP server with the citizen chat page and the API, until Ctrl-C or
 * SIGTERM, which stop it gracefully.
 */
@Command(name = "serve", description = {
        "Serves the citizen chat page and the JSON API over HTTP until stopped (Ctrl-C or SIGTERM).",
        "Example: wenzheng serve --port 8080"})
public final class ServeCommand extends CommandBase {
    /** Environment variable overriding server.port of the configuration. */
    public static final String PORT_VARIABLE = "WENZHENG_PORT";
    /** Environment variable overriding server.host of the configuration. */
    public static final String HOST_VARIABLE = "WENZHENG_HOST";
    /** Environment variables overriding mail.smtp.port and mail.imap.port (a second embedded server, tests). */
    public static final String MAIL_SMTP_PORT_VARIABLE = "WENZHENG_MAIL_SMTP_PORT";
    public static final String MAIL_IMAP_PORT_VARIABLE = "WENZHENG_MAIL_IMAP_PORT";
    /** Environment variable overriding database.password: the password need not be written in a file. */
    public static final String DB_PASSWORD_VARIABLE = "WENZHENG_DB_PASSWORD";
    /** Environment variable overriding cluster.nodeId: one configuration file for every node. */
    public static final String NODE_ID_VARIABLE = "WENZHENG_NODE_ID";
    /** Environment variable overriding metrics.token, for the same reason. */
    public static final String METRICS_TOKEN_VARIABLE = "WENZHENG_METRICS_TOKEN";

    @Option(names = "--port", paramLabel = "N",
            description = "Port to listen on, 0 for any free one (default: $WENZHENG_PORT, else server.port "
                    + "of the configuration, 8080).")
    private Integer port;

    @Option(names = "--host", paramLabel = "H",
            description = "Address to listen on (default: $WENZHENG_HOST, else server.host of the configuration, "
                    + "127.0.0.1).")
    private String host;

    public ServeCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        AppConfig config = common.load(env);
        ServerConfig serverConfig = effective(config.server(), Optional.ofNullable(host), Optional.ofNullable(port),
                env);
        PrintWriter out = out();
        Clock clock = Clock.systemUTC();
        RepliesConfig mail = mail(config.mail(), env);
        MetricsConfig metricsAccess = metrics(config.metrics(), env);
        // First: a data folder that cannot be written would pass every read at start and fail each write later.
        WritableFolders.check(WritableFolders.ofServer(config));
        // Then: a database that cannot be reached or migrated stops the start before a long index build.
        Database database = Database.open(database(config.database(), env));
        SwappableKnowledgeBase kb;
        try {
            kb = new SwappableKnowledgeBase(Indexing.openBuildingIfMissing(config.knowledgeConfig(), err(),
                    env.terminal()));
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        Indexing.printFaqSources(kb, err());
        // So an operator adds next year's holidays before deadlines reach into it.
        config.calendar().startWarnings(LocalDate.now(clock.withZone(DeadlineRules.ZONE)))
                .forEach(w -> err().println("warning: " + w));
        Assembly assembly;
        try {
            // A feature's bad setting (an unset token variable) stops the start here, before anything listens.
            assembly = Assembly.of(config, serverConfig, mail, metricsAccess, cluster(config.cluster(), env),
                    database, kb, env::variable, clock);
        } catch (RuntimeException e) {
            kb.close();
            database.close();
            throw e;
        }
        WenzhengServer server = assembly.server();
        InetSocketAddress address;
        try {
            address = server.start();
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw e;
        }
        // The JVM runs this on Ctrl-C and SIGTERM; the server lets requests in flight finish first.
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wenzheng-shutdown"));
        String url = "http://" + hostForUrl(address) + ":" + address.getPort() + "/";
        out.println("Wenzheng is listening on " + url);
        printAccounts(out, config, url + "login");
        assembly.mail().ifPresent(bridge -> bridge.describe(out, config.file()));
        out.println("Ctrl-C stops it (requests in flight get up to " + serverConfig.shutdownGrace().toSeconds()
                + " s to finish).");
        out.flush();
        server.awaitStopped();
        return 0;
    }

    /**
     * The configuration's server part with the command line and environment applied: a flag wins
     * over its variable, which wins over the file.
     *
     * @throws InputException when a variable does not hold a valid value
     */
    static ServerConfig effective(ServerConfig fromFile, Optional<String> hostFlag, Optional<Integer> portFlag,
            Environment env) {
        ServerConfig c = fromFile;
        Optional<String> h = hostFlag.or(() -> env.variable(HOST_VARIABLE));
        if (h.isPresent()) {
            c = apply(() -> fromFile.withHost(h.get()), hostFlag.isPresent() ? "--host" : HOST_VARIABLE);
        }
        Optional<Integer> p = portFlag.isPresent() ? portFlag
                : env.variable(PORT_VARIABLE).map(ServeCommand::portNumber);
        if (p.isPresent()) {
            ServerConfig withHost = c;
            c = apply(() -> withHost.withPort(p.get()), portFlag.isPresent() ? "--port" : PORT_VARIABLE);
        }
        return c;
    }

    /** The configuration's database part with the password from {@value #DB_PASSWORD_VARIABLE} when set. */
    static DatabaseConfig database(DatabaseConfig fromFile, Environment env) {
        return env.variable(DB_PASSWORD_VARIABLE).map(fromFile::withPassword).orElse(fromFile);
    }

    /** The configuration's cluster part with the node id from {@value #NODE_ID_VARIABLE} when set. */
    static ClusterConfig cluster(ClusterConfig fromFile, Environment env) {
        Optional<String> id = env.variable(NODE_ID_VARIABLE);
        if (id.isEmpty()) {
            return fromFile;
        }
        try {
            return fromFile.withNodeId(id.get());
        } catch (IllegalArgumentException e) {
            throw new InputException(NODE_ID_VARIABLE + ": " + e.getMessage());
        }
    }

    /** The configuration's metrics part with the token from {@value #METRICS_TOKEN_VARIABLE} when set. */
    static MetricsConfig metrics(MetricsConfig fromFile, Environment env) {
        Optional<String> t = env.variable(METRICS_TOKEN_VARIABLE);
        if (t.isEmpty()) {
            return fromFile;
        }
        try {
            return fromFile.withToken(t.get());
        } catch (IllegalArgumentException e) {
            throw new InputException(METRICS_TOKEN_VARIABLE + ": " + e.getMessage());
        }
    }

    /** The configuration's mail part with the ports of {@value #MAIL_SMTP_PORT_VARIABLE} and {@value #MAIL_IMAP_PORT_VARIABLE}. */
    static RepliesConfig mail(RepliesConfig fromFile, Environment env) {
        Optional<Integer> smtp = env.variable(MAIL_SMTP_PORT_VARIABLE).map(v -> portNumber(MAIL_SMTP_PORT_VARIABLE, v));
        Optional<Integer> imap = env.variable(MAIL_IMAP_PORT_VARIABLE).map(v -> portNumber(MAIL_IMAP_PORT_VARIABLE, v));
        if (smtp.isEmpty() && imap.isEmpty()) {
            return fromFile;
        }
        try {
            return fromFile.withPorts(smtp.orElse(fromFile.mail().smtp().port()),
                    imap.orElse(fromFile.mail().imap().port()));
        } catch (IllegalArgumentException e) {
            throw new InputException((smtp.isPresent() ? MAIL_SMTP_PORT_VARIABLE : MAIL_IMAP_PORT_VARIABLE) + ": "
                    + e.getMessage());
        }
    }

    private static ServerConfig apply(Supplier<ServerConfig> change, String source) {
        try {
            return change.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(source + ": " + e.getMessage());
        }
    }

    private static int portNumber(String text) {
        return portNumber(PORT_VARIABLE, text);
    }

    private static int portNumber(String variable, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InputException(variable + " must be a port number, got '" + text + "'");
        }
    }

    /** Which staff accounts the configuration defines (never their passwords: those stay in the file). */
    static void printAccounts(PrintWriter out, AppConfig config, String loginUrl) {
        List<StaffConfig.SeedAccount> accounts = config.staff().accounts();
        if (accounts.isEmpty()) {
            out.println("Staff login: " + loginUrl + " (the configuration defines no accounts).");
            return;
        }
        out.println("Staff login: " + loginUrl + " with the accounts of " + config.file()
                + " (their passwords are in that file):");
        for (StaffConfig.SeedAccount a : accounts) {
            out.println("  " + a.username() + " (" + a.role().id() + ")");
        }
    }

    private static String hostForUrl(InetSocketAddress a) {
        String h = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
