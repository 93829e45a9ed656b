package org.wenzheng.server.letters;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.MailedLetters;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.http.StaticFiles;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.DeadlineRules;

/**
 * Letters to the office's named mailboxes (市政府信箱, 主任信箱 …): the citizens' letter form
 * ({@code /letters}), what it offers ({@code GET /api/v1/letters/form}) and sending a letter
 * ({@code POST /api/v1/letters}). A letter is a ticket of its type (咨询 3 working days, 投诉 13 …)
 * routed only to its mailbox's departments, so deadlines, reminders, the desk and the officer's
 * mail work for it as for every ticket; the {@code letters} table keeps what a letter adds.
 */
public final class LettersFeature implements Feature {
    /** Who may download a letter's attachments: the handling department's officers, and admins. */
    private static final Set<Role> STAFF = EnumSet.of(Role.OFFICER, Role.ADMIN);

    private final LetterEndpoints api;
    private final Guard guard;
    private final LettersConfig config;
    private final MailLetters byMail;

    /**
     * @throws java.io.UncheckedIOException when the attachments folder cannot be created
     */
    public LettersFeature(LettersConfig config, TicketService tickets, DeadlineRules deadlines, Database database,
            Guard guard, Clock clock, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.api = new LetterEndpoints(Objects.requireNonNull(tickets, "tickets"), deadlines, config, database,
                new AttachmentStore(config.attachments().folder()), clock, ticker);
        this.byMail = new MailLetters(tickets, config, database, clock);
    }

    /** Letters by mail, for the mail bridge that reads the mailboxes' public addresses. */
    public MailedLetters byMail() {
        return byMail;
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        ClassLoader loader = LettersFeature.class.getClassLoader();
        routes.get("/letters", StaticFiles.file(loader, "letters.html", Response.HTML))
                .get("/letters.js", StaticFiles.file(loader, "letters.js", "text/javascript; charset=utf-8"))
                .get("/letter-files.js", StaticFiles.file(loader, "letter-files.js", "text/javascript; charset=utf-8"))
                .get("/api/v1/letters/form", api.form())
                .post("/api/v1/letters", api.create())
                .maxBody("/api/v1/letters", config.maxBodyBytes())
                .post("/api/v1/letters/{code}/additions", api.add())
                .maxBody("/api/v1/letters/{code}/additions", config.maxBodyBytes())
                .get("/api/v1/staff/letters/{code}/attachments", guard.api(STAFF, api.list()))
                .get("/api/v1/staff/letters/{code}/attachments/{id}", guard.api(STAFF, api.download()));
    }
}
