package org.wenzheng.server.replies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.tickets.TicketDesk;

/**
 * The administrators' view of the mail bridge (the admin page builds on it): the outbox rows by
 * status and a retry of a failed one; the held mail (quarantined, dead letters) and the decision on
 * each, released as the answer of a ticket the administrator names, or discarded. Admin role only;
 * the state changes need the CSRF token (both checked by the {@link Guard}).
 */
final class StaffMailEndpoints {
    /** Rows one list returns by default and at most. */
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    /** The outbox's statuses, in the order and with the names a person reads them. */
    private static final Map<String, String> OUTBOX_STATUSES = orderedNames(OutboxStore.PENDING, "待发送",
            OutboxStore.SENT, "已发送", OutboxStore.FAILED, "发送失败");
    /** The held mail's statuses, in the order and with the names a person reads them. */
    private static final Map<String, String> HELD_STATUSES = orderedNames(InboundStore.HELD_PENDING, "待处理",
            InboundStore.RELEASED, "已采纳", InboundStore.DISCARDED, "已弃置");
    private static final String HELD = "隔离邮件";

    private final OutboxStore outbox;
    private final InboundStore inbound;
    private final Runnable wakeRelay;
    private final Function<byte[], InboundReply> parser;
    private final Clock clock;
    private final HeldMail held;

