package org.wenzheng.server.interviews;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.wenzheng.server.chat.ApiShapes;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;

/** Reading the interview API's requests, and its refusals, with messages for the client. */
final class Requests {
    /** 409: the event has ended (no more questions, moderation or answers). */
    static final String INTERVIEW_ENDED = "interview_ended";
    /** 409: the question is not in a state that allows this (answered, rejected …). */
    static final String CONFLICT = "conflict";

    private Requests() {
    }

    /** The {@code {id}} of the route: an unknown or malformed id is the same 404. */
    static long interviewId(Request request) {
        return number(request.pathParam("id"), "访谈不存在");
    }

    /** The {@code {qid}} of the route. */
    static long questionId(Request request) {
        return number(request.pathParam("qid"), "问题不存在");
    }

    private static long number(String text, String notFound) {
        // Ids are positive and at most 18 digits: anything else names nothing.
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw ApiException.notFound(notFound);
        }
        long v = Long.parseLong(text);
        if (v < 1) {
            throw ApiException.notFound(notFound);
        }
        return v;
    }

    /**
     * A required text field, stripped, not blank, at most {@code max} characters (UTF-16, as
     * JavaScript counts).
     *
     * @param field its name in the request, for {@code error.field}
     * @param label its name on the form (职务, 您的问题), for the message a person reads
     */
    static String text(ObjectNode body, String field, String label, int max) {
        String v = ApiShapes.optionalText(body, field);
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, "请填写" + label);
        }
        v = v.strip();
        if (v.length() > max) {
            throw tooLong(field, label, max, v.length());
        }
        return v;
    }

    /**
     * An optional text field: null when absent, null or blank; else stripped, at most {@code max}
     * characters.
     *
     * @param label its name on the form, for the message a person reads
     */
    static String optionalText(ObjectNode body, String field, String label, int max) {
        String v = ApiShapes.optionalText(body, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.length() > max) {
            throw tooLong(field, label, max, v.length());
        }
        return v;
    }

    private static ApiException tooLong(String field, String label, int max, int length) {
        return ApiException.invalidField(field, label + "最多 " + max + " 个字，当前 " + length + " 个字");
    }

    /** A required whole-number field (an account or question id). */
    static long id(ObjectNode body, String field, String label) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.invalidField(field, "请选择" + label);
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 1) {
            throw ApiException.invalidField(field, label + "无效：须为账号或问题的编号");
        }
        return n.asLong();
    }

    /** The refusal matching a store's answer to a change; nothing when it was done. */
    static void check(InterviewStore.Change change, String notFound, String conflict) {
        switch (change) {
            case DONE -> {
            }
            case NOT_FOUND -> throw ApiException.notFound(notFound);
            case CONFLICT -> throw conflict(conflict);
        }
    }

    static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, CONFLICT, message);
    }

    static ApiException ended() {
        return new ApiException(HttpResponseStatus.CONFLICT, INTERVIEW_ENDED, "访谈已结束，不再接受提问");
    }
}
