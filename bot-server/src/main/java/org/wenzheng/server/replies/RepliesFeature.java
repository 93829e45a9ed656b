package org.wenzheng.server.replies;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.AutoReplyMail;
import org.wenzheng.connectors.mail.ImapMailInbox;
import org.wenzheng.connectors.mail.MailConnector;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.connectors.mail.MailSettings;
import org.wenzheng.connectors.mail.ReplyAddresses;
import org.wenzheng.connectors.mail.ReplyParser;
import org.wenzheng.connectors.webhook.WebhookConnector;
import org.wenzheng.connectors.webhook.WebhookSettings;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.MailedLetters;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.NoticePayload;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.tickets.TicketsConfig;

/**
 * The mail bridge as a part of the server: the outbox relay (notices out through the connectors),
 * the inbound processor (officers' replies in), the webhook callback, the administrators' outbox
 * and held-mail API, their metrics, and — with the demo configuration — the embedded mail server.
 *
 * <p>Started after the server listens: the embedded mail server first (the relay and the reader
 * talk to it), then the relay and the reader. Closed in the reverse order: the reader (its IDLE
 * ended), the relay, the connectors, and the embedded mail server last.
 */
public final class RepliesFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(RepliesFeature.class);
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final RepliesConfig config;
    private final List<String> departmentAddresses;
    private final List<String> mailboxAddresses;
    private final Path embeddedStore;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final OutboxRelay relay;
    private final InboundProcessor processor;
    private final WebhookCallbackEndpoint webhookCallbacks;
    private final StaffMailEndpoints staff;
    private final Guard guard;
    private EmbeddedMailServer mailServer;
    private volatile boolean started;

    /**
     * @param config               the mail bridge's settings
     * @param desk                 the tickets
     * @param inboxes              opens Wenzheng's mailbox (IMAP)
     * @param departmentConnectors each department's connector (mail, or a webhook's name), by department id
     * @param hooks                points in the processing of a mail, for crash tests; {@link InboundProcessor.Hooks#NONE}
     * @param departmentAddresses  the departments' addresses, which get a mailbox on the embedded server
     * @param embeddedStore        where the embedded server keeps its mail ({@code <data>/mail})
     * @param hub                  the open chats, where an answer that came by mail is pushed
     */
    private RepliesFeature(RepliesConfig config, TicketDesk desk, Function<MailSettings.Imap, MailInbox> inboxes,
            Map<String, String> departmentConnectors, InboundProcessor.Hooks hooks, List<String> departmentAddresses,
            Path embeddedStore, Database database, Leadership leadership, ConversationHub hub, Guard guard,
            ServerMetrics metrics, Clock clock, TicketsConfig tickets, Optional<MailedLetters> letters) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(desk, "desk");
        Map<String, Set<String>> served = new LinkedHashMap<>();
        departmentConnectors.forEach((dept, connector) -> served.computeIfAbsent(connector, k -> new HashSet<>())
                .add(dept));
        Map<String, Set<String>> webhookDepartments = Map.copyOf(served);
        this.departmentAddresses = List.copyOf(departmentAddresses);
        this.embeddedStore = Objects.requireNonNull(embeddedStore, "embeddedStore");
        this.guard = Objects.requireNonNull(guard, "guard");

        OutboxStore outbox = new OutboxStore(database);
        InboundStore inbound = new InboundStore(database);
        ReplyTokenStore replyTokens = new ReplyTokenStore(database, clock);
        connectors.put(MailConnector.NAME, new MailConnector(config.mail().smtp(), clock, replyTokens));
        for (WebhookSettings w : config.webhooks()) {
            connectors.put(w.name(), new WebhookConnector(w));
        }
        relay = new OutboxRelay(outbox, connectors, NoticePayload::read, config, leadership.cluster(), clock);
        // A new ticket's escalation leaves at once, not at the relay's next poll.
        desk.onOutboxChange(relay::wakeUp);
        ReplyIntake intake = new ReplyIntake(inbound, desk, clock);
        String own = config.mail().smtp().fromAddress().toLowerCase(Locale.ROOT);
        this.mailboxAddresses = tickets.mailboxes().stream().map(Mailbox::address).filter(Objects::nonNull).toList();
        if (mailboxAddresses.contains(own)) {
            throw new IllegalArgumentException("mailboxes: " + own + " is Wenzheng's own address (mail.smtp.fromAddress),"
                    + " where officers' replies arrive; give the mailbox an address of its own");
        }
        Optional<LetterMail> letterMail = letters.filter(l -> !mailboxAddresses.isEmpty()).map(l -> new LetterMail(
                tickets.mailboxes(), departmentAddresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.toSet()), own, config.mail().smtp().messageIdDomain(), l,
                new AutoReplyMail(config.mail().smtp(), clock),
                tickets.staffUrl() == null ? "" : tickets.staffUrl()));
        processor = new InboundProcessor(inboxes.apply(config.mail().imap()), config, intake,
                ReplyIntake.Sender.officerMail(desk, new ReplyAddresses(config.mail().smtp().fromAddress()),
                        replyTokens, new MailAuthentication(config.intake().trustedAuthservId())),
                inbound, hub, clock, hooks, leadership.singleton("imap:" + config.mailboxKey()), letterMail);
        webhookCallbacks = new WebhookCallbackEndpoint(config.webhooks(), webhookDepartments, inbound, intake, hub,
                clock);
        Function<byte[], InboundReply> parser = raw -> ReplyParser.parse(raw, "held", clock.instant());
        HeldMail held = new HeldMail(inbound, desk, parser, hub, clock);
        // The ticket desk shows a ticket's held replies on it, and its staff may accept one.
        desk.heldRepliesFrom(held);
        staff = new StaffMailEndpoints(outbox, inbound, relay::wakeUp, parser, held, clock);

        metrics.gauge("wenzheng_outbox_pending", relay::pending);
        metrics.gauge("wenzheng_outbox_failed", relay::failed);
        metrics.counter("wenzheng_outbox_delivered_total", "Notices delivered by the outbox relay.",
                relay::delivered);
        metrics.counter("wenzheng_outbox_permanent_failures_total",
                "Notices that failed permanently (kept as failed for an administrator).", relay::permanentFailures);
    }

    /**
     * The production wiring: Wenzheng's mailbox read over IMAP, the departments' connectors and
     * addresses from the tickets configuration, no crash hooks.
     *
     * @param embeddedStore where the embedded mail server keeps its mail ({@code <data>/mail})
     * @param leadership    this node among the others: the relay's claims carry its id, and the
     *                      mailbox is read only while it leads the mailbox's reader
     */
    public static RepliesFeature of(RepliesConfig config, TicketsConfig tickets, TicketDesk desk,
            Path embeddedStore, Database database, Leadership leadership, ConversationHub hub, Guard guard,
            ServerMetrics metrics, Clock clock) {
        return of(config, tickets, desk, embeddedStore, database, leadership, hub, guard, metrics, clock,
                Optional.empty());
    }

    /**
     * {@link #of(RepliesConfig, TicketsConfig, TicketDesk, Path, Database, Leadership, ConversationHub, Guard,
     * ServerMetrics, Clock)}, making citizens' mail to the mailboxes' public addresses letters.
     */
    public static RepliesFeature of(RepliesConfig config, TicketsConfig tickets, TicketDesk desk,
            Path embeddedStore, Database database, Leadership leadership, ConversationHub hub, Guard guard,
            ServerMetrics metrics, Clock clock, Optional<MailedLetters> letters) {
        Map<String, String> connectorsByDepartment = new LinkedHashMap<>();
        for (Department d : tickets.departments()) {
            connectorsByDepartment.put(d.id(), d.connector());
        }
        return new RepliesFeature(config, desk, imap -> new ImapMailInbox(imap, clock), connectorsByDepartment,
                InboundProcessor.Hooks.NONE, departmentAddresses(tickets), embeddedStore, database, leadership, hub,
                guard, metrics, clock, tickets, letters);
    }

    /** Every address of the departments: their mailboxes, officers and supervisors. */
    static List<String> departmentAddresses(TicketsConfig tickets) {
        List<String> addresses = new ArrayList<>();
        for (Department d : tickets.departments()) {
            addresses.addAll(d.mailboxes());
            addresses.addAll(d.officers());
            addresses.add(d.supervisor());
        }
        return addresses;
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.post("/api/v1/connectors/webhook/{name}/answers", webhookCallbacks);
        routes.get("/api/v1/staff/outbox", guard.api(ADMIN, staff::listOutbox))
                .post("/api/v1/staff/outbox/{id}/retry", guard.api(ADMIN, staff::retryOutbox))
                .get("/api/v1/staff/held", guard.api(ADMIN, staff::listHeld))
                .get("/api/v1/staff/held/{id}", guard.api(ADMIN, staff::showHeld))
                .post("/api/v1/staff/held/{id}/release", guard.api(ADMIN, staff::release))
                .post("/api/v1/staff/held/{id}/discard", guard.api(ADMIN, staff::discard));
    }

    @Override
    public void start() {
        if (config.embedded()) {
            mailServer = EmbeddedMailServer.start(config.withAccounts(embeddedAccounts(config, departmentAddresses)),
                    embeddedStore, mailboxAddresses);
        }
        relay.refreshCountsQuietly();
        relay.start();
        processor.start();
        started = true;
    }

    /** Delivers due notices now rather than at the next poll: the tickets side calls it after a commit. */
    public void wakeUp() {
        if (started) {
            relay.wakeUp();
        }
    }

    /**
     * Tells the operator where the mail goes: the servers, and with the embedded server its
     * mailboxes (the demo passwords derived from the addresses; Wenzheng's own is in the file).
     */
    public void describe(PrintWriter out, String configFile) {
        MailSettings.Smtp smtp = config.mail().smtp();
        MailSettings.Imap imap = config.mail().imap();
        if (mailServer != null) {
            out.println("Mail: the embedded mail server (mail kept in " + embeddedStore + ") on this machine: SMTP "
                    + smtp.host() + ":" + mailServer.smtpPort() + ", IMAP " + imap.host() + ":" + mailServer.imapPort()
                    + ", no encryption, plain login (user name = address):");
            out.println("  " + imap.username() + " (Wenzheng's own mailbox; its password is in " + configFile + ")");
            for (RepliesConfig.Account a : mailServer.accounts()) {
                if (!a.address().equalsIgnoreCase(imap.username())) {
                    out.println("  " + a.address() + " password " + a.password());
                }
            }
        } else {
            out.println("Mail: sending through SMTP " + smtp.host() + ":" + smtp.port() + " ("
                    + smtp.security().name().toLowerCase(Locale.ROOT) + "), reading " + imap.username() + " at IMAP "
                    + imap.host() + ":" + imap.port() + "/" + imap.folder() + " ("
                    + imap.security().name().toLowerCase(Locale.ROOT) + ")");
        }
        for (WebhookSettings w : config.webhooks()) {
            out.println("Webhook " + w.name() + ": notices to " + w.url() + ", answers back at /api/v1/connectors/webhook/"
                    + w.name() + "/answers");
        }
    }

    /**
     * The embedded server's mailboxes besides Wenzheng's own: the configured accounts, then every
     * department address not among them, with the part before the @ as its demo password.
     */
    static List<RepliesConfig.Account> embeddedAccounts(RepliesConfig config, List<String> departmentAddresses) {
        Map<String, RepliesConfig.Account> out = new LinkedHashMap<>();
        for (RepliesConfig.Account a : config.accounts()) {
            out.put(a.address(), a);
        }
        for (String address : departmentAddresses) {
            String a = address.strip().toLowerCase(Locale.ROOT);
            out.putIfAbsent(a, new RepliesConfig.Account(a, a.substring(0, a.indexOf('@'))));
        }
        return new ArrayList<>(out.values());
    }

    @Override
    public void close() {
        processor.close();
        relay.close();
        for (Connector c : connectors.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                log.warn("closing the connector {} failed", c.name(), e);
            }
        }
        if (mailServer != null) {
            mailServer.close();
        }
    }
}
