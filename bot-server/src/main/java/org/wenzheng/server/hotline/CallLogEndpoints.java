package org.wenzheng.server.hotline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * The console's staff API, behind the guard (operator and admin): an operator's calls of today,
 * one call with its caller's context, the call log entry written back, a call logged by hand, and
 * the engine's answer to a question. An operator sees and writes only the calls put through to
 * them: another operator's call answers 404, as a call that does not exist.
 */
final class CallLogEndpoints {
    /** The call log's fields as the console labels them, for the messages an operator reads. */
    private static final Map<String, String> LOG_LABELS = Map.of("question", "来电问题", "answerGiven", "答复内容",
            "notes", "备注");
    private final CallStore calls;
    private final CallPopUps popUps;
    private final KnowledgeBase knowledge;
    private final HotlineConfig config;
    private final int maxQuestionChars;
    private final Clock clock;

    CallLogEndpoints(CallStore calls, CallPopUps popUps, KnowledgeBase knowledge, HotlineConfig config,
            int maxQuestionChars, Clock clock) {
        this.calls = calls;
        this.popUps = popUps;
        this.knowledge = knowledge;
        this.config = config;
        this.maxQuestionChars = maxQuestionChars;
        this.clock = clock;
    }

    /** {@code GET /api/v1/staff/calls}: the operator's calls of today (the office's day), newest first. */
    Guard.StaffEndpoint today() {
        return (request, session) -> {
            ZoneId zone = config.timeZone();
            LocalDate day = LocalDate.now(clock.withZone(zone));
            return Response.json(HttpResponseStatus.OK, new CallViews.CallsView(day.toString(),
                    calls.callsOf(session.account().username(), day.atStartOfDay(zone).toInstant(),
                            day.plusDays(1).atStartOfDay(zone).toInstant()).stream()
                            .map(CallViews.CallView::of).toList()));
        };
    }

    /** {@code POST /api/v1/staff/calls}: a call logged by hand (no PBX report), started now. */
    Guard.StaffEndpoint create() {
        return (request, session) -> Response.json(HttpResponseStatus.CREATED,
                popUps.context(calls.createByHand(session.account().username())));
    }

    /** {@code GET /api/v1/staff/calls/{id}}: one of the operator's calls with its caller's context. */
    Guard.StaffEndpoint one() {
        return (request, session) -> Response.json(HttpResponseStatus.OK,
                popUps.context(calls.find(id(request), session.account().username()).orElseThrow(CallLogEndpoints::noCall)));
    }

    /**
     * {@code POST /api/v1/staff/calls/{id}} with {@code {"question", "answerGiven", "notes"}}
     * (each optional; one given replaces the stored one): the call log entry.
     */
    Guard.StaffEndpoint write() {
        return (request, session) -> {
            ObjectNode body = JsonBodies.object(request);
            CallLogEntry entry = new CallLogEntry(text(body, "question"), text(body, "answerGiven"),
                    text(body, "notes"));
            Call call = calls.writeLog(id(request), session.account().username(), entry)
                    .orElseThrow(CallLogEndpoints::noCall);
            return Response.json(HttpResponseStatus.OK, CallViews.CallView.of(call));
        };
    }

    /** {@code GET /api/v1/staff/answer?q=…}: the engine's answer (FAQ or passage) when it is confident. */
    Guard.StaffEndpoint answer() {
        return (request, session) -> {
            String q = request.queryParam("q").orElseThrow(() -> ApiException.invalidField("q", "请填写问题"));
            if (q.isBlank()) {
                throw ApiException.invalidField("q", "请填写问题");
            }
            if (q.length() > maxQuestionChars) {
                throw ApiException.invalidField("q", InputText.questionTooLong(maxQuestionChars, q.length()));
            }
            return Response.json(HttpResponseStatus.OK, CallViews.AnswerView.of(knowledge.answer(q)));
        };
    }

    private String text(ObjectNode body, String field) {
        String v = JsonBodies.optionalText(body, field);
        if (v != null && v.length() > config.maxTextChars()) {
            throw ApiException.invalidField(field, LOG_LABELS.get(field) + "最多 " + config.maxTextChars()
                    + " 个字，当前 " + v.length() + " 个字");
        }
        return v;
    }

    /** The call id of the path; a malformed one is as unknown as a missing call. */
    static long id(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw noCall();
        }
    }

    static ApiException noCall() {
        return ApiException.notFound("没有这条来电记录");
    }
}
