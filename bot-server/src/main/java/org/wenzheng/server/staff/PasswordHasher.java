package org.wenzheng.server.staff;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes with PBKDF2-HMAC-SHA256 from the JDK (a standard algorithm, no dependency), a
 * random salt per password, and the parameters written into the hash:
 * {@code pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>}. Raising the iteration count later
 * leaves existing hashes verifiable with the count they were made with.
 */
final class PasswordHasher {
    /** The algorithm's name in an encoded hash. */
    static final String SCHEME = "pbkdf2-sha256";
    /** The floor we accept: OWASP's figure for PBKDF2 (210,000 with HMAC-SHA512). */
    public static final int MIN_ITERATIONS = 210_000;
    /** OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    /** A password longer than this is refused before hashing: PBKDF2's cost grows with it. */
    public static final int MAX_PASSWORD_CHARS = 256;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_IN = Base64.getDecoder();

    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when the account does not exist, so that the answer takes as long. */
    private final String decoy;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * @throws IllegalArgumentException when {@code iterations} is below {@value #MIN_ITERATIONS}
     */
    public PasswordHasher(int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + MIN_ITERATIONS + ", got " + iterations);
        }
        this.iterations = iterations;
        this.decoy = hash("decoy password, never used");
    }

    /** A new hash of the password, with a fresh random salt. */
    public String hash(String password) {
        checkLength(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(password, salt, iterations, HASH_BYTES));
    }

    /**
     * Whether the password is the one hashed: the hash is recomputed with the encoded salt and
     * iteration count and compared in constant time ({@link MessageDigest#isEqual}).
     *
     * @param encoded an encoded hash; one this class cannot read never matches
     */
    public boolean verify(String password, String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (password == null || password.length() > MAX_PASSWORD_CHARS) {
            return false;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        int n;
        byte[] salt;
        byte[] expected;
        try {
            n = Integer.parseInt(parts[1]);
            salt = B64_IN.decode(parts[2]);
            expected = B64_IN.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (n < 1 || expected.length == 0) {
            return false;
        }
        return MessageDigest.isEqual(derive(password, salt, n, expected.length), expected);
    }

    /** Spends the time of one verification, for a login whose account does not exist. */
    void verifyDecoy(String password) {
        verify(password == null ? "" : password, decoy);
    }

    /** Whether a hash was made with fewer iterations than this hasher uses (to re-hash at the next login). */
    public boolean needsRehash(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        try {
            return parts.length != 4 || !parts[0].equals(SCHEME) || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void checkLength(String password) {
        if (password == null || password.isEmpty() || password.length() > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("a password must be 1 to " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bytes) {
        // PBEKeySpec takes chars and the JDK's PBKDF2 encodes them as UTF-8.
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("every Java 17 has PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

}
