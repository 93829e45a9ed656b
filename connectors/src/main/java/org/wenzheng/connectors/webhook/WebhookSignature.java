package org.wenzheng.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body, both directions: {@code sha256=} and the lower-case hex
 * HMAC-SHA256 of the exact body bytes, keyed with the shared secret (UTF-8), in the
 * {@value #HEADER} header. The same scheme GitHub uses, so receivers have code for it already.
 */
public final class WebhookSignature {
    /** The header that carries the signature. */
    public static final String HEADER = "X-Wenzheng-Signature";
    /** The algorithm prefix of the header's value. */
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_CHARS = 64;

    private WebhookSignature() {
    }

    /** The header value for a body: {@code sha256=<64 hex digits>}. */
    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(mac(body, secret));
    }

    /**
     * Whether a header value is the signature of the body. A missing or malformed header (another
     * algorithm, wrong length, not hex) is rejected. The digests are compared in constant time, so
     * that the time taken does not tell an attacker how much of a guess was right.
     */
    public static boolean verify(byte[] body, String header, String secret) {
        if (header == null) {
            return false;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() != PREFIX.length() + HEX_CHARS) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(body, secret));
    }

    private static byte[] mac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
