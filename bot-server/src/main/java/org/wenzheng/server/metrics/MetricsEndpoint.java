package org.wenzheng.server.metrics;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/** {@code GET /metrics}: counters only, no blocking work, answered on the event loop. */
public final class MetricsEndpoint implements Endpoint {
    /** The media type Prometheus expects for the text format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServerMetrics metrics;

    public MetricsEndpoint(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Reply handle(Request request) {
        return Reply.now(Response.text(HttpResponseStatus.OK, CONTENT_TYPE, metrics.exposition()));
    }
}
