package org.wenzheng.server.metrics;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.StoreException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /healthz}: 200 with the index counts when the server takes work, the knowledge base
 * answers and the database answers a query; 503 while stopping or when either fails. It runs on a
 * worker like any knowledge-base or database call, so a saturated server reports 503 too: it is
 * not ready for more.
 */
final class HealthEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);

    private final KnowledgeBase knowledge;
    private final Database database;
    private final BooleanSupplier accepting;

    /**
     * @param accepting whether the server takes new work (false once it is stopping)
     */
    public HealthEndpoint(KnowledgeBase knowledge, Database database, BooleanSupplier accepting) {
        this.knowledge = knowledge;
        this.database = database;
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
            try {
                database.ping();
            } catch (StoreException e) {
                log.error("health check: the database failed: {}", e.getMessage());
                return unavailable("the database cannot be reached");
            }
            return Response.json(HttpResponseStatus.OK, HealthView.of(stats));
        });
    }

    private static Response unavailable(String message) {
        return Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCodes.UNAVAILABLE, message);
    }

    /** The body of a healthy answer: the index's counts and version. */
    record HealthView(String status, IndexView index, String database) {
        static HealthView of(KnowledgeBase.Stats s) {
            return new HealthView("ok", new IndexView(s.documents(), s.passages(), s.faqEntries(), s.indexVersion()),
                    "ok");
        }
    }

    record IndexView(int documents, int passages, int faqEntries, long version) {
    }
}
