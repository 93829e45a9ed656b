package org.wenzheng.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The pages, from the classpath folder {@code web/}: read once at start (a missing file fails the
 * start, not a citizen's request), served from memory with a strong ETag. Browsers revalidate
 * each time ({@code no-cache}) and get 304 while the file is unchanged, so an upgrade shows at
 * once without fingerprinted file names.
 */
public final class StaticFiles {
    /** The classpath folder of the pages. */
    public static final String FOLDER = "web/";

    /** A page file and where it is served. */
    record WebFile(String route, String resource, String contentType) {
    }

    /** Every file of the citizen chat page, and the staff pages' static files. */
    static final List<WebFile> FILES = List.of(
            new WebFile("/", "index.html", Response.HTML),
            new WebFile("/app.js", "app.js", "text/javascript; charset=utf-8"),
            new WebFile("/app.css", "app.css", "text/css; charset=utf-8"),
            // The page of a cited document (served at /documents/{id} by the chat feature).
            new WebFile("/document.js", "document.js", "text/javascript; charset=utf-8"),
            // The staff login page; the pages behind it are rendered per session (staff.StaffPage).
            new WebFile("/login", "login.html", Response.HTML),
            new WebFile("/login.js", "login.js", "text/javascript; charset=utf-8"),
            new WebFile("/console.js", "console.js", "text/javascript; charset=utf-8"),
            new WebFile("/staff.css", "staff.css", "text/css; charset=utf-8"),
            // Browsers ask for it on every site; without it each first visit logs a 404.
            new WebFile("/favicon.ico", "favicon.ico", "image/x-icon"),
            new WebFile("/console.css", "console.css", "text/css; charset=utf-8"),
            new WebFile("/admin.js", "admin.js", "text/javascript; charset=utf-8"),
            new WebFile("/table-scroll.js", "table-scroll.js", "text/javascript; charset=utf-8"),
            new WebFile("/admin.css", "admin.css", "text/css; charset=utf-8"));

    private StaticFiles() {
    }

    /**
     * Reads the files and adds a GET route for each.
     *
     * @throws IllegalStateException when a file is missing from the classpath
     */
    public static void addTo(Routes.Builder routes, ClassLoader loader) {
        for (WebFile f : FILES) {
            routes.get(f.route(), new FileEndpoint(read(loader, FOLDER + f.resource()), f.contentType()));
        }
    }

    /**
     * One more file of the page folder, served the same way (from memory, with its ETag): for the
     * pages of features that plug into the server.
     *
     * @param resource the file's name in the page folder
     * @throws IllegalStateException when it is missing from the classpath
     */
    public static Endpoint file(ClassLoader loader, String resource, String contentType) {
        return new FileEndpoint(read(loader, FOLDER + resource), contentType);
    }

    /**
     * The bytes of a page file of {@code web/}, read once at start.
     *
     * @throws IllegalStateException when the file is missing from the classpath
     */
    public static byte[] page(ClassLoader loader, String file) {
      return read(loader, FOLDER + file);
    }

    public static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the page file " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** One file served from memory, answering a matching If-None-Match with 304. */
    static final class FileEndpoint implements Endpoint {
        private final byte[] body;
        private final String contentType;
        private final String etag;

        FileEndpoint(byte[] body, String contentType) {
            this.body = body;
            this.contentType = contentType;
            this.etag = etag(body);
        }

        @Override
        public Reply handle(Request request) {
            boolean unchanged = request.header(HttpHeaderNames.IF_NONE_MATCH).map(this::matches).orElse(false);
            Response r = unchanged ? Response.empty(HttpResponseStatus.NOT_MODIFIED)
                    // The array is never written to: sharing it between responses is safe.
                    : Response.of(HttpResponseStatus.OK, contentType, body);
            return Reply.now(r.withHeader(HttpHeaderNames.ETAG.toString(), etag)
                    .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_CACHE.toString()));
        }

        /** If-None-Match: "*" or a list of tags, compared weakly (W/ ignored) as RFC 9110 says. */
        private boolean matches(String header) {
            for (String tag : header.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
                    return true;
                }
            }
            return false;
        }

        private static String etag(byte[] body) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
                return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + '"';
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
        }
    }
}
