package org.wenzheng.server.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /healthz}: 200 with the index counts when the server takes work and the knowledge
 * base answers; 503 while stopping or when the knowledge base fails. It runs on a worker like any
 * knowledge-base call, so a saturated server reports 503 too: it is not ready for more.
 */
public final class HealthEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    private final KnowledgeBase knowledge;
    private final BooleanSupplier accepting;

    /**
     * @param accepting whether the server takes new work (false once it is stopping)
     */
    public HealthEndpoint(KnowledgeBase knowledge, BooleanSupplier accepting) {
        this.knowledge = knowledge;
        this.accepting = accepting;
    }

    @Override
    public Reply handle(Request request) {
        return Reply.blocking(() -> {
            if (!accepting.getAsBoolean()) {
                return unavailable("the server is stopping");
            }
            KnowledgeBase.Stats stats;
            try {
                stats = knowledge.stats();
            } catch (RuntimeException e) {
                log.error("health check: the knowledge base failed", e);
                return unavailable("the knowledge base cannot be read");
            }
            return Response.json(HttpResponseStatus.OK, Views.HealthView.of(stats));
        });
    }

    private static Response unavailable(String message) {
        return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCodes.UNAVAILABLE, message);
    }
}
