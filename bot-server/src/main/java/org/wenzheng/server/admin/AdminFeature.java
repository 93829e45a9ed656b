package org.wenzheng.server.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.ServerFeature;
import org.wenzheng.server.auth.Guard;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.store.AccountStore;
import org.wenzheng.server.store.FaqProposalStore;
import org.wenzheng.server.store.Role;
import org.wenzheng.server.web.StaffPage;

/**
 * The administration page {@code /admin} (管理后台) and its API under {@code /api/v1/admin/}:
 * accounts and the audit log ({@link AccountsApi}), documents and re-indexing
 * ({@link DocumentsApi}, {@link Reindexer}), the review of FAQ proposals ({@link FaqReviewApi}).
 * The API admits administrators only; the page also admits officers, who see their tickets there.
 * Every state change goes through the guard's CSRF check and into the audit log.
 *
 * <p>At install the approved FAQ proposals are put into the served knowledge base, so they answer
 * from the first request after every start.
 */
public final class AdminFeature implements ServerFeature {
    private static final Logger log = LoggerFactory.getLogger(AdminFeature.class);

    /** 409: the name is taken, or the proposal was decided already. */
    static final String CONFLICT = "conflict";
    /** 409: the change would leave no enabled administrator. */
    static final String LAST_ADMIN = "last_admin";
    /** 409: a re-index is running already. */
    static final String REINDEX_RUNNING = "reindex_running";

    static final String API = "/api/v1/admin";
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final AdminConfig config;
    private final KnowledgeConfig knowledge;
    private final SwappableKnowledgeBase served;
    private final Object knowledgeLock = new Object();
    private Reindexer reindexer;

    /**
     * @param knowledge the knowledge configuration a re-index builds and opens (the uploads folder is
     *                  added to its sources when missing)
     * @param served    the knowledge base the server serves: FAQ approvals go into it, re-indexes swap it
     */
    private final Map<String, String> departments;

    public AdminFeature(AdminConfig config, KnowledgeConfig knowledge, SwappableKnowledgeBase served) {
        this(config, knowledge, served, Map.of());
    }

    /**
     * @param departments the configured departments, id to name in order: an officer's account may
     *                    belong to one of them
     */
    public AdminFeature(AdminConfig config, KnowledgeConfig knowledge, SwappableKnowledgeBase served,
            Map<String, String> departments) {
        this.departments = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(departments, "departments")));
        this.config = Objects.requireNonNull(config, "config");
        this.knowledge = withSource(Objects.requireNonNull(knowledge, "knowledge"), config.uploadsDir());
        this.served = Objects.requireNonNull(served, "served");
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
    public void install(Routes.Builder routes, Context context) {
        try {
            Files.createDirectories(config.uploadsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("admin.uploads: cannot create the folder " + config.uploadsDir(), e);
        }
        AccountStore accounts = new AccountStore(context.database(), context.clock());
        FaqReviewApi faq = new FaqReviewApi(new FaqProposalStore(context.database(), context.clock()), accounts,
                served, knowledgeLock);
        ApprovedAnswers approved = faq.approved();
        if (!approved.isEmpty()) {
            int learned = approved.teach(served);
            log.info("{} approved FAQ proposal(s) loaded into the knowledge base, {} answered question(s) learned",
                    approved.faq().size(), learned);
        }
        reindexer = new Reindexer(knowledge, served, faq::approved, knowledgeLock, context.clock());
        AccountsApi acc = new AccountsApi(accounts, context.passwords(), departments);
        DocumentsApi docs = new DocumentsApi(config, served, reindexer, accounts);
        Guard guard = context.guard();
        routes.get("/admin", guard.page(EnumSet.of(Role.ADMIN, Role.OFFICER),
                        new StaffPage(AdminFeature.class.getClassLoader(), "admin.html")))
                .get(API + "/accounts", guard.api(ADMIN, acc.list()))
                .post(API + "/accounts", guard.apiLater(ADMIN, acc.create()))
                .post(API + "/accounts/{id}/role", guard.api(ADMIN, acc.setRole()))
                .post(API + "/accounts/{id}/disabled", guard.api(ADMIN, acc.setDisabled()))
                .post(API + "/accounts/{id}/password", guard.apiLater(ADMIN, acc.resetPassword()))
                .get(API + "/audit", guard.api(ADMIN, acc.audit()))
                .get(API + "/documents", guard.api(ADMIN, docs.list()))
                .post(API + "/documents", guard.api(ADMIN, docs.upload()))
                .maxBody(API + "/documents", config.maxUploadBytes())
                .get(API + "/reindex", guard.api(ADMIN, docs.reindexStatus()))
                .post(API + "/reindex", guard.api(ADMIN, docs.startReindex()))
                .get(API + "/faq-proposals", guard.api(ADMIN, faq.list()))
                .post(API + "/faq-proposals/{id}", guard.api(ADMIN, faq.edit()))
                .post(API + "/faq-proposals/{id}/approve", guard.api(ADMIN, faq.approve()))
                .post(API + "/faq-proposals/{id}/reject", guard.api(ADMIN, faq.reject()));
    }

    @Override
    public void close() {
        if (reindexer != null) {
            reindexer.close();
        }
    }
}
