package org.wenzheng.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The worked example of docs/webhook.md, computed independently (Python's hmac module). */
    static final String DOC_SECRET = "correct-horse-battery-staple-42";
    static final String DOC_BODY = "{\"id\":\"12345-88231\",\"ticket\":\"WZ-20261126-0007\",\"answer\":\"可以补缴，请携带身份证到参保地社保中心办理。\",\"answeredBy\":\"zhang.san@hrss.example\"}";
    static final String DOC_SIGNATURE = "sha256=0aaccf06ccc403a8957e7e9715a227a55a4c735c26ac44d9b1c52ae16f40b612";

    private static final byte[] BODY = DOC_BODY.getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheDocumentedExample() {
        assertThat(WebhookSignature.sign(BODY, DOC_SECRET)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void acceptsTheRightSignatureInEitherHexCase() {
        assertThat(WebhookSignature.verify(BODY, DOC_SIGNATURE, DOC_SECRET)).isTrue();
        assertThat(WebhookSignature.verify(BODY, " " + DOC_SIGNATURE.toUpperCase(java.util.Locale.ROOT) + " ",
                DOC_SECRET)).isTrue();
    }

    @Test
    void rejectsAWrongSecretAndATamperedBody() {
        assertThat(WebhookSignature.verify(BODY, DOC_SIGNATURE, DOC_SECRET + "x")).isFalse();
        byte[] tampered = DOC_BODY.replace("可以补缴", "不能补缴").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(tampered, DOC_SIGNATURE, DOC_SECRET)).isFalse();
        String flipped = DOC_SIGNATURE.substring(0, DOC_SIGNATURE.length() - 1) + "3";
        assertThat(WebhookSignature.verify(BODY, flipped, DOC_SECRET)).isFalse();
    }

    @Test
    void rejectsMalformedHeaders() {
        String hex = DOC_SIGNATURE.substring("sha256=".length());
        assertThat(WebhookSignature.verify(BODY, null, DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, "", DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, hex, DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, "sha1=" + hex, DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex.substring(2), DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, "sha256=" + hex + "00", DOC_SECRET)).isFalse();
        assertThat(WebhookSignature.verify(BODY, "sha256=" + "zz" + hex.substring(2), DOC_SECRET)).isFalse();
    }
}
