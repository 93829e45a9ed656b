package org.wenzheng.server.interviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wenzheng.server.chat.ApiShapes;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;

/**
 * The public side of an online interview, without login: the event ({@code GET
 * /api/v1/interviews/{id}}), its feed of answered questions ({@code GET .../feed?after=seq}),
 * sending a question ({@code POST .../questions}) and the page ({@code GET /interview/{id}}).
 *
 * <p>The feed is polled by every viewer every few seconds, so a poll with nothing new is answered
 * from memory on the event loop: each event's newest seq is kept for {@code feedCache} (and
 * dropped at once when this server changes the event), and a page of items is kept by its
 * {@code after} and newest seq, which all viewers share. Responses carry an ETag of exactly what
 * they depend on and may be cached a second by a proxy ({@code public, max-age=1}).
 *
 * <p>Questions are limited per client address and per browser session (a token bucket each),
 * beyond the server's limit on the whole API.
 */
final class CitizenEndpoints {
    /** Session ids the page makes: like the chat's, long enough to be unique, too short to carry a payload. */
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Addresses and sessions tracked at once by the question limits. */
    private static final int MAX_TRACKED = 100_000;
    /**
     * Feed pages kept: a few per live event (every viewer asks for the same ones). A page is at most
     * feedPageSize items of a few KiB each (citations with snippets): 64 pages stay within ~10 MiB.
     */
    private static final int MAX_PAGES = 64;
    /** Events whose newest seq is kept: a small record each. */
    private static final int MAX_HEADS = 10_000;
    private static final String FEED_CACHE_CONTROL = "public, max-age=1";

    private final InterviewStore store;
    private final QuestionDesk desk;
    private final InterviewConfig config;
    private final Cache<Long, InterviewStore.FeedHead> heads;
    private final Cache<String, Response> pages;
    private final TokenBuckets byAddress;
    private final TokenBuckets bySession;

    CitizenEndpoints(InterviewStore store, QuestionDesk desk, InterviewConfig config, Ticker ticker) {
        this.store = store;
        this.desk = desk;
        this.config = config;
        this.heads = Caffeine.newBuilder().maximumSize(MAX_HEADS).expireAfterWrite(config.feedCache())
                .ticker(ticker).executor(Runnable::run).build();
        this.pages = Caffeine.newBuilder().maximumSize(MAX_PAGES).expireAfterWrite(Duration.ofMinutes(1))
                .ticker(ticker).executor(Runnable::run).build();
        this.byAddress = new TokenBuckets(config.addressRateLimit(), MAX_TRACKED, ticker);
        this.bySession = new TokenBuckets(config.sessionRateLimit(), MAX_TRACKED, ticker);
    }

    /** Forgets what is kept of an event's feed: this server just changed it. */
    void changed(long interviewId) {
        heads.invalidate(interviewId);
    }

    /** {@code GET /api/v1/interviews/{id}}: the event, its guests and status. */
    Endpoint info() {
        return request -> {
            long id = Requests.interviewId(request);
            return Reply.blocking(() -> Response.json(HttpResponseStatus.OK,
                    InterviewViews.InterviewView.of(find(id))));
        };
    }

