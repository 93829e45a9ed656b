package org.wenzheng.server.interviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.chat.ApiShapes;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.Role;

/**
 * The moderator's and the guests' API. The guard has admitted the role already (moderator or
 * admin; officer); here each request is also checked against the event: a moderator runs only the
 * events they are named for (admins run any), and an officer answers only at the events they are a
 * guest of, and only the questions given to them.
 */
final class ModerationEndpoints {
    private static final Logger log = LoggerFactory.getLogger(ModerationEndpoints.class);

    private final InterviewStore store;
    private final InterviewConfig config;
    private final CitizenEndpoints citizens;

    ModerationEndpoints(InterviewStore store, InterviewConfig config, CitizenEndpoints citizens) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.citizens = Objects.requireNonNull(citizens, "citizens");
    }

    /** The event, when this session may moderate it: 404 when there is none, 403 when it is another's. */
    Interview moderated(Request request, StaffSession session) {
        Interview i = store.find(Requests.interviewId(request)).orElseThrow(() -> ApiException.notFound("访谈不存在"));
        boolean mine = i.moderator() != null && i.moderator().accountId() == session.account().id();
        if (session.role() != Role.ADMIN && !mine) {
            throw forbidden("您不是本场访谈的主持人");
        }
        return i;
    }

    /** The event, when this session is one of its guests. */
    Interview guestOf(Request request, StaffSession session) {
        Interview i = store.find(Requests.interviewId(request)).orElseThrow(() -> ApiException.notFound("访谈不存在"));
        if (!i.hasGuest(session.account().id())) {
            throw forbidden("您不是本场访谈的嘉宾");
        }
        return i;
    }

    private static ApiException forbidden(String message) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, message);
    }

    /** An event as the "my interviews" list shows it, with what this person does there. */
    record MineView(InterviewViews.StaffInterviewView interview, boolean moderator, boolean guest) {
    }

    /**
     * {@code GET /api/v1/staff/interviews}: the events this person moderates or is a guest of (an
     * admin: every event), the latest first, for the "my interviews" page they land on.
     */
    Guard.StaffEndpoint mine() {
        return (request, session) -> {
            long me = session.account().id();
            boolean admin = session.role() == Role.ADMIN;
            java.util.List<MineView> out = new java.util.ArrayList<>();
            for (Interview i : store.list()) {
                boolean moderates = admin || (i.moderator() != null && i.moderator().accountId() == me);
                boolean guest = i.hasGuest(me);
                if (moderates || guest) {
                    out.add(new MineView(InterviewViews.StaffInterviewView.of(i), moderates, guest));
                }
            }
            return Response.json(HttpResponseStatus.OK, Map.of("interviews", out));
        };
    }

    /** {@code GET /api/v1/interviews/{id}/queue}: the event and every entry (the page groups them). */
    Guard.StaffEndpoint queue() {
        return (request, session) -> {
            Interview i = moderated(request, session);
            return Response.json(HttpResponseStatus.OK, new InterviewViews.QueueView(
                    InterviewViews.StaffInterviewView.of(i),
                    store.entries(i.id()).stream().map(InterviewViews.EntryView::of).toList()));
        };
    }

    /** {@code POST /api/v1/interviews/{id}/questions/{qid}/assign} with {@code {"guest": accountId}}. */
    Guard.StaffEndpoint assign() {
        return (request, session) -> {
            ObjectNode body = ApiShapes.jsonObject(request);
            long guest = Requests.id(body, "guest", "嘉宾");
            long qid = Requests.questionId(request);
            Interview i = moderated(request, session);
            if (!i.hasGuest(guest)) {
                throw ApiException.invalidField("guest", "只能分配给本场访谈的嘉宾");
            }
            Requests.check(store.assign(i.id(), qid, guest), "问题不存在", "该问题已处理，不能再分配");
            log.info("interview={} question={} assigned to account {} by {}", i.id(), qid, guest,
                    session.account().username());
            return done();
        };
    }

    /** {@code POST /api/v1/interviews/{id}/questions/{qid}/reject}: never shown publicly, never escalated. */
    Guard.StaffEndpoint reject() {
        return (request, session) -> {
            long qid = Requests.questionId(request);
            Interview i = moderated(request, session);
            Requests.check(store.reject(i.id(), qid), "问题不存在", "该问题已处理，不能再拒绝");
            log.info("interview={} question={} rejected by {}", i.id(), qid, session.account().username());
            return done();
        };
    }

    /**
     * {@code POST /api/v1/interviews/{id}/questions/{qid}/unreject}: the undo the page offers right
     * after a rejection; 409 once the moment has passed ({@link InterviewStore#unreject}).
     */
    Guard.StaffEndpoint unreject() {
        return (request, session) -> {
            long qid = Requests.questionId(request);
            Interview i = moderated(request, session);
            Requests.check(store.unreject(i.id(), qid), "问题不存在", "已超过撤销时限或问题状态已变化，不能撤销拒绝");
            log.info("interview={} question={} rejection undone by {}", i.id(), qid, session.account().username());
            return done();
        };
    }

    /** {@code GET /api/v1/interviews/{id}/assigned}: the questions given to this guest. */
    Guard.StaffEndpoint assigned() {
        return (request, session) -> {
            Interview i = guestOf(request, session);
            return Response.json(HttpResponseStatus.OK, new InterviewViews.AssignedView(
                    InterviewViews.StaffInterviewView.of(i),
                    store.assignedTo(i.id(), session.account().id()).stream()
                            .map(InterviewViews.EntryView::of).toList()));
        };
    }

    /**
     * {@code POST /api/v1/interviews/{id}/questions/{qid}/answer} with {@code {"answer"}}: published
     * in the feed at once. 404 when the question is not given to this guest, 409 when it was
     * answered already or the event has ended.
     */
    Guard.StaffEndpoint answer() {
        return (request, session) -> {
            ObjectNode body = ApiShapes.jsonObject(request);
            String text = Requests.text(body, "answer", "回答", config.maxAnswerChars());
            long qid = Requests.questionId(request);
            Interview i = guestOf(request, session);
            InterviewStore.Change change = store.answer(i.id(), qid, session.account().id(), text);
            if (change == InterviewStore.Change.CONFLICT && store.find(i.id()).map(Interview::status)
                    .orElse(Interview.Status.ENDED) == Interview.Status.ENDED) {
                throw Requests.ended();
            }
            Requests.check(change, "问题不存在或未分配给您", "该问题已回答");
            citizens.changed(i.id());
            log.info("interview={} question={} answered by {}", i.id(), qid, session.account().username());
            return done();
        };
    }

    static Response done() {
        return Response.json(HttpResponseStatus.OK, Map.of("ok", true));
    }
}
