package org.wenzheng.server.tickets;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.http.ServerFeature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * Tickets in the server: the citizens' ticket API ({@code POST /api/v1/tickets},
 * {@code GET /api/v1/tickets/{code}?key=…}), the staff ticket API under
 * {@code /api/v1/staff/tickets} (officers and admins, CSRF-checked), and the deadline watcher.
 * The {@link TicketService} it builds is also the {@link TicketDesk} of the mail bridge
 * ({@link #desk()}, available after install).
 */
public final class TicketsFeature implements ServerFeature {
    /** Who may work on tickets. */
    static final Set<Role> STAFF = EnumSet.of(Role.OFFICER, Role.ADMIN);

    private final TicketsConfig config;
    private final DeadlineRules deadlines;
    private TicketService service;
    private DeadlineWatcher watcher;

    public TicketsFeature(TicketsConfig config, DeadlineRules deadlines) {
        this.config = Objects.requireNonNull(config, "config");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
    }

    @Override
    public void install(Routes.Builder routes, Context context) {
        service = new TicketService(context.database(), config, deadlines, context.knowledge(),
                context.conversations(), context.clock());
        TicketEndpoints api = new TicketEndpoints(service, context.hub(),
                new AccountStore(context.database(), context.clock()), context.ticker());
        String staff = "/api/v1/staff/tickets";
        routes.post("/api/v1/tickets", api.create())
                .get("/api/v1/tickets/{code}", api.view())
                .get(staff, context.guard().api(STAFF, api.list()))
                .get(staff + "/{code}", context.guard().api(STAFF, api.detail()))
                .post(staff + "/{code}/answer", context.guard().api(STAFF, api.answer()))
                .post(staff + "/{code}/transfer", context.guard().api(STAFF, api.transfer()))
                .post(staff + "/{code}/extend", context.guard().api(STAFF, api.extend()))
                .post(staff + "/{code}/correction", context.guard().api(STAFF, api.correction()))
                .post(staff + "/{code}/correction-received", context.guard().api(STAFF, api.correctionReceived()))
                .post(staff + "/{code}/close", context.guard().api(STAFF, api.close()));
        watcher = new DeadlineWatcher(service, config.watchInterval());
    }

    @Override
    public void start() {
        watcher.start();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** The ticket desk, for the mail bridge; after {@link #install}. */
    public TicketService desk() {
        if (service == null) {
            throw new IllegalStateException("the tickets feature is not installed yet");
        }
        return service;
    }
}
