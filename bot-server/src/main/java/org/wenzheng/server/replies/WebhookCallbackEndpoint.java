package org.wenzheng.server.replies;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.webhook.CallbackException;
import org.wenzheng.connectors.webhook.WebhookCallback;
import org.wenzheng.connectors.webhook.WebhookSettings;
import org.wenzheng.connectors.webhook.WebhookSignature;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.db.StoreException;

/**
 * {@code POST /api/v1/connectors/webhook/{name}/answers}: another ticket system sends the answer to
 * a ticket Wenzheng gave it. The body is signed with the webhook's secret (checked before anything
 * in it is read); then it takes the path of an officer's mail: de-duplicated by the system's own id
 * (a retried callback answers once), matched by the ticket code, recorded, pushed to the citizen's
 * chat, in one transaction. The signature says which system sent it; that system may answer the
 * tickets of the departments it serves, and nothing else (another one is held for an administrator).
 *
 * <p>Answers: 200 {@code {"status":"answered"|"already_answered"|"duplicate"}}, 202
 * {@code {"status":"held"}} (kept for an administrator: unknown ticket, or not one of this
 * system's departments), 401 for a bad signature, 400 naming the field at fault, 404 for an
 * unknown webhook, 413 beyond the webhook's body limit.
 */
final class WebhookCallbackEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(WebhookCallbackEndpoint.class);
    /** 401: the signature header is missing or does not match the body. */
    static final String BAD_SIGNATURE = "bad_signature";

    private final Map<String, WebhookSettings> webhooks = new LinkedHashMap<>();
    private final Map<String, Set<String>> departmentsOf;
    private final InboundStore store;
    private final ReplyIntake intake;
    private final ConversationHub hub;
    private final Clock clock;

    /**
     * @param departmentsOf the departments each webhook serves (their connector is its name)
     */
    WebhookCallbackEndpoint(Iterable<WebhookSettings> configured, Map<String, Set<String>> departmentsOf,
            InboundStore store, ReplyIntake intake, ConversationHub hub, Clock clock) {
        configured.forEach(w -> webhooks.put(w.name(), w));
        this.departmentsOf = Map.copyOf(departmentsOf);
        this.store = Objects.requireNonNull(store, "store");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Reply handle(Request request) {
        String name = request.pathParam("name");
        WebhookSettings settings = webhooks.get(name);
        if (settings == null) {
            throw ApiException.notFound("no webhook connector named " + name);
        }
        byte[] body = request.body();
        if (body.length > settings.maxCallbackBytes()) {
            throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCodes.BODY_TOO_LARGE,
                    "the body must be at most " + settings.maxCallbackBytes() + " bytes");
        }
        InboundReply reply;
        try {
            reply = WebhookCallback.parse(body, request.header(WebhookSignature.HEADER).orElse(null), settings,
                    clock.instant());
        } catch (CallbackException e) {
            if (e.field().equals(WebhookSignature.HEADER)) {
                log.warn("webhook {}: callback from {} with a bad signature refused", name, request.clientIp());
                throw new ApiException(HttpResponseStatus.UNAUTHORIZED, BAD_SIGNATURE, e.getMessage());
            }
            throw ApiException.invalidField(e.getMessage());
        }
        Set<String> served = departmentsOf.getOrDefault(name, Set.of());
        ReplyIntake.Sender sender = new ReplyIntake.Sender("webhook", List.of(ReplyIntake.Sender.requiring(
                (ticket, r) -> served.contains(ticket.department()),
                "the ticket's department is not served by webhook " + name)));
        String key = "webhook:" + name + ":" + reply.messageId().orElseThrow();
        return Reply.blocking(() -> {
            TicketDesk.PreparedAnswer prepared = intake.prepare(reply);
            ReplyIntake.Result result;
            try {
                result = store.database().inTransaction(c -> intake.process(c, key, reply, prepared, body, sender));
            } catch (StoreException e) {
                if (!ReplyIntake.duplicateKey(e)) {
                    throw e;
                }
                // The same callback sent twice at once: the other one committed first; this one is the duplicate.
                result = store.database().inTransaction(c -> intake.process(c, key, reply, prepared, body, sender));
            }
            ReplyIntake.push(hub, result.pushes());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", result.seenBefore() ? "duplicate" : switch (result.outcome()) {
                case ANSWERED -> "answered";
                case DUPLICATE_ANSWER -> "already_answered";
                default -> "held";
            });
            result.ticketCode().ifPresent(code -> answer.put("ticket", code));
            boolean held = answer.get("status").equals("held");
            return Response.json(held ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.OK, answer);
        });
    }
}
