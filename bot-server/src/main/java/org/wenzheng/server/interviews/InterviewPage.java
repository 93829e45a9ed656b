package org.wenzheng.server.interviews;

import java.util.function.BiConsumer;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * A staff page of the interviews (moderation, guest, admin): the page file with the session's
 * name and CSRF token filled in (HTML-escaped), never cached. A per-event page first checks that
 * the session belongs to the event (the same check as its API), and answers a short page saying
 * why not otherwise.
 */
final class InterviewPage implements Guard.StaffEndpoint {
    private final org.wenzheng.server.staff.StaffPage page;
    private final BiConsumer<Request, StaffSession> admits;

    /**
     * @param admits throws the API's refusal (404, 403) when the session may not use the page
     * @throws IllegalStateException when the page file is missing from the classpath
     */
    InterviewPage(ClassLoader loader, String resource, BiConsumer<Request, StaffSession> admits) {
        this.page = new org.wenzheng.server.staff.StaffPage(loader, resource);
        this.admits = admits;
    }

    @Override
    public Response handle(Request request, StaffSession session) {
        try {
            admits.accept(request, session);
        } catch (ApiException e) {
            return org.wenzheng.server.staff.StaffPage.noStore(Response.text(e.status(), Response.HTML,
                    "<!doctype html><html lang=\"zh-CN\"><head>"
                    + "<meta charset=\"utf-8\"><title>问政</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
                    + "<body><header class=\"top\"><h1>问政</h1><p>" + Entities.escape(e.getMessage())
                    + "</p></header></body></html>"));
        }
        return page.handle(request, session);
    }
}
