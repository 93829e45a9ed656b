package org.wenzheng.server.applications;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The applications API: filing one ({@code POST /api/v1/applications}) and its 受理回执
 * ({@code GET /apply/receipt?code=…&key=…}). An application is a ticket of type disclosure (its
 * deadlines, reminders, 补正 and extension are the ticket desk's) with its form in the
 * {@code applications} table, both written in one transaction.
 */
final class ApplicationEndpoints {
    private static final Logger log = LoggerFactory.getLogger(ApplicationEndpoints.class);
    /** Client addresses whose buckets are kept at once. */
    static final int MAX_TRACKED_CLIENTS = 100_000;
    static final String CHANNEL = "application";
    static final String RECEIPT_PATH = "/apply/receipt";

    private final TicketService tickets;
    private final DeadlineRules deadlines;
    private final ApplicationsConfig config;
    private final ApplicationStore store;
    private final TokenBuckets buckets;
    private final Clock clock;

    ApplicationEndpoints(TicketService tickets, DeadlineRules deadlines, ApplicationsConfig config,
            ApplicationStore store, Clock clock, Ticker ticker) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = new TokenBuckets(config.createRateLimit(), MAX_TRACKED_CLIENTS, ticker);
    }

    /**
     * What a new application tells its applicant.
     *
     * @param key        the access key, shown this once
     * @param receivedOn the day of receipt, from which the deadline counts
     * @param receipt    where the 受理回执 is (with the key: keep it private)
     */
    record CreatedView(String code, String key, String pin, String receivedOn, String deadline, int answerDays,
            String department, String receipt) {
    }

    /** {@code POST /api/v1/applications}: 201 with the code, the key, the day of receipt and the deadline. */
    Endpoint create() {
        return request -> {
            LocalDate today = LocalDate.now(clock.withZone(TicketService.ZONE));
            ApplicationRequest a = ApplicationRequest.parse(JsonBodies.object(request), config, today);
            buckets.take(request.clientIp(), "提交申请太频繁了");
            return Reply.blocking(() -> {
                AtomicReference<LocalDate> received = new AtomicReference<>();
                TicketService.Created c = tickets.create(new NewTicket(a.ticketQuestion(), CHANNEL, null,
                        TicketType.DISCLOSURE.dbName(), a.email(), a.phone(), true, null,
                        new NewTicket.Application(a.lookup(config))),
                        (conn, code) -> received.set(store.insert(conn, code, ApplicationStore.Via.ONLINE, a)));
                // Nothing of the applicant: who applies is personal data.
                log.info("application received code={} applicant={} form={} delivery={} department={}", c.code(),
                        a.applicantType().id(), a.form().id(), a.delivery().id(), c.department());
                return Response.json(HttpResponseStatus.CREATED, new CreatedView(c.code(), c.key(), c.pin(),
                        received.get().toString(), c.deadline().toString(),
                        deadlines.limits(TicketType.DISCLOSURE).answerDays(), c.departmentName(),
                        RECEIPT_PATH + "?code=" + c.code() + "&key=" + c.key()));
            });
        };
    }

    /** {@code GET /apply/receipt?code=…&key=…}: the printable 受理回执; 404 for a wrong code or key alike. */
    Endpoint receipt() {
        return request -> {
            String code = request.queryParam("code").orElse("");
            String key = request.queryParam("key").orElse("");
            return Reply.blocking(() -> {
                Optional<TicketService.CitizenView> view = tickets.view(code, key);
                Optional<ApplicationStore.Stored> stored = view.flatMap(v -> store.find(v.code()));
                if (stored.isEmpty()) {
                    throw new ApiException(HttpResponseStatus.NOT_FOUND, "not_found",
                            "没有找到这份申请：请核对编号和查询密钥（提交申请后页面上显示的链接）");
                }
                return Response.text(HttpResponseStatus.OK, Response.HTML, ReceiptPage.render(stored.get(),
                        view.get().department(), view.get().deadline(), deadlines.limits(TicketType.DISCLOSURE)))
                        .withHeader("Cache-Control", "no-store");
            });
        };
    }
}
