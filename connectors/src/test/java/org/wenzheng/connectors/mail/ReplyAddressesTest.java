package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyAddressesTest {
    private final ReplyAddresses hotline = new ReplyAddresses("Hotline@Wenzheng.local");

    @Test
    void aTokenIs128RandomBitsInLowerCaseBase32() {
        SecureRandom random = new SecureRandom();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String t = ReplyAddresses.newToken(random);
            assertThat(t).hasSize(26).matches("[a-z2-7]{26}");
            tokens.add(t);
        }
        assertThat(tokens).hasSize(1000);
        // 16 zero bytes, then 16 bytes of ones: every bit lands in the characters.
        assertThat(ReplyAddresses.newToken(fixed((byte) 0))).isEqualTo("a".repeat(26));
        assertThat(ReplyAddresses.newToken(fixed((byte) 0xff))).isEqualTo("7".repeat(25) + "4");
    }

    @Test
    void theReplyAddressIsTheMailboxWithTheTokenAsItsSubaddress() {
        String token = "abcdefghijklmnopqrstuvwxyz";

        assertThat(hotline.address(token)).isEqualTo("hotline+abcdefghijklmnopqrstuvwxyz@wenzheng.local");
        assertThatThrownBy(() -> hotline.address("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreFoundAmongTheRecipientsOfThisMailboxOnlyAndWhateverTheCase() {
        String token = "abcdefghijklmnopqrstuvwx23";

        assertThat(hotline.tokensIn(List.of("officer@wenzheng.local", "HOTLINE+ABCDEFGHIJKLMNOPQRSTUVWX23@WENZHENG.LOCAL",
                "hotline+abcdefghijklmnopqrstuvwx23@wenzheng.local", "hotline+abcdefghijklmnopqrstuvwx23@evil.example",
                "other+abcdefghijklmnopqrstuvwx23@wenzheng.local", "hotline+guess@wenzheng.local",
                "hotline@wenzheng.local"))).containsExactly(token);
    }

    @Test
    void theMailboxMustBeAPlainAddress() {
        assertThatThrownBy(() -> new ReplyAddresses("hotline")).hasMessageContaining("must be an address");
        assertThatThrownBy(() -> new ReplyAddresses("hotline+x@wenzheng.local")).hasMessageContaining("+subaddress");
    }

    private static SecureRandom fixed(byte b) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, b);
            }
        };
    }
}
