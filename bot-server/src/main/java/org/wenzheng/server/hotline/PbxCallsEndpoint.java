package org.wenzheng.server.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code POST /api/v1/calls}: a telephony system (PBX/CTI) reports that a call started or ended
 * (see docs/pbx-integration.md). Each integration authenticates with its own bearer token,
 * compared in constant time; a report is recorded once per integration, call id and event,
 * whatever the PBX retries. A started call pops up at once on the console of the operator whose
 * extension took it, with the caller's earlier calls and open tickets; its call log entry exists
 * from then on.
 *
 * <p>Answers 200 when the call went to an operator's extension, 202 when no operator has the
 * extension (the call is kept all the same, for reports, but no console shows it), 401 without a
 * valid token, 400 naming the field that is wrong.
 */
final class PbxCallsEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(PbxCallsEndpoint.class);

    /** Longest call id kept (the column's width); PBX ids are UUIDs or shorter. */
    static final int MAX_CALL_ID_CHARS = 128;
    /** Sent with every 401, as RFC 6750 asks. */
    static final String CHALLENGE = "Bearer realm=\"wenzheng-pbx\"";

    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    private final Map<String, byte[]> tokenHashes;
    private final HotlineConfig config;
    private final CallStore calls;
    private final CallPopUps popUps;
    private final Clock clock;

    /**
     * @param tokens each integration's token, by its name
     */
    PbxCallsEndpoint(Map<String, String> tokens, HotlineConfig config, CallStore calls, CallPopUps popUps,
            Clock clock) {
        Map<String, byte[]> hashes = new LinkedHashMap<>();
        tokens.forEach((name, token) -> hashes.put(name, sha256(token)));
        this.tokenHashes = Map.copyOf(hashes);
        this.config = config;
        this.calls = calls;
        this.popUps = popUps;
        this.clock = clock;
    }

    @Override
    public Reply handle(Request request) {
        String integration = integration(request).orElseThrow(() -> new ApiException(HttpResponseStatus.UNAUTHORIZED,
                ErrorCodes.UNAUTHENTICATED, "send the integration's token as Authorization: Bearer <token>",
                Map.of(HttpHeaderNames.WWW_AUTHENTICATE.toString(), CHALLENGE)));
        CallStore.Report report = parse(integration, JsonBodies.object(request));
        return Reply.blocking(() -> {
            CallStore.Reported reported = calls.report(report);
            Call call = reported.call();
            int consoles = reported.duplicate() ? 0 : popUps.reported(call, report.event());
            log.info("call {} {} from {}: extension {}, operator {}{}", report.event().id(), report.externalId(),
                    PhoneNumbers.mask(call.callerPhone()), call.extension(), call.operator(),
                    reported.duplicate() ? " (a report received before)" : ", shown on " + consoles + " console(s)");
            HttpResponseStatus status = call.operator() == null ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.OK;
            return Response.json(status, new CallViews.ReportView(report.externalId(), report.event().id(),
                    reported.duplicate(), call.operator(), consoles));
        });
    }

    /**
     * The integration whose token the request carries. Every configured token is compared, each in
     * constant time over hashes of equal length, so the time taken says nothing about any of them.
     */
    private Optional<String> integration(Request request) {
        Optional<String> header = request.header(HttpHeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String h = header.get().strip();
        if (h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("Bearer ")) {
            return Optional.empty();
        }
        byte[] sent = sha256(h.substring(7).strip());
        String found = null;
        for (Map.Entry<String, byte[]> e : tokenHashes.entrySet()) {
            if (MessageDigest.isEqual(sent, e.getValue()) && found == null) {
                found = e.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private CallStore.Report parse(String integration, ObjectNode body) {
        String eventText = required(body, "event");
        CallStore.Event event = switch (eventText) {
            case "started" -> CallStore.Event.STARTED;
            case "ended" -> CallStore.Event.ENDED;
            default -> throw ApiException.invalidField("event must be \"started\" or \"ended\", got \"" + eventText
                    + "\"");
        };
        String callId = required(body, "callId");
        if (callId.length() > MAX_CALL_ID_CHARS || !PRINTABLE.matcher(callId).matches()) {
            throw ApiException.invalidField("callId must be 1 to " + MAX_CALL_ID_CHARS
                    + " printable ASCII characters without spaces");
        }
        String callerText = JsonBodies.optionalText(body, "caller");
        String caller = null;
        if (callerText != null && !callerText.isBlank()) {
            caller = PhoneNumbers.normalize(callerText).orElseThrow(() -> ApiException.invalidField(
                    "caller must be a phone number of " + PhoneNumbers.MIN_DIGITS + " to " + PhoneNumbers.MAX_DIGITS
                            + " digits (+86 and separators allowed); leave it out when the number is withheld"));
        }
        String extension = JsonBodies.optionalText(body, "extension");
        if (extension == null && event == CallStore.Event.STARTED) {
            throw ApiException.invalidField("extension is missing: the operator's extension the call was put through to");
        }
        if (extension != null && !HotlineConfig.EXTENSION.matcher(extension).matches()) {
            throw ApiException.invalidField("extension must be 1 to 32 digits, letters, '*', '#' or '-'");
        }
        Instant at = at(JsonBodies.optionalText(body, "at"));
        String operator = extension == null ? null : config.operatorOf(extension).orElse(null);
        return new CallStore.Report(integration, callId, event, caller, extension, operator, at);
    }

    private Instant at(String text) {
        if (text == null) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("at must be an ISO-8601 time with its offset, like "
                    + "2026-11-26T09:30:00+08:00, got \"" + text + "\"");
        }
    }

    private static String required(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiException.invalidField(field + " is missing");
        }
        String v = JsonBodies.optionalText(body, field);
        if (v.isBlank()) {
            throw ApiException.invalidField(field + " must not be blank");
        }
        return v.strip();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
