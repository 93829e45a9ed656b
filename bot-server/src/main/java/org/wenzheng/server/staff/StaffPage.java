package org.wenzheng.server.staff;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Entities;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.StaticFiles;

/**
 * A staff page (the console, /admin, the interviews' pages) rendered per session from its file in
 * {@code web/}: the placeholders {@code {{csrf}}} (the token its script sends back),
 * {@code {{displayName}}}, {@code {{username}}}, {@code {{role}}} (the role's Chinese name) and
 * {@code {{roleId}}} (from which a script shows what that role may use; the API refuses the rest
 * anyway) are filled in, every value HTML-escaped. Never cached: it carries the session's token.
 */
public final class StaffPage implements Guard.StaffEndpoint {
    /** How each role is called on the pages. */
    public static final Map<Role, String> ROLE_NAMES = Map.of(Role.OPERATOR, "接线员", Role.OFFICER, "承办人员",
            Role.MODERATOR, "主持人", Role.ADMIN, "管理员");

    private final String template;

    /**
     * @param file the page file in {@code web/}, e.g. {@code console.html}
     * @throws IllegalStateException when it is missing from the classpath
     */
    public StaffPage(ClassLoader loader, String file) {
        this.template = new String(StaticFiles.read(loader, StaticFiles.FOLDER + file), StandardCharsets.UTF_8);
    }

    @Override
    public Response handle(Request request, StaffSession session) {
        String html = template
                .replace("{{csrf}}", Entities.escape(session.csrfToken()))
                .replace("{{roleId}}", Entities.escape(session.role().id()))
                .replace("{{displayName}}", Entities.escape(session.account().displayName()))
                .replace("{{username}}", Entities.escape(session.account().username()))
                .replace("{{role}}", Entities.escape(ROLE_NAMES.get(session.role())));
        return noStore(Response.text(HttpResponseStatus.OK, Response.HTML, html));
    }

    /** The response, marked never to be stored (it may carry a session's token or data). */
    public static Response noStore(Response r) {
        return r.withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_STORE.toString());
    }
}
