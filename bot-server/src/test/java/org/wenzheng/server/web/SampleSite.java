package org.wenzheng.server.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;

/**
 * The shipped configuration and sample knowledge base as the pages' tests serve them: the
 * repository's config/wenzheng.yaml over a test's data folder, the sample indexed, a free port,
 * and a request limit no test reaches (the limits have tests of their own).
 */
final class SampleSite {
    private SampleSite() {
    }

    /** The repository's configuration, its data folder replaced by the test's. */
    static AppConfig config(Path data) throws IOException {
        return AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
    }

    /** An assembly of the sample knowledge base (indexed first) and the configured database; add the features. */
    static Assembly.Builder builder(AppConfig app) throws IOException {
        KnowledgeConfig k = app.knowledgeConfig();
        KnowledgeBases.index(k, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        return Assembly.builder(config, KnowledgeBases.open(k), Database.open(app.database()));
    }
}
