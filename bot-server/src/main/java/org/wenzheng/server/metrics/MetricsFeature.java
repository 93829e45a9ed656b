package org.wenzheng.server.metrics;

import java.util.function.BooleanSupplier;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;

/**
 * What operators watch: {@code GET /healthz} (the index and the database answer, the server is not
 * stopping) and {@code GET /metrics} (Prometheus text, for the configured addresses or token).
 */
public final class MetricsFeature implements Feature {
    private final HealthEndpoint health;
    private final MetricsEndpoint metrics;

    /** @param accepting whether the server still takes requests (false while it stops) */
    public MetricsFeature(ServerMetrics metrics, MetricsConfig access, KnowledgeBase knowledge, Database database,
            BooleanSupplier accepting) {
        this.health = new HealthEndpoint(knowledge, database, accepting);
        this.metrics = new MetricsEndpoint(metrics, access);
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.get("/healthz", health).get("/metrics", metrics);
    }
}
