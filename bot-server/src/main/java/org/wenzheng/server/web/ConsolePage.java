package org.wenzheng.server.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.auth.Guard;
import org.wenzheng.server.auth.StaffSession;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.store.Role;

/**
 * {@code GET /console}: the hotline operator console (接线员控制台), rendered per session (the
 * account's name, and the CSRF token its requests send back), every value HTML-escaped, never
 * cached. The page's script (console.js) does the rest over the console API and {@code /ws/console}
 * (see {@link org.wenzheng.server.console.ConsoleFeature}).
 */
public final class ConsolePage implements Guard.StaffEndpoint {
    /** How each role is called on the pages. */
    public static final Map<Role, String> ROLE_NAMES = Map.of(Role.OPERATOR, "接线员", Role.OFFICER, "承办人员",
            Role.MODERATOR, "主持人", Role.ADMIN, "管理员");

    private final String template;

    /**
     * @throws IllegalStateException when the page file is missing from the classpath
     */
    public ConsolePage(ClassLoader loader) {
        String resource = StaticFiles.FOLDER + "console.html";
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
                .replace("{{displayName}}", Entities.escape(session.account().displayName()))
                .replace("{{username}}", Entities.escape(session.account().username()))
                .replace("{{role}}", Entities.escape(ROLE_NAMES.get(session.role())));
        return Response.text(HttpResponseStatus.OK, Response.HTML, html)
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_STORE.toString());
    }
}