    /** {@code GET /interview/{id}}: the page, for an event that exists. */
    Endpoint page(byte[] html) {
        return request -> {
            long id;
            try {
                id = Requests.interviewId(request);
            } catch (ApiException e) {
                return Reply.now(notFoundPage());
            }
            return Reply.blocking(() -> store.feedHead(id).isPresent()
                    ? Response.of(HttpResponseStatus.OK, Response.HTML, html)
                            .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), HttpHeaderValues.NO_CACHE.toString())
                    : notFoundPage());
        };
    }

    private static Response notFoundPage() {
        return Response.text(HttpResponseStatus.NOT_FOUND, Response.HTML, "<!doctype html><html lang=\"zh-CN\">"
                + "<head><meta charset=\"utf-8\"><title>访谈不存在</title><link rel=\"stylesheet\" href=\"/app.css\">"
                + "</head><body><header class=\"top\"><h1>问政</h1><p>该在线访谈不存在。</p></header></body></html>");
    }

    /**
     * {@code GET /api/v1/interviews/{id}/feed?after=seq}: the answered questions after a seq (0 or
     * none: from the start, the transcript), the event's status and newest seq.
     */
    Endpoint feed() {
        return request -> {
            long id = Requests.interviewId(request);
            int after = after(request);
            InterviewStore.FeedHead known = heads.getIfPresent(id);
            if (known != null && after >= known.lastSeq()) {
                return Reply.now(nothingNew(request, id, after, known));
            }
            return Reply.blocking(() -> {
                InterviewStore.FeedHead head = store.feedHead(id)
                        .orElseThrow(() -> ApiException.notFound("访谈不存在"));
                heads.put(id, head);
                if (after >= head.lastSeq()) {
                    return nothingNew(request, id, after, head);
                }
                String tag = etag(id, after, head);
                Response page = pages.get(tag, t -> feedPage(id, after, head, t));
                return conditional(request, page, tag);
            });
        };
    }

    private Response feedPage(long id, int after, InterviewStore.FeedHead head, String tag) {
        List<InterviewQuestion> items = store.feed(id, after, config.feedPageSize());
        return Response.json(HttpResponseStatus.OK, new InterviewViews.FeedView(head.status().id(), head.lastSeq(),
                        items.stream().map(InterviewViews.FeedItemView::of).toList()))
                .withHeader(HttpHeaderNames.ETAG.toString(), tag)
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), FEED_CACHE_CONTROL);
    }

    private static Response nothingNew(Request request, long id, int after, InterviewStore.FeedHead head) {
        String tag = etag(id, after, head);
        return conditional(request, Response.json(HttpResponseStatus.OK,
                        new InterviewViews.FeedView(head.status().id(), head.lastSeq(), List.of()))
                .withHeader(HttpHeaderNames.ETAG.toString(), tag)
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), FEED_CACHE_CONTROL), tag);
    }

    /** 304 when the client already has this response. */
    private static Response conditional(Request request, Response full, String tag) {
        boolean same = request.header(HttpHeaderNames.IF_NONE_MATCH).map(h -> h.strip().equals(tag)).orElse(false);
        return same ? Response.empty(HttpResponseStatus.NOT_MODIFIED).withHeader(HttpHeaderNames.ETAG.toString(), tag)
                .withHeader(HttpHeaderNames.CACHE_CONTROL.toString(), FEED_CACHE_CONTROL) : full;
    }

    /**
     * What a feed response depends on: the event, the cursor, the newest seq, the status, and the
     * questions sent (a merged one raises an item's count).
     */
    private static String etag(long id, int after, InterviewStore.FeedHead head) {
        return "\"" + id + "-" + after + "-" + head.lastSeq() + "-" + head.status().id() + "-" + head.asks() + "\"";
    }

    private static int after(Request request) {
        Optional<String> text = request.queryParam("after");
        if (text.isEmpty() || text.get().isEmpty()) {
            return 0;
        }
        try {
            int v = Integer.parseInt(text.get());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("after", InputText.wholeNumberFrom("已读位置", 0));
        }
    }

    /**
     * {@code POST /api/v1/interviews/{id}/questions} with {@code {"question", "name"?, "session"?}}:
     * 202 with what became of it. 400 for a missing, blank or too long field, 429 past a limit,
     * 404 for an unknown event, 409 once it has ended.
     */
    Endpoint ask() {
        return request -> {
            long id = Requests.interviewId(request);
            ObjectNode body = ApiShapes.jsonObject(request);
            String question = Requests.text(body, "question", "问题", config.maxQuestionChars());
            String name = Requests.optionalText(body, "name", "称呼", config.maxNameChars());
            String session = ApiShapes.optionalText(body, "session");
            if (session != null && !SESSION.matcher(session).matches()) {
                throw ApiException.invalidField("session", InputText.badSession(8, 64));
            }
            byAddress.take(request.clientIp(), "提问过于频繁");
            if (session != null) {
                bySession.take(session, "提问过于频繁");
            }
            return Reply.blocking(() -> {
                // Checked first: an unknown or ended event costs no answering.
                InterviewStore.FeedHead head = store.feedHead(id)
                        .orElseThrow(() -> ApiException.notFound("访谈不存在"));
                if (head.status() == Interview.Status.ENDED) {
                    throw Requests.ended();
                }
                InterviewStore.Submitted s = desk.submit(id, question, name);
                switch (s.outcome()) {
                    case NOT_FOUND -> throw ApiException.notFound("访谈不存在");
                    case CLOSED -> throw Requests.ended();
                    default -> {
                    }
                }
                changed(id);
                InterviewQuestion entry = s.entry();
                InterviewViews.FeedItemView item = entry.feedSeq() == null ? null
                        : InterviewViews.FeedItemView.of(entry);
                return Response.json(HttpResponseStatus.ACCEPTED, new InterviewViews.SubmittedView(
                        s.outcome().name().toLowerCase(java.util.Locale.ROOT), s.questionId(), item));
            });
        };
    }

    private Interview find(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("访谈不存在"));
    }
}
