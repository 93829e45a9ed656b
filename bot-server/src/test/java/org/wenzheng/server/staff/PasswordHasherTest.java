package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** The floor: the cheapest hasher allowed, so that the suite stays quick. */
    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.MIN_ITERATIONS);

    @Test
    void theRightPasswordVerifies() {
        String hash = HASHER.hash("demo-operator-2026");

        assertThat(HASHER.verify("demo-operator-2026", hash)).isTrue();
    }

    @Test
    void aWrongPasswordDoesNot() {
        String hash = HASHER.hash("demo-operator-2026");

        assertThat(HASHER.verify("demo-operator-2027", hash)).isFalse();
        assertThat(HASHER.verify("", hash)).isFalse();
        assertThat(HASHER.verify("DEMO-OPERATOR-2026", hash)).isFalse();
        assertThat(HASHER.verify(null, hash)).isFalse();
    }

    @Test
    void chinesePasswordsVerifyByTheirCharacters() {
        String hash = HASHER.hash("问政热线一二三四");

        assertThat(HASHER.verify("问政热线一二三四", hash)).isTrue();
        assertThat(HASHER.verify("问政热线一二三五", hash)).isFalse();
    }

    @Test
    void theHashCarriesItsAlgorithmIterationsSaltAndLength() {
        String hash = HASHER.hash("demo-operator-2026");

        String[] parts = hash.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(Integer.parseInt(parts[1])).isEqualTo(210_000);
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(PasswordHasher.SALT_BYTES);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(PasswordHasher.HASH_BYTES);
        assertThat(hash).doesNotContain("demo-operator-2026");
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertThat(HASHER.hash("same password")).isNotEqualTo(HASHER.hash("same password"));
    }

    @Test
    void theDefaultFollowsOwaspAndFewerThan210000IterationsAreRefused() {
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(600_000);
        assertThat(new PasswordHasher().hash("x1234567")).startsWith("pbkdf2-sha256$600000$");
        assertThatThrownBy(() -> new PasswordHasher(209_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iterations must be at least 210000, got 209999");
    }

    /** Raising the default later must not lock out the accounts hashed before. */
    @Test
    void aHashMadeWithOtherIterationsStillVerifiesWithThoseAndAsksForARehash() {
        String older = HASHER.hash("demo-operator-2026");
        PasswordHasher stronger = new PasswordHasher(300_000);

        assertThat(stronger.verify("demo-operator-2026", older)).isTrue();
        assertThat(stronger.needsRehash(older)).isTrue();
        assertThat(stronger.needsRehash(stronger.hash("demo-operator-2026"))).isFalse();
    }

    @Test
    void anUnreadableHashNeverMatches() {
        assertThat(HASHER.verify("x", "")).isFalse();
        assertThat(HASHER.verify("x", "md5$1$AAAA$AAAA")).isFalse();
        assertThat(HASHER.verify("x", "pbkdf2-sha256$many$AAAA$AAAA")).isFalse();
        assertThat(HASHER.verify("x", "pbkdf2-sha256$1000$not base64!$AAAA")).isFalse();
        assertThat(HASHER.verify("x", "pbkdf2-sha256$1000$AAAA$")).isFalse();
    }

    @Test
    void aPasswordLongerThanTheLimitIsNeitherHashedNorVerified() {
        String hash = HASHER.hash("demo-operator-2026");
        String tooLong = "x".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1);

        assertThat(HASHER.verify(tooLong, hash)).isFalse();
        assertThatThrownBy(() -> HASHER.hash(tooLong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HASHER.hash("")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Timing cannot be measured reliably in a unit test, so this checks the means: the compiled
     * comparisons of secrets (password hash, CSRF token) call {@code MessageDigest.isEqual}, the
     * JDK's constant-time comparison, and not {@code Arrays.equals} or {@code String.equals}
     * on the secret.
     */
    @Test
    void secretsAreComparedWithTheConstantTimeMessageDigestIsEqual() throws IOException {
        for (Class<?> c : new Class<?>[] {PasswordHasher.class, Guard.class}) {
            String bytecode = classFile(c);
            assertThat(bytecode).as(c.getSimpleName()).contains("java/security/MessageDigest").contains("isEqual");
            assertThat(bytecode).as(c.getSimpleName()).doesNotContain("java/util/Arrays");
        }
    }

    private static String classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
