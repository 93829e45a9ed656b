package org.wenzheng.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.faq.ApprovedAnswers;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffPage;

/**
 * The administration page {@code /admin} (管理后台), and its documents and re-indexing API under
 * {@code /api/v1/admin/} ({@link DocumentsApi}, {@link Reindexer}). The page gathers what other
 * features serve under the same prefix: accounts and the audit log (staff), the review of FAQ
 * proposals (faq), the reports. The API admits administrators only; the page also admits
 * officers, who see their tickets there. Every state change goes through the guard's CSRF check
 * and into the audit log.
 */
public final class AdminFeature implements Feature {
    /** 409: a re-index is running already. */
    static final String REINDEX_RUNNING = "reindex_running";

    static final String API = "/api/v1/admin";
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final AdminConfig config;
    private final Guard guard;
    private final Reindexer reindexer;
    private final DocumentsApi docs;

    /**
     * @param knowledge the knowledge configuration a re-index builds and opens (the uploads folder is
     *                  added to its sources when missing)
     * @param served    the knowledge base the server serves, which re-indexes swap
     * @param approved  the approved FAQ answers, which a re-built index learns before it is served
     * @param audit     where uploads and re-indexes are recorded
     * @throws UncheckedIOException when the uploads folder cannot be created
     */
    public AdminFeature(AdminConfig config, KnowledgeConfig knowledge, SwappableKnowledgeBase served,
            Supplier<ApprovedAnswers> approved, AccountStore audit, Guard guard, Clock clock) {
        this(config, knowledge, served, approved, audit, guard, clock, p -> { });
    }

    /**
     * @param reindexProgress told on a re-index's thread as the run begins (before the documents are
     *                        listed) and of each progress once the page can read it: a test holds a
     *                        run there to watch the page follow it
     */
    public AdminFeature(AdminConfig config, KnowledgeConfig knowledge, SwappableKnowledgeBase served,
            Supplier<ApprovedAnswers> approved, AccountStore audit, Guard guard, Clock clock,
            Consumer<IndexProgress> reindexProgress) {
        this.config = Objects.requireNonNull(config, "config");
        this.guard = Objects.requireNonNull(guard, "guard");
        try {
            Files.createDirectories(config.uploadsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("admin.uploads: cannot create the folder " + config.uploadsDir(), e);
        }
        this.reindexer = new Reindexer(withSource(Objects.requireNonNull(knowledge, "knowledge"), config.uploadsDir()),
                served, approved, served.changes(), clock, status -> { }, reindexProgress);
        this.docs = new DocumentsApi(config, served, reindexer, audit);
    }

    /** The configuration with {@code folder} among its sources (once). */
    public static KnowledgeConfig withSource(KnowledgeConfig k, Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        if (k.sources().stream().anyMatch(s -> s.toAbsolutePath().normalize().equals(f))) {
            return k;
        }
        List<Path> sources = new ArrayList<>(k.sources());
        sources.add(folder);
        return k.toBuilder().sources(sources).build();
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.get("/admin", guard.page(EnumSet.of(Role.ADMIN, Role.OFFICER),
                        new StaffPage(AdminFeature.class.getClassLoader(), "admin.html")))
                .get(API + "/documents", guard.api(ADMIN, docs.list()))
                .post(API + "/documents", guard.api(ADMIN, docs.upload()))
                .maxBody(API + "/documents", config.maxUploadBytes())
                .get(API + "/reindex", guard.api(ADMIN, docs.reindexStatus()))
                .post(API + "/reindex", guard.api(ADMIN, docs.startReindex()));
    }

    @Override
    public void close() {
        reindexer.close();
    }
}
