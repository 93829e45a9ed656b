package org.wenzheng.server.interviews;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.knowledge.analysis.PhraseList;
import org.wenzheng.server.netty.ServerConfig;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.metrics.ServerMetrics;
import org.wenzheng.server.chat.AnswerCache;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.http.StaticFiles;

/**
 * 在线访谈: online interviews. Citizens watch an event's page ({@code /interview/{id}}, no login)
 * and send questions; the bot answers at once those it can (智能回答, with citations), near-duplicates
 * are merged, the moderator gives the rest to guests ({@code /interview/{id}/moderate}), and each
 * guest's answer ({@code /interview/{id}/guest}) appears on every viewer's page within a poll;
 * moderators and guests find their events on {@code /interviews}.
 * Administrators create and run the events ({@code /admin/interviews}). After the end the page is
 * the transcript, and the questions left unanswered become tickets through the {@link Escalator},
 * or wait as "to escalate" until one is plugged in; the answers officers give to those tickets are
 * added to the transcript as they come (会后答复, under the answering department's name). With a
 * ticket escalator, install this feature after the tickets feature.
 *
 * <p>Its answers come from its own {@link AnswerCache} on the server's knowledge base, sized like
 * the server's: an interview's burst of repeated questions is answered once.
 */
public final class InterviewsFeature implements Feature {
    private static final Set<Role> MODERATORS = EnumSet.of(Role.MODERATOR, Role.ADMIN);
    private static final Set<Role> GUESTS = EnumSet.of(Role.OFFICER);
    private static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> INTERVIEW_STAFF = EnumSet.of(Role.MODERATOR, Role.OFFICER, Role.ADMIN);
    private static final String JS = "text/javascript; charset=utf-8";

    private final InterviewConfig config;
    private final Guard guard;
    private final CitizenEndpoints citizens;
    private final ModerationEndpoints staff;
    private final AdminEndpoints admin;

    /**
     * @param cache       the size and lifetime of the answers kept (the server's answer cache settings)
     * @param stopPhrases conversational phrases left out when comparing questions (the knowledge
     *                    engine's stop phrases)
     * @param escalator   makes tickets of the questions left unanswered, when a tickets service exists
     * @param accounts    the staff accounts, of the moderators and guests an event names
     */
    public InterviewsFeature(InterviewConfig config, ServerConfig.AnswerCache cache, List<String> stopPhrases,
            Optional<Escalator> escalator, Database database, KnowledgeBase knowledge, AccountStore accounts,
            Guard guard, ServerMetrics metrics, Clock clock, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(escalator, "escalator");
        this.guard = Objects.requireNonNull(guard, "guard");
        InterviewStore store = new InterviewStore(database, clock);
        AnswerCache answers = new AnswerCache(knowledge, cache, ticker, metrics);
        QuestionDesk desk = new QuestionDesk(store, answers, new DuplicateDetector(List.copyOf(stopPhrases)),
                config.duplicateThreshold(), escalator, metrics);
        citizens = new CitizenEndpoints(store, desk, config, ticker);
        // Before the server listens: no answer to an escalated question may arrive unheard. The
        // event's cached feed head is dropped before the commit (there is no hook after it): a poll
        // in between may keep the old one for interviews.feedCacheMillis more, never longer.
        escalator.ifPresent(e -> e.onAnswer((c, code, department, text, at) -> desk.publishLater(c, code,
                department, text, at).ifPresent(q -> citizens.changed(q.interviewId()))));
        staff = new ModerationEndpoints(store, config, citizens);
        admin = new AdminEndpoints(store, accounts, desk, citizens);
    }

    /**
     * The feature with the stop phrases of the knowledge engine's file.
     *
     * @param stopPhrasesFile the engine's stop phrases, or null for none
     * @throws UncheckedIOException when the file cannot be read
     */
    public static InterviewsFeature of(InterviewConfig config, ServerConfig.AnswerCache cache, Path stopPhrasesFile,
            Optional<Escalator> escalator, Database database, KnowledgeBase knowledge, AccountStore accounts,
            Guard guard, ServerMetrics metrics, Clock clock, Ticker ticker) {
        try {
            List<String> stop = stopPhrasesFile == null ? List.of() : PhraseList.readStopPhrases(stopPhrasesFile);
            return new InterviewsFeature(config, cache, stop, escalator, database, knowledge, accounts, guard, metrics,
                    clock, ticker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stop phrases " + stopPhrasesFile, e);
        }
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        ClassLoader loader = InterviewsFeature.class.getClassLoader();
        byte[] page = StaticFiles.page(loader, "interview.html");
        routes.get("/interview/{id}", citizens.page(page))
                .get("/interview/{id}/moderate", guard.page(MODERATORS,
                        new InterviewPage(loader, "moderate.html", staff::moderated)))
                .get("/interview/{id}/guest", guard.page(GUESTS, new InterviewPage(loader, "guest.html", staff::guestOf)))
                .get("/interviews", guard.page(INTERVIEW_STAFF, new InterviewPage(loader, "interviews.html",
                        (request, session) -> { })))
                .get("/admin/interviews", guard.page(ADMINS, new InterviewPage(loader, "admin-interviews.html",
                        (request, session) -> { })))
                .get("/interview.js", StaticFiles.file(loader, "interview.js", JS))
                .get("/interview-staff.js", StaticFiles.file(loader, "interview-staff.js", JS))
                .get("/interview.css", StaticFiles.file(loader, "interview.css", "text/css; charset=utf-8"))

                .get("/api/v1/interviews/{id}", citizens.info())
                .get("/api/v1/interviews/{id}/feed", citizens.feed())
                .post("/api/v1/interviews/{id}/questions", citizens.ask())

                .get("/api/v1/interviews/{id}/queue", guard.api(MODERATORS, staff.queue()))
                .post("/api/v1/interviews/{id}/questions/{qid}/assign", guard.api(MODERATORS, staff.assign()))
                .post("/api/v1/interviews/{id}/questions/{qid}/reject", guard.api(MODERATORS, staff.reject()))
                .post("/api/v1/interviews/{id}/questions/{qid}/unreject", guard.api(MODERATORS, staff.unreject()))
                .get("/api/v1/interviews/{id}/assigned", guard.api(GUESTS, staff.assigned()))
                .post("/api/v1/interviews/{id}/questions/{qid}/answer", guard.api(GUESTS, staff.answer()))

                .get("/api/v1/staff/interviews", guard.api(INTERVIEW_STAFF, staff.mine()))
                .get("/api/v1/admin/interviews", guard.api(ADMINS, admin.list()))
                .post("/api/v1/admin/interviews", guard.api(ADMINS, admin.create()))
                .post("/api/v1/admin/interviews/{id}", guard.api(ADMINS, admin.update()))
                .post("/api/v1/admin/interviews/{id}/start", guard.api(ADMINS, admin.start()))
                .post("/api/v1/admin/interviews/{id}/end", guard.api(ADMINS, admin.end()))
                .post("/api/v1/admin/interviews/{id}/escalate", guard.api(ADMINS, admin.escalate()));
    }
}
