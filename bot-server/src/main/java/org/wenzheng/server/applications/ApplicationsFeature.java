package org.wenzheng.server.applications;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.Objects;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * 依申请公开: applications for disclosure of government information (政府信息公开条例, 2019). The
 * citizens' application form ({@code /apply}), filing an application
 * ({@code POST /api/v1/applications}) and its printable 受理回执 ({@code /apply/receipt}). An
 * application is a ticket of type disclosure, so its deadline (20 working days from receipt, one
 * extension, 补正) and the officer's mail are the ticket desk's; the {@code applications} table
 * keeps the form, the identity number encrypted with the key of {@code applications.keyFile}.
 */
public final class ApplicationsFeature implements Feature {
    private final ApplicationEndpoints api;

    /**
     * Opens (or, on first start, makes) the key file.
     *
     * @throws IllegalStateException when the key file is unreadable or not a key
     */
    public ApplicationsFeature(ApplicationsConfig config, TicketService tickets, DeadlineRules deadlines,
            Database database, Clock clock, Ticker ticker) {
        ApplicationStore store = new ApplicationStore(Objects.requireNonNull(database, "database"),
                IdVault.open(config.keyFile()));
        this.api = new ApplicationEndpoints(Objects.requireNonNull(tickets, "tickets"), deadlines, config, store,
                clock, ticker);
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        ClassLoader loader = ApplicationsFeature.class.getClassLoader();
        routes.get("/apply", StaticFiles.file(loader, "apply.html", Response.HTML))
                .get("/apply.js", StaticFiles.file(loader, "apply.js", "text/javascript; charset=utf-8"))
                .get("/apply.css", StaticFiles.file(loader, "apply.css", "text/css; charset=utf-8"))
                .get("/apply-receipt.js", StaticFiles.file(loader, "apply-receipt.js",
                        "text/javascript; charset=utf-8"))
                .get(ApplicationEndpoints.RECEIPT_PATH, api.receipt())
                .post("/api/v1/applications", api.create());
    }
}
