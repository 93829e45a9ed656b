package org.wenzheng.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private final Routes routes = routes();

    private static Routes routes() {
        Routes.Builder b = Routes.builder();
        StaticFiles.addTo(b, StaticFilesTest.class.getClassLoader());
        return b.build();
    }

    private Response get(String path, Map<String, String> headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        headers.forEach(h::set);
        Routes.Match.Found found = (Routes.Match.Found) routes.match(HttpMethod.GET, path);
        Reply reply = found.endpoint().handle(new Request(HttpMethod.GET, path, Map.of(), Map.of(), h, new byte[0],
                "127.0.0.1"));
        return ((Reply.Now) reply).response();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = StaticFilesTest.class.getClassLoader().getResourceAsStream("web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() {
        FullHttpResponse r = get("/", Map.of()).toHttp();
        try {
            assertThat(r.status().code()).isEqualTo(200);
            assertThat(r.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.headers().get("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
                    + "style-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
            assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.headers().get("Cache-Control")).isEqualTo("no-cache");
            assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("<html lang=\"zh-CN\">");
        } finally {
            r.release();
        }
    }

    @Test
    void scriptAndStylesheetHaveTheirTypes() {
        assertThat(get("/app.js", Map.of()).contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(get("/app.css", Map.of()).contentType()).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void theFaviconIsARealIconSoBrowsersDoNotLogA404() {
        Response r = get("/favicon.ico", Map.of());
        FullHttpResponse http = r.toHttp();
        try {
            assertThat(http.status().code()).isEqualTo(200);
            assertThat(r.contentType()).isEqualTo("image/x-icon");
            byte[] body = new byte[http.content().readableBytes()];
            http.content().getBytes(0, body);
            // ICONDIR: reserved 0, type 1 (icon), one image.
            assertThat(body).startsWith(0, 0, 1, 0, 1, 0);
        } finally {
            http.release();
        }
    }

    @Test
    void anUnchangedFileIsAnswered304ByItsEtag() {
        String etag = get("/app.js", Map.of()).headers().get("etag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");

        Response again = get("/app.js", Map.of("If-None-Match", etag));
        assertThat(again.status().code()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().get("etag")).isEqualTo(etag);
        assertThat(get("/app.js", Map.of("If-None-Match", "\"other\", W/" + etag)).status().code()).isEqualTo(304);
        assertThat(get("/app.js", Map.of("If-None-Match", "\"other\"")).status().code()).isEqualTo(200);
    }

    @Test
    void aMissingPageFileFailsTheStart() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);

        assertThatThrownBy(() -> StaticFiles.addTo(Routes.builder(), empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("web/index.html");
    }

    /** The policy forbids inline code; the page must not need any, or it would break. */
    @Test
    void thePageHasNoInlineScriptStyleOrEventHandler() throws IOException {
        String html = resource("index.html");

        assertThat(html).containsPattern("<script src=\"app.js\"[^>]*></script>");
        // Scripts are files of the site (the CSP allows 'self' only); none is inline.
        assertThat(html.replaceAll("<script src=\"[a-z-]+\\.js\"[^>]*></script>", "")).doesNotContain("<script");
        assertThat(html).doesNotContain("<style").doesNotContainPattern("\\sstyle=").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("javascript:");
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    }

    /**
     * Until the browser tests come: the script inserts server and user text only as text. Any
     * HTML-parsing sink would let a document or a question containing {@code <script>} run.
     */
    @Test
    void theScriptInsertsTextOnlyAsTextNeverAsHtml() throws IOException {
        String js = resource("app.js").replaceAll("(?m)^\\s*//.*$", "");

        assertThat(js).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
                .doesNotContain("DOMParser").doesNotContain("createContextualFragment").doesNotContain(".html");
        assertThat(js).contains("textContent").contains("createTextNode").contains("'mark'");
        assertThat(js).contains("'/api/v1/ask'").contains("暂时无法确定答案");
    }
}
