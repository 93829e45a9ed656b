package org.wenzheng.connectors;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@link InboundReply#fingerprint()} of a message: SHA-256 of its exact bytes, lower-case hex.
 * The same bytes received twice (a mail fetched again after UIDVALIDITY changed, a callback
 * retried) give the same fingerprint; any change gives another.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** SHA-256 of the bytes, 64 lower-case hex digits. */
    public static String of(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