    /**
     * @param parser reads a held mail's raw bytes (for its text and the answer in it)
     */
    StaffMailEndpoints(OutboxStore outbox, InboundStore inbound, Runnable wakeRelay,
            Function<byte[], InboundReply> parser, HeldMail held, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.wakeRelay = Objects.requireNonNull(wakeRelay, "wakeRelay");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.held = Objects.requireNonNull(held, "held");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An outbox row as staff see it: without the payload, which holds the citizen's question. Times ISO-8601. */
    record OutboxView(String id, String ticket, String connector, String kind, String status, int attempts,
            String nextAttemptAt, String lastError, String deliveredId, String createdAt, String sentAt) {
        static OutboxView of(OutboxStore.Row r) {
            return new OutboxView(r.id(), r.ticketCode(), r.connector(), r.kind(), r.status(), r.attempts(),
                    text(r.nextAttemptAt()), r.lastError(), r.deliveredId(), text(r.createdAt()), text(r.sentAt()));
        }
    }

    /** A held mail as staff see it (without its raw bytes: {@code GET /api/v1/staff/held/{id}} shows the text). */
    record HeldView(long id, String reason, String detail, String source, String sender, String subject,
            String ticketCode, int rawBytes, String receivedAt, String status, String resolvedBy, String resolvedAt) {
        static HeldView of(InboundStore.Held h) {
            return new HeldView(h.id(), h.reason(), h.detail(), h.source(), h.sender(), h.subject(), h.ticketCode(),
                    h.rawBytes(), text(h.receivedAt()), h.status(), h.resolvedBy(), text(h.resolvedAt()));
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    /** {@code GET /api/v1/staff/outbox?status=failed&limit=100}. */
    Response listOutbox(Request request, StaffSession session) {
        String status = status(request, OUTBOX_STATUSES, OutboxStore.FAILED);
        List<OutboxView> items = outbox.list(status, limit(request)).stream().map(OutboxView::of).toList();
        return Response.json(HttpResponseStatus.OK, Map.of("status", status, "items", items));
    }

    /** {@code POST /api/v1/staff/outbox/{id}/retry}: a failed row pending again, delivered at once. */
    Response retryOutbox(Request request, StaffSession session) {
        String id = request.pathParam("id");
        if (!outbox.retry(id, clock.instant())) {
            throw ApiException.notFound(InputText.noSuch("发送失败的通知", id));
        }
        wakeRelay.run();
        return Response.json(HttpResponseStatus.OK, OutboxView.of(outbox.find(id).orElseThrow()));
    }

    /** {@code GET /api/v1/staff/held?status=pending&limit=100}. */
    Response listHeld(Request request, StaffSession session) {
        String status = status(request, HELD_STATUSES, InboundStore.HELD_PENDING);
        return Response.json(HttpResponseStatus.OK, Map.of("status", status, "items",
                inbound.held(status, limit(request)).stream().map(HeldView::of).toList()));
    }

    /** What a held mail says: its text as received and the answer found in it. */
    record HeldText(long id, String from, String subject, String text, String answer) {
    }

    /** {@code GET /api/v1/staff/held/{id}}: the held mail's text, for the administrator's decision. */
    Response showHeld(Request request, StaffSession session) {
        long id = heldId(request);
        Optional<byte[]> raw = inbound.database().inTransaction(c -> inbound.rawOf(c, id));
        if (raw.isEmpty()) {
            throw ApiException.notFound(InputText.noSuch(HELD, id));
        }
        InboundReply r = parser.apply(raw.get());
        return Response.json(HttpResponseStatus.OK, new HeldText(id, r.from(), r.subject(), r.fullText(), r.answer()));
    }

    /**
     * {@code POST /api/v1/staff/held/{id}/release} {@code {"ticket":"WZ-…","answer":"optional"}}: the
     * administrator decides the held mail is the answer of this ticket (its sender is then not
     * checked: the administrator vouches). The answer is the mail's new text unless the body gives
     * one (an empty mail, or a quote to trim).
     */
    Response release(Request request, StaffSession session) {
        long id = heldId(request);
        ObjectNode body = JsonBodies.object(request);
        String code = JsonBodies.optionalText(body, "ticket");
        if (code == null || code.isBlank()) {
            throw ApiException.invalidField("ticket", "请填写这封来信所答复的工单编号");
        }
        String override = JsonBodies.optionalText(body, "answer");
        String by = session.account().username();
        // A held mail's raw text never changes: read it once, outside the write transaction.
        byte[] raw = inbound.database().inTransaction(c -> inbound.pendingRaw(c, id))
                .orElseThrow(() -> ApiException.notFound(InputText.noSuch(HeldMail.PENDING_HELD, id)));
        String answer = override != null ? override.strip() : parser.apply(raw).answer();
        if (answer.isBlank()) {
            throw ApiException.invalidField("answer", "来信正文没有新内容，请填写答复内容");
        }
        TicketDesk.AnswerOutcome outcome = held.release(id, code.strip(), answer, by);
        return Response.json(HttpResponseStatus.OK, Map.of("id", id, "status", InboundStore.RELEASED, "ticket",
                code.strip(), "recorded", outcome.recorded(), "answered", outcome.answeredCodes()));
    }

    /** {@code POST /api/v1/staff/held/{id}/discard}: kept, but marked as dealt with. */
    Response discard(Request request, StaffSession session) {
        long id = heldId(request);
        boolean done = inbound.database().inTransaction(c -> inbound.resolve(c, id, InboundStore.DISCARDED,
                session.account().username(), clock.instant()));
        if (!done) {
            throw ApiException.notFound(InputText.noSuch(HeldMail.PENDING_HELD, id));
        }
        return Response.json(HttpResponseStatus.OK, Map.of("id", id, "status", InboundStore.DISCARDED));
    }

    private static long heldId(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound(InputText.noSuch(HELD, request.pathParam("id")));
        }
    }

    private static String status(Request request, Map<String, String> allowed, String otherwise) {
        String s = request.queryParam("status").orElse(otherwise);
        if (!allowed.containsKey(s)) {
            throw ApiException.invalidField("status", "状态筛选无效：须为" + String.join("、", allowed.values()));
        }
        return s;
    }

    private static Map<String, String> orderedNames(String... idsAndNames) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            m.put(idsAndNames[i], idsAndNames[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    private static int limit(Request request) {
        Optional<String> text = request.queryParam("limit");
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text.get());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.invalidField("limit", InputText.wholeNumber(InputText.LIMIT_LABEL, 1, MAX_LIMIT));
    }
}
