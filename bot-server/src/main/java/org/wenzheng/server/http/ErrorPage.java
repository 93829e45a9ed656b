package org.wenzheng.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * The error a person sees in a browser: a page in Simplified Chinese with the look of the other
 * pages and a way back to the chat page, in place of the JSON error an API client branches on.
 * Only requests that are not under {@code /api/} and whose {@code Accept} header prefers HTML to
 * JSON get it (a browser navigating to a mistyped address does; {@code fetch}, curl and API
 * clients do not), and only for a missing page or a failure of the server: other refusals are
 * answers to the pages' own requests, which go to the API.
 */
public final class ErrorPage {
    /** The API's prefix: its errors stay JSON whatever the client accepts. */
    static final String API_PREFIX = "/api/";

    private ErrorPage() {
    }

    /**
     * Whether an error for this request is to be answered as a page.
     *
     * @param path   the request's path, without the query
     * @param accept the request's {@code Accept} header, or null when it sent none
     */
    public static boolean wanted(String path, String accept) {
        if (accept == null || path.startsWith(API_PREFIX) || path.equals("/api")) {
            return false;
        }
        double html = quality(accept, "text", "html");
        return html > 0 && html > quality(accept, "application", "json");
    }

    /**
     * The page for an error response, or the response itself when it is no missing page (404)
     * nor a failure of the server (5xx). The status and the headers (Retry-After) are kept.
     */
    public static Response of(Response error) {
        int code = error.status().code();
        String title;
        String text;
        if (code == HttpResponseStatus.NOT_FOUND.code()) {
            title = "页面不存在";
            text = "您访问的页面不存在，可能是网址有误，或页面已被移除。";
        } else if (code == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
            title = "服务暂时繁忙";
            text = "服务器暂时无法处理您的请求，请稍后刷新重试。";
        } else if (code >= 500) {
            title = "服务器出错了";
            text = "处理您的请求时服务器出现错误，我们已记录此问题，请稍后再试。";
        } else {
            return error;
        }
        Response page = Response.text(error.status(), Response.HTML, html(code, title, text));
        for (var h : error.headers().entrySet()) {
            page = page.withHeader(h.getKey(), h.getValue());
        }
        return page;
    }

    private static String html(int code, String title, String text) {
        return """
                <!doctype html>
                <html lang="zh-CN">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>问政 · %2$s</title>
                  <link rel="stylesheet" href="/app.css">
                </head>
                <body>
                  <header class="top">
                    <h1>问政</h1>
                    <p>政策咨询：根据已公开的政策文件回答您的问题，并注明出处。</p>
                  </header>
                  <main class="conversation error-page" data-status="%1$d">
                    <div class="message bot">
                      <h2>%2$s</h2>
                      <p>%3$s</p>
                      <p><a id="home" href="/">返回首页，继续咨询</a></p>
                    </div>
                  </main>
                </body>
                </html>
                """.formatted(code, title, text);
    }

    /**
     * The quality the Accept header gives a media type: that of the most specific range matching
     * it ({@code type/subtype}, then {@code type/*}, then {@code *}{@code /*}), 0 when none does.
     */
    static double quality(String accept, String type, String subtype) {
        double best = 0;
        int specificity = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String media = parts[0].strip().toLowerCase(Locale.ROOT);
            int slash = media.indexOf('/');
            if (slash < 0) {
                continue;
            }
            String t = media.substring(0, slash);
            String s = media.substring(slash + 1);
            int spec;
            if (t.equals(type) && s.equals(subtype)) {
                spec = 2;
            } else if (t.equals(type) && s.equals("*")) {
                spec = 1;
            } else if (t.equals("*") && s.equals("*")) {
                spec = 0;
            } else {
                continue;
            }
            if (spec > specificity) {
                specificity = spec;
                best = q(parts);
            }
        }
        return best;
    }

    private static double q(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
