package org.wenzheng.server.letters;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.TicketService;

/**
 * 信件公开: publishing answered letters. An administrator reviews, on /admin, the letters whose
 * writer agreed and whose mailbox publishes (never a 举报), masked by {@link PublicationMasker} beside
 * the original, edits and publishes or withdraws them; every change is a ticket event. The public
 * reads them at {@code /letters/public}. This package alone writes {@code published_letters}.
 */
public final class LetterPublicationFeature implements Feature {
    private static final String ADMIN_API = "/api/v1/admin/letters/publication";
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final PublicationEndpoints api;
    private final Guard guard;

    public LetterPublicationFeature(LettersConfig config, TicketService tickets, Database database, AccountStore audit,
            Guard guard, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.api = new PublicationEndpoints(new PublicationStore(database, tickets, clock), tickets.config(), audit,
                config.maxTitleChars());
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        ClassLoader loader = LetterPublicationFeature.class.getClassLoader();
        routes.get("/letters/public", StaticFiles.file(loader, "letters-public.html", Response.HTML))
                .get("/letters-public.js", StaticFiles.file(loader, "letters-public.js",
                        "text/javascript; charset=utf-8"))
                .get("/api/v1/letters/public", api.published())
                .get(ADMIN_API, guard.api(ADMIN, api.list()))
                .post(ADMIN_API + "/{code}/publish", guard.api(ADMIN, api.publish()))
                .post(ADMIN_API + "/{code}/withdraw", guard.api(ADMIN, api.withdraw()));
    }
}
