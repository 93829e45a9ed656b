package org.wenzheng.server.letters;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The citizens' letter API: what the form offers ({@code GET /api/v1/letters/form}) and sending a
 * letter ({@code POST /api/v1/letters}). Bodies are checked on the event loop, the work runs on
 * workers. A letter is then a ticket: its writer follows it with the code and key (or 查询码) at
 * {@code GET /api/v1/tickets/{code}} and on /track, as any ticket.
 */
final class LetterEndpoints {
    private static final Logger log = LoggerFactory.getLogger(LetterEndpoints.class);
    /** Client addresses whose buckets are kept at once. */
    static final int MAX_TRACKED_CLIENTS = 100_000;

    private final TicketService tickets;
    private final TicketsConfig ticketsConfig;
    private final DeadlineRules deadlines;
    private final LettersConfig config;
    private final LetterStore store = new LetterStore();
    private final TokenBuckets buckets;

    LetterEndpoints(TicketService tickets, DeadlineRules deadlines, LettersConfig config, Ticker ticker) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.ticketsConfig = tickets.config();
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.config = Objects.requireNonNull(config, "config");
        this.buckets = new TokenBuckets(config.createRateLimit(), MAX_TRACKED_CLIENTS, ticker);
    }

    record MailboxView(String id, String name, String description, boolean publish) {
    }

    /** A letter type as the form offers it: its answer days on the office's calendar. */
    record TypeView(String id, String name, int answerDays, boolean nameRequired, boolean publishable) {
    }

    record Limits(int title, int content, int name) {
    }

    record FormView(List<MailboxView> mailboxes, List<TypeView> types, Limits limits) {
    }

    record CreatedView(String code, String key, String pin, String mailbox, String mailboxName, String type,
            String typeName, String department, String deadline, String status) {
    }

    /** {@code GET /api/v1/letters/form}: the mailboxes, the letter types with their days, the limits. */
    Endpoint form() {
        FormView view = new FormView(
                ticketsConfig.mailboxes().stream()
                        .map(m -> new MailboxView(m.id(), m.name(), m.description(), m.publish())).toList(),
                Arrays.stream(TicketType.values()).filter(TicketType::letterType)
                        .map(t -> new TypeView(t.dbName(), t.label(), deadlines.limits(t).answerDays(),
                                config.nameRequiredFor().contains(t), !t.confidential())).toList(),
                new Limits(config.maxTitleChars(), config.maxContentChars(), config.maxNameChars()));
        return request -> Reply.now(Response.json(HttpResponseStatus.OK, view));
    }

    /** {@code POST /api/v1/letters}: 201 with the code, the key and the 查询码 (shown this once). */
    Endpoint create() {
        return request -> {
            LetterRequest letter = LetterRequest.parse(JsonBodies.object(request), config, ticketsConfig);
            buckets.take(request.clientIp(), "写信太频繁了");
            return Reply.blocking(() -> {
                TicketService.Created c = tickets.create(letter.ticket(config), (conn, code) -> store.insert(conn,
                        code, LetterStore.Via.FORM, letter.name(), letter.publish()));
                Mailbox m = letter.mailbox();
                // Neither the name nor the contact: they are personal data.
                log.info("letter received code={} mailbox={} type={} department={} named={} contact={} publish={}",
                        c.code(), m.id(), letter.type().dbName(), c.department(), letter.name() != null,
                        letter.contact().consent(), letter.publish());
                return Response.json(HttpResponseStatus.CREATED, new CreatedView(c.code(), c.key(), c.pin(), m.id(),
                        m.name(), letter.type().dbName(), letter.type().label(), c.departmentName(),
                        c.deadline().toString(), c.status()));
            });
        };
    }
}
