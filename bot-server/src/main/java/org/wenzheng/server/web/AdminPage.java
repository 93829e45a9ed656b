package org.wenzheng.server.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.auth.Guard;
import org.wenzheng.server.auth.StaffSession;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /admin}: the administration page (管理后台), rendered per session like the console:
 * the account's name and role, the CSRF token its script sends, and the role in
 * {@code data-role}, from which the script shows the sections that role may use (an officer sees
 * the tickets only; the API refuses the rest anyway). Every value HTML-escaped, never cached.
 */
public final class AdminPage implements Guard.StaffEndpoint {
    private final String template;

    /**
     * @throws IllegalStateException when the page file is missing from the classpath
     */
    public AdminPage(ClassLoader loader) {
        String resource = StaticFiles.FOLDER + "admin.html";
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + resource + " is missing from the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @Override
    public Response handle(Request request, StaffSession session) {
        String html = template
                .replace("{{csrf}}", Entities.escape(session.csrfToken()))
                .replace("{{roleId}}", Entities.escape(session.role().id()))
                .replace("{{displayName}}", Entities.escape(session.account().displayName()))
                .replace("{{username}}", Entities.escape(session.account().username()))
                .replace("{{role}}", Entities.escape(ConsolePage.ROLE_NAMES.get(session.role())));
        return Response.text(HttpResponseStatus.OK, Response.HTML, html)
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_STORE.toString());
    }
}
