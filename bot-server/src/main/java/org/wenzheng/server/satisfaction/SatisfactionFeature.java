package org.wenzheng.server.satisfaction;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffPage;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * 满意度评价 and 回访: citizens rate an answer ({@code POST /api/v1/tickets/{code}/rating}, from
 * /track, the chat page and the link in the answer mail, with the widget {@code /rating.js}); staff
 * keep the follow-up list of answered 投诉 and 求助 ({@code /api/v1/staff/follow-ups}, the page
 * {@code /admin/follow-ups}). {@link #service()} gives the figures to the reports.
 */
public final class SatisfactionFeature implements Feature {
    /** Who calls back: the hotline's operators, officers, administrators. */
    static final Set<Role> STAFF = EnumSet.of(Role.OPERATOR, Role.OFFICER, Role.ADMIN);

    private final SatisfactionService service;
    private final SatisfactionEndpoints api;
    private final Guard guard;

    public SatisfactionFeature(SatisfactionConfig config, TicketService tickets, WorkingCalendar calendar,
            Database database, Guard guard, Clock clock, Ticker ticker) {
        this.service = new SatisfactionService(database, tickets, config, calendar, clock);
        this.api = new SatisfactionEndpoints(service, tickets, ticker);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        ClassLoader loader = SatisfactionFeature.class.getClassLoader();
        routes.post("/api/v1/tickets/{code}/rating", api.rate())
                .get("/rating.js", StaticFiles.file(loader, "rating.js", "text/javascript; charset=utf-8"))
                .get("/follow-ups.js", StaticFiles.file(loader, "follow-ups.js", "text/javascript; charset=utf-8"))
                .get("/admin/follow-ups", guard.page(STAFF, new StaffPage(loader, "follow-ups.html")))
                .get("/api/v1/staff/follow-ups", guard.api(STAFF, api.list()))
                .post("/api/v1/staff/follow-ups/{code}", guard.api(STAFF, api.record()))
                .get("/api/v1/admin/satisfaction", guard.api(EnumSet.of(Role.ADMIN), api.counts()));
    }

    /** The ratings and the follow-up list, for the reports. */
    public SatisfactionService service() {
        return service;
    }
}
