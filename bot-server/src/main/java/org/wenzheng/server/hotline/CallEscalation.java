package org.wenzheng.server.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
                        "this call was already escalated as ticket " + call.ticketCode());
            }
            String question = JsonBodies.optionalText(body, "question");
            if (question == null || question.isBlank()) {
                question = call.question();
            }
            if (question == null || question.isBlank()) {
                throw ApiException.invalidField("question is missing: write the caller's question first");
            }
            if (question.length() > config.maxTextChars()) {
                throw ApiException.invalidField("question must be at most " + config.maxTextChars() + " characters");
            }
            String typed = JsonBodies.optionalText(body, "callbackPhone");
            String phone;
            if (typed != null && !typed.isBlank()) {
                // A number the caller gives is checked as a citizen's contact is: it must be callable.
                phone = ContactPhone.normalize(typed).orElseThrow(() -> ApiException.invalidField(
                        "callbackPhone must be a phone number one can call back: a mobile (138 1234 5678), a"
                                + " landline with its area code"
                                + " (010-8888 6666, an extension after 转) or an international number starting"
                                + " with +"));
            } else if (call.callerPhone() != null) {
                phone = call.callerPhone();
            } else {
                throw ApiException.invalidField("callbackPhone is missing: the caller's number was withheld");
            }
            JsonNode consent = body.get("consent");
            if (consent == null || !consent.isBoolean() || !consent.booleanValue()) {
                throw ApiException.invalidField("consent must be true: ask the caller whether the number may be kept"
                        + " to call them back");
            }
            String type = JsonBodies.optionalText(body, "type");
            NewTicket ticket;
            try {
                ticket = new NewTicket(question.strip(), "hotline", null, type == null ? "consultation" : type, null,
                        phone, true);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("type must be consultation or disclosure");
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
