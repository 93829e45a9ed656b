package org.wenzheng.server.netty;

import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import java.util.ArrayDeque;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.privacy.LogValues;

/**
 * One structured line per request once its answer is written ({@code method=POST
 * path=/api/v1/ask status=200 ms=12 client=127.0.0.1}), and the request counters and latency
 * histograms of {@code /metrics}. It sits right after the codec so that it also sees the answers
 * of the handlers that refuse a request early (413, 429, malformed requests). The path is logged
 * without its query (a search query is a citizen's text), masked, and with secret segments (a
 * conversation id) cut short.
 */
final class AccessLogHandler extends ChannelDuplexHandler {
    static final Logger ACCESS = LoggerFactory.getLogger("org.wenzheng.server.access");

    private record Started(String method, String rawPath, long nanos) {
    }

    private final Routes routes;
    private final ServerMetrics metrics;
    private final Ticker ticker;
    /** Requests of this connection not yet answered, oldest first: HTTP/1.1 answers in order. */
    private final ArrayDeque<Started> started = new ArrayDeque<>(2);

    AccessLogHandler(Routes routes, ServerMetrics metrics, Ticker ticker) {
        this.routes = routes;
        this.metrics = metrics;
        this.ticker = ticker;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest r) {
            started.add(new Started(r.method().name(), rawPath(r.uri()), ticker.read()));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            Started s = started.poll();
            if (s != null) {
                int status = r.status().code();
                ChannelPromise p = promise.unvoid();
                p.addListener(f -> finished(ctx, s, status, f.isSuccess()));
                ctx.write(msg, p);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        started.clear();
        ctx.fireChannelInactive();
    }

    private void finished(ChannelHandlerContext ctx, Started s, int status, boolean written) {
        long nanos = ticker.read() - s.nanos();
        String endpoint = routes.label(s.rawPath());
        metrics.request(endpoint, s.method(), status, nanos);
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("method={} path={} status={} ms={} client={}{}", s.method(),
                    LogValues.citizenText(routes.loggable(s.rawPath(), LogValues::secret)), status, String.format(Locale.ROOT, "%.1f", nanos / 1e6),
                    ClientAddress.of(ctx.channel()), written ? "" : " unsent=true");
        }
    }

    /** The path part of a request target, as sent (still percent-encoded). */
    static String rawPath(String uri) {
        int q = uri.indexOf('?');
        int hash = uri.indexOf('#');
        int end = q < 0 ? (hash < 0 ? uri.length() : hash) : (hash < 0 ? q : Math.min(q, hash));
        return uri.substring(0, end);
    }
}
