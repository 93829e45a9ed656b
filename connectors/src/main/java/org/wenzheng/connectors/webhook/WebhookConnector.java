package org.wenzheng.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.wenzheng.connectors.Connector;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;

/**
 * Delivers ticket notices to another ticket system as a signed JSON POST (format in
 * {@code docs/webhook.md}).
 *
 * <p>The notice id goes in {@value #DELIVERY_HEADER}: a retried delivery carries the same key, so
 * the receiver can tell it already has the ticket. A 2xx answer is a delivery; 408, 429 and 5xx,
 * timeouts and refused connections may pass, so the relay retries them; any other answer (400,
 * 401, 404, a redirect) will not change by retrying and is permanent. Redirects are not followed:
 * a POST redirected is ambiguous, and a moved endpoint is a configuration matter.
 *
 * <p>Thread-safe.
 */
public final class WebhookConnector implements Connector {
    /** The idempotency key: the notice id. */
    public static final String DELIVERY_HEADER = "X-Wenzheng-Delivery";
    /** How much of an answer is read: the id of a stored ticket fits many times over. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024;
    /** How much of a refusal's body is quoted in the error kept with the outbox row. */
    static final int ERROR_BODY_CHARS = 200;

    private final WebhookSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean closed;

    public WebhookConnector(WebhookSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // HTTP/1.1: the JDK would otherwise offer an h2c upgrade on plain http, which simple
                // receivers and some proxies mishandle on a POST with a body.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String deliver(TicketNotice notice) throws DeliveryException {
        Objects.requireNonNull(notice, "notice");
        if (closed) {
            throw new DeliveryException("webhook " + settings.name() + " is closed", false);
        }
        byte[] body = WebhookJson.encode(json, notice);
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(body, settings.secret()))
                .header(DELIVERY_HEADER, notice.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_RESPONSE_BYTES);
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(prefix(notice) + "timed out: " + e.getMessage(), false, e);
        } catch (ConnectException e) {
            throw new DeliveryException(prefix(notice) + "connection failed: " + e, false, e);
        } catch (IOException e) {
            throw new DeliveryException(prefix(notice) + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(prefix(notice) + "interrupted", false, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return idOf(answer);
        }
        boolean transientStatus = status == 408 || status == 429 || status >= 500;
        throw new DeliveryException(prefix(notice) + "HTTP " + status + excerpt(answer), !transientStatus);
    }

    /** The {@code id} of a JSON object answer, else empty: receivers need not answer with JSON. */
    private String idOf(byte[] answer) {
        if (answer.length == 0) {
            return "";
        }
        try {
            JsonNode node = json.readTree(answer);
            JsonNode id = node == null ? null : node.get("id");
            return id != null && id.isValueNode() && !id.isNull() ? id.asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private String prefix(TicketNotice notice) {
        return "notice " + notice.id() + " not delivered to webhook " + settings.name() + ": ";
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        return ": " + (text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) + "…" : text);
    }

    @Override
    public void close() {
        closed = true;
    }
}
