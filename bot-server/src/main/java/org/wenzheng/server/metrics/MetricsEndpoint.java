package org.wenzheng.server.metrics;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /metrics}: counters only, no blocking work, answered on the event loop, to the
 * scrapers {@link MetricsConfig} admits; 403 for everyone else.
 *
 * <p>A request that carries {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP}
 * came through a proxy: its peer is the proxy (often on this machine), not the client, so the
 * address list does not admit it; the token still does.
 */
public final class MetricsEndpoint implements Endpoint {
    /** The media type Prometheus expects for the text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final List<String> PROXY_HEADERS = List.of("forwarded", "x-forwarded-for", "x-real-ip");
    private static final String BEARER = "Bearer ";

    private final ServerMetrics metrics;
    private final List<IpSubnetFilterRule> allowed;
    private final Optional<byte[]> token;

    /** Served to this machine only (the defaults). */
    public MetricsEndpoint(ServerMetrics metrics) {
        this(metrics, MetricsConfig.DEFAULTS);
    }

    public MetricsEndpoint(ServerMetrics metrics, MetricsConfig access) {
        this.metrics = metrics;
        this.allowed = access.rules();
        this.token = access.token().map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Reply handle(Request request) {
        if (!admitted(request)) {
            throw new ApiException(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN,
                    "metrics are served to the addresses of metrics.allowedAddresses, or with the bearer token of"
                            + " metrics.token");
        }
        return Reply.now(Response.text(HttpResponseStatus.OK, CONTENT_TYPE, metrics.exposition()));
    }

    private boolean admitted(Request request) {
        return hasToken(request) || fromAllowedAddress(request);
    }

    private boolean hasToken(Request request) {
        if (token.isEmpty()) {
            return false;
        }
        Optional<String> auth = request.header(HttpHeaderNames.AUTHORIZATION);
        if (auth.isEmpty() || !auth.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = auth.get().substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time: how much of a guess was right must not show in the answer's timing.
        return MessageDigest.isEqual(given, token.get());
    }

    private boolean fromAllowedAddress(Request request) {
        if (PROXY_HEADERS.stream().anyMatch(h -> request.header(h).isPresent())) {
            return false;
        }
        // A literal, never a name: nothing is looked up.
        InetAddress peer = NetUtil.createInetAddressFromIpAddressString(request.clientIp());
        if (peer == null) {
            return false;
        }
        InetSocketAddress at = new InetSocketAddress(peer, 0);
        return allowed.stream().anyMatch(rule -> rule.matches(at));
    }
}
