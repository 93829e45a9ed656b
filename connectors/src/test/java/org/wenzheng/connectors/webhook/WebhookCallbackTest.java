package org.wenzheng.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.InboundReply;

class WebhookCallbackTest {
    private static final Instant AT = Instant.parse("2026-11-27T01:00:00Z");
    private static final WebhookSettings SETTINGS = WebhookSettings.of("city12345", "https://12345.example/api/tickets",
            WebhookSignatureTest.DOC_SECRET);

    @Test
    void theDocumentedCallbackBecomesAPersonsAnswer() throws Exception {
        byte[] body = WebhookSignatureTest.DOC_BODY.getBytes(StandardCharsets.UTF_8);

        InboundReply r = WebhookCallback.parse(body, WebhookSignatureTest.DOC_SIGNATURE, SETTINGS, AT);

        assertThat(r.kind()).isEqualTo(InboundReply.Kind.PERSON);
        assertThat(r.messageId()).contains("12345-88231");
        assertThat(r.ticketCode()).contains("WZ-20261126-0007");
        assertThat(r.answer()).isEqualTo("可以补缴，请携带身份证到参保地社保中心办理。");
        assertThat(r.from()).isEqualTo("zhang.san@hrss.example");
        assertThat(r.source()).isEqualTo("webhook:city12345:12345-88231");
        assertThat(r.receivedAt()).isEqualTo(AT);
        assertThat(r.fingerprint()).hasSize(64);
    }

    @Test
    void aWrongOrMissingSignatureIsRefusedBeforeTheBodyIsRead() {
        byte[] body = "not even json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> WebhookCallback.parse(body, WebhookSignatureTest.DOC_SIGNATURE, SETTINGS, AT))
                .isInstanceOfSatisfying(CallbackException.class,
                        e -> assertThat(e.field()).isEqualTo("X-Wenzheng-Signature"));
        assertThatThrownBy(() -> WebhookCallback.parse(body, null, SETTINGS, AT))
                .isInstanceOfSatisfying(CallbackException.class,
                        e -> assertThat(e.field()).isEqualTo("X-Wenzheng-Signature"));
    }

    @Test
    void missingMalformedAndOversizedFieldsAreNamed() {
        assertField("{\"ticket\":\"WZ-20261126-0007\",\"answer\":\"a\"}", "id", "id is missing");
        assertField("{\"id\":\"1\",\"answer\":\"a\"}", "ticket", "ticket is missing");
        assertField("{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\"}", "answer", "answer is missing");
        assertField("{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"  \"}", "answer",
                "answer must not be empty");
        assertField("{\"id\":1,\"ticket\":\"WZ-20261126-0007\",\"answer\":\"a\"}", "id", "id must be a string");
        assertField("{\"id\":\"a b\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"a\"}", "id",
                "id must not contain spaces or control characters");
        assertField("{\"id\":\"1\",\"ticket\":\"T-1\",\"answer\":\"a\"}", "ticket",
                "ticket must be a ticket code such as WZ-20261126-0007, got 'T-1'");
        assertField("{\"id\":\"" + "x".repeat(WebhookCallback.MAX_ID_CHARS + 1)
                + "\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"a\"}", "id", "id must be at most 128 characters");
        assertField("{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"a\",\"answeredBy\":\""
                + "x".repeat(WebhookCallback.MAX_ANSWERED_BY_CHARS + 1) + "\"}", "answeredBy",
                "answeredBy must be at most 254 characters");
        assertField("[1,2]", "body", "body must be a JSON object");
        assertField("{\"id\":", "body", null);
    }

    @Test
    void anAnswerLongerThanTheSettingIsRefusedAndOneAtTheLimitAccepted() throws Exception {
        WebhookSettings small = new WebhookSettings("w", URI.create("http://127.0.0.1:1/"),
                WebhookSignatureTest.DOC_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1), 4096, 10);
        String atLimit = "{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"" + "答".repeat(10) + "\"}";
        String over = "{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"" + "答".repeat(11) + "\"}";

        assertThat(WebhookCallback.parse(signed(atLimit), sign(atLimit), small, AT).answer()).hasSize(10);
        assertThatThrownBy(() -> WebhookCallback.parse(signed(over), sign(over), small, AT))
                .hasMessage("answer must be at most 10 characters");
    }

    @Test
    void aBodyLargerThanTheSettingIsRefusedBeforeItsSignatureIsComputed() throws Exception {
        WebhookSettings small = new WebhookSettings("w", URI.create("http://127.0.0.1:1/"),
                WebhookSignatureTest.DOC_SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 10);
        String big = "{\"id\":\"1\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"" + "a".repeat(1024) + "\"}";

        assertThatThrownBy(() -> WebhookCallback.parse(signed(big), sign(big), small, AT))
                .isInstanceOfSatisfying(CallbackException.class, e -> {
                    assertThat(e.field()).isEqualTo("body");
                    assertThat(e.getMessage()).startsWith("body must be at most 1024 bytes");
                });
    }

    @Test
    void settingsRejectBadValuesNamingTheField() {
        assertThatThrownBy(() -> WebhookSettings.of("City 12345", "https://x.example/", WebhookSignatureTest.DOC_SECRET))
                .hasMessageStartingWith("webhook.name ");
        assertThatThrownBy(() -> WebhookSettings.of("city", "ftp://x.example/", WebhookSignatureTest.DOC_SECRET))
                .hasMessageStartingWith("webhook.url must be an http or https URL");
        assertThatThrownBy(() -> WebhookSettings.of("city", "https://x.example/", "short"))
                .hasMessage("webhook.secret must be at least 16 bytes long");
        assertThat(SETTINGS.toString()).doesNotContain(WebhookSignatureTest.DOC_SECRET);
    }

    private static void assertField(String json, String field, String message) {
        assertThatThrownBy(() -> WebhookCallback.parse(signed(json), sign(json), SETTINGS, AT))
                .isInstanceOfSatisfying(CallbackException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    if (message != null) {
                        assertThat(e.getMessage()).isEqualTo(message);
                    }
                });
    }

    private static byte[] signed(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String sign(String json) {
        return WebhookSignature.sign(signed(json), WebhookSignatureTest.DOC_SECRET);
    }
}
