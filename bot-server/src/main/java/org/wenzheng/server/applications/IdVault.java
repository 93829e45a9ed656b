package org.wenzheng.server.applications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity document numbers at rest: AES-256-GCM with a random 96-bit nonce per number, the
 * application's code as associated data (a ciphertext copied to another row does not decrypt),
 * stored as {@code v1:} and the Base64 of nonce and ciphertext; and a keyed hash (HMAC-SHA256 under
 * a key derived from the same file) so that the applications of one person can be found without
 * decrypting any. The key is a file of the data folder, made on first start. Thread-safe.
 */
final class IdVault {
    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecretKey hashKey;
    private final SecureRandom random = new SecureRandom();

    private IdVault(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.hashKey = new SecretKeySpec(hmac(new SecretKeySpec(raw, "HmacSHA256"), "wenzheng id-number hash"),
                "HmacSHA256");
    }

    /**
     * The vault of this key file, making the file (owner-only where the file system allows) when
     * it does not exist.
     *
     * @throws IllegalStateException when the file exists but is not a Base64 key of 32 bytes
     */
    static IdVault open(Path file) {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("applications.keyFile " + file + " is not Base64: " + e.getMessage());
            }
            if (raw.length != KEY_BYTES) {
                throw new IllegalStateException("applications.keyFile " + file + " must hold " + KEY_BYTES
                        + " bytes (Base64), holds " + raw.length);
            }
            return new IdVault(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create applications.keyFile " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".applications-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the folder's permissions protect it.
            }
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // Another process made it first: use theirs.
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The number encrypted for the application {@code code}. */
    String encrypt(String number, String code) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(code.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(number.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * The number stored for {@code code}.
     *
     * @throws IllegalStateException when it was not sealed with this key for this code
     */
    String decrypt(String stored, String code) {
        if (!stored.startsWith(VERSION)) {
            throw new IllegalStateException("the identity number of " + code + " is not in a known format");
        }
        byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            c.updateAAD(code.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the identity number of " + code
                    + " does not decrypt with applications.keyFile (another key, or the row was altered)", e);
        }
    }

    /** The keyed hash of a number of this document type: equal numbers, equal hashes. */
    String hash(String idType, String number) {
        return HexFormat.of().formatHex(hmac(hashKey, idType + ":" + number));
    }

    private static byte[] hmac(SecretKey k, String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(k);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
