package org.wenzheng.server.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.tickets.ContactPhone;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;

/**
 * {@code POST /api/v1/staff/calls/{id}/escalate}: the operator cannot answer the caller's question
 * and hands it to the responsible department as a ticket (channel hotline) with a number to call
 * back — the caller's own by default, which the operator never sees whole, or another one the
 * caller gives — kept only with the caller's consent. The ticket's code goes into the call's log.
 *
 * <p>Body: {@code {"question"?, "callbackPhone"?, "consent": true, "type"?: "consultation"|"disclosure"}};
 * the question defaults to the one in the call log. Answers 201 with the ticket's code and the
 * access key (shown this once: the operator reads both to the caller), 404 for a call that is not
 * the operator's, 409 when the call already has a ticket, 400 naming the field at fault.
 */
final class CallEscalation {
    private static final Logger log = LoggerFactory.getLogger(CallEscalation.class);
    /** The error code of a second escalation of one call (as the ticket API's refused actions). */
    static final String CONFLICT = "conflict";

    private final CallStore calls;
    private final TicketService tickets;
    private final HotlineConfig config;

    CallEscalation(CallStore calls, TicketService tickets, HotlineConfig config) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.config = config;
    }

    /** What the operator gets back: the ticket to read to the caller, and the call now linked to it. */
    record EscalatedView(String code, String key, String pin, String department, String deadline, CallViews.CallView call) {
    }

    Guard.StaffEndpoint endpoint() {
        return (request, session) -> {
            String operator = session.account().username();
            ObjectNode body = JsonBodies.object(request);
            Call call = calls.find(CallLogEndpoints.id(request), operator).orElseThrow(CallLogEndpoints::noCall);
            if (call.ticketCode() != null) {
                throw new ApiException(HttpResponseStatus.CONFLICT, CONFLICT,
                        "这通来电已转为工单 " + call.ticketCode() + "，不能重复转办");
            }
            String question = JsonBodies.optionalText(body, "question");
            if (question == null || question.isBlank()) {
                question = call.question();
            }
            if (question == null || question.isBlank()) {
                throw ApiException.invalidField("question", "请先填写来电问题");
            }
            if (question.length() > config.maxTextChars()) {
                throw ApiException.invalidField("question", "来电问题最多 " + config.maxTextChars() + " 个字");
            }
            String typed = JsonBodies.optionalText(body, "callbackPhone");
            String phone;
            if (typed != null && !typed.isBlank()) {
                // A number the caller gives is checked as a citizen's contact is: it must be callable.
                phone = ContactPhone.normalize(typed).orElseThrow(() -> ApiException.invalidField("callbackPhone",
                        "回访电话格式不正确：请填写手机号（138 1234 5678）、带区号的固定电话"
                                + "（010-8888 6666，分机号写在“转”之后）或以 + 开头的国际号码"));
            } else if (call.callerPhone() != null) {
                phone = call.callerPhone();
            } else {
                throw ApiException.invalidField("callbackPhone", "来电号码未显示，请填写回访电话");
            }
            JsonNode consent = body.get("consent");
            if (consent == null || !consent.isBoolean() || !consent.booleanValue()) {
                throw ApiException.invalidField("consent", "请先征得来电人同意，并勾选“来电人同意留存号码用于回访”");
            }
            String type = JsonBodies.optionalText(body, "type");
            NewTicket ticket;
            try {
                ticket = new NewTicket(question.strip(), "hotline", null, type == null ? "consultation" : type, null,
                        phone, true);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("type", InputText.UNKNOWN_TICKET_TYPE);
            }
            TicketService.Created created = tickets.create(ticket);
            if (call.question() == null || call.question().isBlank()) {
                calls.writeLog(call.id(), operator, new CallLogEntry(question.strip(), null, null));
            }
            Call linked = calls.linkTicket(call.id(), operator, created.code()).orElseThrow(CallLogEndpoints::noCall);
            log.info("call {} escalated as ticket {} to {}, callback {}", call.id(), created.code(),
                    created.department(), PhoneNumbers.mask(phone));
            return Response.json(HttpResponseStatus.CREATED, new EscalatedView(created.code(), created.key(), created.pin(),
                    created.departmentName(), created.deadline().toString(), CallViews.CallView.of(linked)));
        };
    }
}
