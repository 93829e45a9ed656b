package org.wenzheng.server.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.ErrorPage;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.privacy.LogValues;

/**
 * Dispatches each request through the route table: 404 for an unknown path, 405 with
 * {@code Allow} for a known path and another method, else the endpoint's reply. A missing page or
 * a server failure asked for by a browser outside the API is answered as a page in Chinese
 * ({@link ErrorPage}), to everyone else as the JSON error. Blocking replies
 * run on the worker pool, refused with 503 at once when it is saturated; their answer, like that
 * of a reply completing later on another pool, is written back on the connection's event loop.
 */
@Sharable
final class RouterHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RouterHandler.class);

    private final Routes routes;
    private final Executor workers;
    private final ServerMetrics metrics;

    /**
     * @param workers where blocking work runs: the bounded {@link WorkerPool}, refusing with
     *                {@link RejectedExecutionException} when saturated
     */
    RouterHandler(Routes routes, Executor workers, ServerMetrics metrics) {
        this.routes = routes;
        this.workers = workers;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String method = request.method().name();
        String uri = request.uri();
        Supplier<String> context = () -> method + " "
                + LogValues.citizenText(routes.loggable(AccessLogHandler.rawPath(uri), LogValues::secret))
                + " from " + ClientAddress.of(ctx.channel());
        // Read before the request is released: whether a person's browser asked, to show it a page.
        boolean page = ErrorPage.wanted(AccessLogHandler.rawPath(uri), request.headers().get(HttpHeaderNames.ACCEPT));
        Reply reply;
        try {
            reply = dispatch(ctx, request);
        } catch (RuntimeException e) {
            reply = Reply.now(Failures.response(e, context));
        } finally {
            request.release();
        }
        if (reply instanceof Reply.Blocking blocking) {
            runOnWorker(ctx, blocking, context, page);
        } else if (reply instanceof Reply.Later later) {
            later.response().whenComplete((response, failure) -> writeLater(ctx,
                    failure == null ? response : Failures.response(unwrapped(failure), context), context, page));
        } else {
            write(ctx, ((Reply.Now) reply).response(), page);
        }
    }

    private Reply dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Routes.Match match = routes.match(request.method(), uri.rawPath());
        if (match instanceof Routes.Match.Found found) {
            return found.endpoint().handle(request(ctx, request, uri, found.params()));
        }
        if (match instanceof Routes.Match.MethodNotAllowed m) {
            throw new ApiException(HttpResponseStatus.METHOD_NOT_ALLOWED, ErrorCodes.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed here; allowed: " + m.allowHeader(),
                    Map.of(HttpHeaderNames.ALLOW.toString(), m.allowHeader()));
        }
        throw ApiException.notFound("没有这个地址：" + uri.path() + "，请检查网址是否有误");
    }

    private static Request request(ChannelHandlerContext ctx, FullHttpRequest r, QueryStringDecoder uri,
            Map<String, String> params) {
        Map<String, List<String>> query;
        try {
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_REQUEST,
                    "the query is not valid percent-encoding");
        }
        return new Request(r.method(), uri.path(), query, params, r.headers().copy(), ByteBufUtil.getBytes(r.content()),
                ClientAddress.of(ctx.channel()));
    }

    private void runOnWorker(ChannelHandlerContext ctx, Reply.Blocking blocking, Supplier<String> context,
            boolean page) {
        try {
            workers.execute(() -> {
                Response response;
                try {
                    response = blocking.work().call();
                } catch (Exception | Error e) {
                    response = Failures.response(e, context);
                }
                writeLater(ctx, response, context, page);
            });
        } catch (RejectedExecutionException e) {
            metrics.rejected(ServerMetrics.Rejection.OVERLOADED);
            write(ctx, Failures.overloaded(), page);
        }
    }

    /** Writes an answer computed on another thread, on the connection's event loop. */
    private static void writeLater(ChannelHandlerContext ctx, Response response, Supplier<String> context,
            boolean page) {
        try {
            ctx.executor().execute(() -> write(ctx, response, page));
        } catch (RejectedExecutionException e) {
            log.debug("the event loop stopped before the answer to {} was written", context.get());
        }
    }

    /** The failure itself, out of the wrapper a composed stage puts around it. */
    private static Throwable unwrapped(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** @param page whether an error is shown as a page ({@link ErrorPage}) rather than as JSON */
    private static void write(ChannelHandlerContext ctx, Response response, boolean page) {
        Response shown = page && response.status().code() >= 400 ? ErrorPage.of(response) : response;
        // A client gone meanwhile makes the write fail; there is nobody left to tell.
        ctx.writeAndFlush(shown.toHttp());
    }
}
