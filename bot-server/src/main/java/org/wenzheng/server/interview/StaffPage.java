package org.wenzheng.server.interview;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.auth.Guard;
import org.wenzheng.server.auth.StaffSession;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * A staff page of the interviews (moderation, guest, admin): the page file with the session's
 * name and CSRF token filled in (HTML-escaped), never cached. A per-event page first checks that
 * the session belongs to the event (the same check as its API), and answers a short page saying
 * why not otherwise.
 */
final class StaffPage implements Guard.StaffEndpoint {
    private final String template;
    private final BiConsumer<Request, StaffSession> admits;

    /**
     * @param admits throws the API's refusal (404, 403) when the session may not use the page
     * @throws IllegalStateException when the page file is missing from the classpath
     */
    StaffPage(ClassLoader loader, String resource, BiConsumer<Request, StaffSession> admits) {
        this.template = read(loader, "web/" + resource);
        this.admits = admits;
    }

    static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @Override
    public Response handle(Request request, StaffSession session) {
        try {
            admits.accept(request, session);
        } catch (ApiException e) {
            return noStore(Response.text(e.status(), Response.HTML, "<!doctype html><html lang=\"zh-CN\"><head>"
                    + "<meta charset=\"utf-8\"><title>问政</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
                    + "<body><header class=\"top\"><h1>问政</h1><p>" + Entities.escape(e.getMessage())
                    + "</p></header></body></html>"));
        }
        String html = template
                .replace("{{csrf}}", Entities.escape(session.csrfToken()))
                .replace("{{displayName}}", Entities.escape(session.account().displayName()));
        return noStore(Response.text(HttpResponseStatus.OK, Response.HTML, html));
    }

    private static Response noStore(Response r) {
        return r.withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_STORE.toString());
    }
}
