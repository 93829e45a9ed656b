package org.wenzheng.server.interviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.chat.ApiShapes;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Role;

/**
 * The administrator's interview API under {@code /api/v1/admin/interviews}: list, create and
 * edit events (title, description, times, moderator, guests with their titles), start and end
 * them, and escalate the questions left unanswered. Every change is written to the audit log.
 */
final class AdminEndpoints {
    private static final Logger log = LoggerFactory.getLogger(AdminEndpoints.class);

    /** The column widths of the interviews table. */
    static final int MAX_TITLE_CHARS = 200;
    static final int MAX_DESCRIPTION_CHARS = 4000;
    static final int MAX_GUEST_TITLE_CHARS = 100;
    /** A panel, not a conference: more guests than this is a mistake in the form. */
    static final int MAX_GUESTS = 20;
    /** 409: the questions cannot become tickets yet (no tickets service in this server). */
    static final String TICKETS_UNAVAILABLE = "tickets_unavailable";

    private final InterviewStore store;
    private final AccountStore audit;
    private final QuestionDesk desk;
    private final CitizenEndpoints citizens;

    AdminEndpoints(InterviewStore store, AccountStore audit, QuestionDesk desk, CitizenEndpoints citizens) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.citizens = Objects.requireNonNull(citizens, "citizens");
    }

    /** {@code GET /api/v1/admin/interviews}: every event, and the officers and moderators to pick from. */
    Guard.StaffEndpoint list() {
        return (request, session) -> Response.json(HttpResponseStatus.OK, new InterviewViews.AdminView(
                store.list().stream().map(InterviewViews.StaffInterviewView::of).toList(),
                store.staff(EnumSet.of(Role.OFFICER)).stream().map(InterviewViews.StaffView::of).toList(),
                store.staff(EnumSet.of(Role.MODERATOR)).stream().map(InterviewViews.StaffView::of).toList()));
    }

    /** {@code POST /api/v1/admin/interviews}: 201 with the new, scheduled event. */
    Guard.StaffEndpoint create() {
        return (request, session) -> {
            InterviewStore.Draft draft = draft(ApiShapes.jsonObject(request));
            Interview i = store.create(draft);
            record(session, request, "interview_created", i.id());
            return Response.json(HttpResponseStatus.CREATED, InterviewViews.StaffInterviewView.of(i));
        };
    }

    /** {@code POST /api/v1/admin/interviews/{id}}: the event as changed. */
    Guard.StaffEndpoint update() {
        return (request, session) -> {
            long id = Requests.interviewId(request);
            InterviewStore.Draft draft = draft(ApiShapes.jsonObject(request));
            Interview i = store.update(id, draft).orElseThrow(() -> ApiException.notFound("访谈不存在"));
            citizens.changed(id);
            record(session, request, "interview_updated", id);
            return Response.json(HttpResponseStatus.OK, InterviewViews.StaffInterviewView.of(i));
        };
    }

    /** {@code POST /api/v1/admin/interviews/{id}/start}: scheduled to live. */
    Guard.StaffEndpoint start() {
        return (request, session) -> {
            long id = Requests.interviewId(request);
            Requests.check(store.start(id), "访谈不存在", "只有未开始的访谈可以开始");
            citizens.changed(id);
            record(session, request, "interview_started", id);
            return Response.json(HttpResponseStatus.OK, InterviewViews.StaffInterviewView.of(store.find(id)
                    .orElseThrow()));
        };
    }

    /**
     * {@code POST /api/v1/admin/interviews/{id}/end}: the page becomes the transcript; the open
     * questions are marked to escalate in the same transaction, then escalated when tickets exist.
     */
    Guard.StaffEndpoint end() {
        return (request, session) -> {
            long id = Requests.interviewId(request);
            Requests.check(store.end(id), "访谈不存在", "访谈已经结束");
            citizens.changed(id);
            record(session, request, "interview_ended", id);
            Interview i = store.find(id).orElseThrow();
            int made = 0;
            try {
                made = desk.escalate(i);
            } catch (RuntimeException e) {
                // The end is committed and the questions wait as to_escalate: the escalate action retries.
                log.error("interview={} ended, but escalating its unanswered questions failed", id, e);
            }
            return Response.json(HttpResponseStatus.OK, new InterviewViews.EscalatedView(made, desk.waiting(id),
                    desk.canEscalate()));
        };
    }

    /**
     * {@code POST /api/v1/admin/interviews/{id}/escalate}: makes tickets of the questions still
     * waiting; 409 {@value #TICKETS_UNAVAILABLE} while no tickets service is plugged in.
     */
    Guard.StaffEndpoint escalate() {
        return (request, session) -> {
            long id = Requests.interviewId(request);
            Interview i = store.find(id).orElseThrow(() -> ApiException.notFound("访谈不存在"));
            if (i.status() != Interview.Status.ENDED) {
                throw Requests.conflict("访谈结束后才能转办未回答的问题");
            }
            if (!desk.canEscalate()) {
                throw new ApiException(HttpResponseStatus.CONFLICT, TICKETS_UNAVAILABLE,
                        "工单服务尚未启用：未回答的问题已保留为“待转办”，启用后可在此转办");
            }
            int made = desk.escalate(i);
            record(session, request, "interview_escalated", id);
            return Response.json(HttpResponseStatus.OK, new InterviewViews.EscalatedView(made, desk.waiting(id),
                    true));
        };
    }

    private void record(StaffSession session, Request request, String action, long id) {
        audit.audit(session.account().id(), session.account().username(), action, request.clientIp());
        log.info("{} interview={} by {}", action, id, session.account().username());
    }

    /** The body of a create or edit, checked field by field. */
    private InterviewStore.Draft draft(ObjectNode body) {
        String title = Requests.text(body, "title", "标题", MAX_TITLE_CHARS);
        String description = Requests.optionalText(body, "description", "简介", MAX_DESCRIPTION_CHARS);
        Instant starts = time(body, "startsAt");
        Instant ends = time(body, "endsAt");
        if (!ends.isAfter(starts)) {
            throw ApiException.invalidField("endsAt", "结束时间须晚于开始时间");
        }
        Long moderator = null;
        JsonNode m = body.get("moderator");
        if (m != null && !m.isNull()) {
            moderator = Requests.id(body, "moderator", "主持人");
            long wanted = moderator;
            if (store.staff(EnumSet.of(Role.MODERATOR)).stream().noneMatch(s -> s.id() == wanted)) {
                throw ApiException.invalidField("moderator", "请选择一位主持人账号");
            }
        }
        JsonNode g = body.get("guests");
        List<InterviewStore.Seat> seats = new ArrayList<>();
        if (g != null && !g.isNull()) {
            if (!g.isArray() || g.size() > MAX_GUESTS) {
                throw ApiException.invalidField("guests", "嘉宾最多 " + MAX_GUESTS + " 位");
            }
            Map<Long, String> officers = new HashMap<>();
            store.staff(EnumSet.of(Role.OFFICER)).forEach(s -> officers.put(s.id(), s.displayName()));
            for (int k = 0; k < g.size(); k++) {
                if (!(g.get(k) instanceof ObjectNode guest)) {
                    throw ApiException.invalidField("guests[" + k + "]", "第 " + (k + 1) + " 位嘉宾须选择账号并填写职务");
                }
                long account = Requests.id(guest, "account", "第 " + (k + 1) + " 位嘉宾");
                if (!officers.containsKey(account)) {
                    throw ApiException.invalidField("guests[" + k + "].account", "第 " + (k + 1) + " 位嘉宾须为承办人员账号");
                }
                seats.add(new InterviewStore.Seat(account, Requests.text(guest, "title",
                        "嘉宾" + officers.get(account) + "的职务", MAX_GUEST_TITLE_CHARS)));
            }
        }
        return new InterviewStore.Draft(title, description == null ? "" : description, starts, ends, moderator, seats);
    }

    /** The interview form's name for a time field, as its label reads. */
    private static String label(String field) {
        return "endsAt".equals(field) ? "结束时间" : "开始时间";
    }

    private static Instant time(ObjectNode body, String field) {
        String text = ApiShapes.optionalText(body, field);
        if (text == null) {
            throw ApiException.invalidField(field, "请填写" + label(field));
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, label(field) + "格式不正确，应形如 2026-11-26T10:00:00+08:00");
        }
    }
}
