package org.wenzheng.server.tickets;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.Leadership;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * Tickets in the server: the citizens' ticket API ({@code POST /api/v1/tickets},
 * {@code GET /api/v1/tickets/{code}?key=…}), 办件查询 (the page {@code /track} and
 * {@code POST /api/v1/tickets/track}), the staff ticket API under
 * {@code /api/v1/staff/tickets} (officers and admins, CSRF-checked), and the deadline watcher.
 * The {@link TicketService} it builds is also the {@link TicketDesk} of the mail bridge, the
 * console and the interviews ({@link #desk()}).
 */
public final class TicketsFeature implements Feature {
    /** Who may work on tickets. */
    static final Set<Role> STAFF = EnumSet.of(Role.OFFICER, Role.ADMIN);

    private final TicketService service;
    private final TicketEndpoints api;
    private final Guard guard;
    private final DeadlineWatcher watcher;

    /**
     * @param accounts the staff accounts (an officer's department decides which tickets they see)
     * @param hub      the open chats, where an answer is pushed to the citizen
     * @param watcher  the deadline watcher's leadership: it watches only on the node that leads it
     */
    public TicketsFeature(TicketsConfig config, DeadlineRules deadlines, Database database, KnowledgeBase knowledge,
            ConversationStore conversations, ConversationHub hub, AccountStore accounts, Guard guard,
            Leadership.Singleton watcher, Clock clock, Ticker ticker) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deadlines, "deadlines");
        this.service = new TicketService(database, config, deadlines, knowledge, conversations, clock);
        this.api = new TicketEndpoints(service, hub, accounts, ticker);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.watcher = new DeadlineWatcher(service, config.watchInterval(), watcher);
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        String staff = "/api/v1/staff/tickets";
        routes.post("/api/v1/tickets", api.create())
                .post("/api/v1/tickets/track", api.track())
                .get("/track", StaticFiles.file(TicketsFeature.class.getClassLoader(), "track.html", Response.HTML))
                .get("/track.js", StaticFiles.file(TicketsFeature.class.getClassLoader(), "track.js",
                        "text/javascript; charset=utf-8"))
                .get("/api/v1/tickets/{code}", api.view())
                .get(staff, guard.api(STAFF, api.list()))
                .get(staff + "/{code}", guard.api(STAFF, api.detail()))
                .post(staff + "/{code}/answer", guard.api(STAFF, api.answer()))
                .post(staff + "/{code}/transfer", guard.api(STAFF, api.transfer()))
                .post(staff + "/{code}/extend", guard.api(STAFF, api.extend()))
                .post(staff + "/{code}/correction", guard.api(STAFF, api.correction()))
                .post(staff + "/{code}/correction-received", guard.api(STAFF, api.correctionReceived()))
                .post(staff + "/{code}/close", guard.api(STAFF, api.close()))
                .post(staff + "/{code}/take", guard.api(STAFF, api.take()))
                .post(staff + "/{code}/assign", guard.api(STAFF, api.assign()))
                .post(staff + "/{code}/held/{id}/accept", guard.api(STAFF, api.acceptHeld()));
    }

    @Override
    public void start() {
        watcher.start();
    }

    @Override
    public void close() {
        watcher.close();
    }

    /** The ticket desk (its service), for the features that escalate to it. */
    public TicketService desk() {
        return service;
    }
}
