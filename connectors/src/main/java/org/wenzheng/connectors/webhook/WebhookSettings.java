package org.wenzheng.connectors.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Another ticket system (e.g. a 12345 platform) that receives Wenzheng's notices as signed JSON
 * and sends answers back, validated once at start. Values and messages are named after the keys
 * of a {@code webhooks:} entry in the configuration ({@code "webhook.url must be an http or https
 * URL"}).
 *
 * @param name             the connector's name, used in outbox rows and in the source of its
 *                         answers ({@code webhook:<name>:<id>}); short, lower case
 * @param url              where notices are POSTed
 * @param secret           the shared secret of the HMAC-SHA256 signatures, both directions; never
 *                         shown by {@link #toString}
 * @param connectTimeout   how long to wait for the connection
 * @param requestTimeout   how long to wait for the whole answer to a POST
 * @param maxCallbackBytes the largest callback body accepted
 * @param maxAnswerChars   the longest answer a callback may carry
 */
public record WebhookSettings(String name, URI url, String secret, Duration connectTimeout, Duration requestTimeout,
        int maxCallbackBytes, int maxAnswerChars) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A ticket system that takes longer than this to store one ticket is treated as down; the relay retries. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** An answer of {@link #DEFAULT_MAX_ANSWER_CHARS} characters in UTF-8, with room for the JSON around it. */
    public static final int DEFAULT_MAX_CALLBACK_BYTES = 128 * 1024;
    /** Some pages of text: more than any answer to a citizen needs. */
    public static final int DEFAULT_MAX_ANSWER_CHARS = 20_000;
    /** Shorter secrets can be guessed; 32 characters of a password generator are plenty for HMAC-SHA256. */
    public static final int MIN_SECRET_BYTES = 16;
    static final int MAX_CALLBACK_BYTES_LIMIT = 16 * 1024 * 1024;
    static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** Fits the outbox's connector column (32 characters) and reads well in a source string. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    public WebhookSettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("webhook.name must be 1-32 characters a-z, 0-9, '_' or '-', got '"
                    + name + "'");
        }
        if (url == null || url.getScheme() == null || url.getHost() == null
                || !Pattern.matches("https?", url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("webhook.url must be an http or https URL, got '" + url + "'");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("webhook.url must not hold a user or password; the signature authenticates");
        }
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("webhook.secret must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        checkTimeout("webhook.connectTimeoutMs", connectTimeout);
        checkTimeout("webhook.requestTimeoutMs", requestTimeout);
        if (maxCallbackBytes < 1024 || maxCallbackBytes > MAX_CALLBACK_BYTES_LIMIT) {
            throw new IllegalArgumentException("webhook.maxCallbackBytes must be in [1024," + MAX_CALLBACK_BYTES_LIMIT
                    + "], got " + maxCallbackBytes);
        }
        if (maxAnswerChars < 1 || maxAnswerChars > maxCallbackBytes) {
            throw new IllegalArgumentException("webhook.maxAnswerChars must be in [1,webhook.maxCallbackBytes], got "
                    + maxAnswerChars);
        }
    }

    /** A webhook with the default timeouts and limits. */
    public static WebhookSettings of(String name, String url, String secret) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("webhook.url must be an http or https URL, got '" + url + "'", e);
        }
        return new WebhookSettings(name, uri, secret, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_CALLBACK_BYTES, DEFAULT_MAX_ANSWER_CHARS);
    }

    private static void checkTimeout(String field, Duration timeout) {
        Objects.requireNonNull(timeout, field);
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(field + " must be in [" + MIN_TIMEOUT.toMillis() + ","
                    + MAX_TIMEOUT.toMillis() + "], got " + timeout.toMillis());
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", url=" + url + ", secret=***, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxCallbackBytes=" + maxCallbackBytes
                + ", maxAnswerChars=" + maxAnswerChars + "]";
    }
}
