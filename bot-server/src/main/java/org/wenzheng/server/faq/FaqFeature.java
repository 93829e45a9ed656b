package org.wenzheng.server.faq;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;

/**
 * FAQ proposals (FAQ 建议) made from answered tickets, and their review by administrators under
 * {@code /api/v1/admin/faq-proposals} ({@link FaqReviewApi}). This package alone writes the
 * {@code faq_proposals} table ({@link FaqProposalStore}); the tickets hand it an answer to propose
 * ({@link FaqProposalStore#propose}, in their own transaction).
 *
 * <p>When it is built, the approved proposals are put into the served knowledge base, so they
 * answer from the first request after every start.
 */
public final class FaqFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(FaqFeature.class);
    private static final String API = "/api/v1/admin/faq-proposals";
    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);

    private final FaqReviewApi review;
    private final Guard guard;

    /** @param audit where decisions are recorded */
    public FaqFeature(Database database, SwappableKnowledgeBase served, AccountStore audit, Guard guard, Clock clock) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.review = new FaqReviewApi(new FaqProposalStore(database, clock), audit, served, served.changes());
        ApprovedAnswers approved = review.approved();
        if (!approved.isEmpty()) {
            int learned = approved.teach(served);
            log.info("{} approved FAQ proposal(s) loaded into the knowledge base, {} answered question(s) learned",
                    approved.faq().size(), learned);
        }
    }

    /** The approved answers as the database holds them now: what a re-built index learns. */
    public Supplier<ApprovedAnswers> approved() {
        return review::approved;
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.get(API, guard.api(ADMIN, review.list()))
                .post(API + "/{id}", guard.api(ADMIN, review.edit()))
                .post(API + "/{id}/approve", guard.api(ADMIN, review.approve()))
                .post(API + "/{id}/reject", guard.api(ADMIN, review.reject()));
    }
}
