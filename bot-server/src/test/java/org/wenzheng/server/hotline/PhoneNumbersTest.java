package org.wenzheng.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {
    @Test
    void aMainlandMobileIsStoredAsItsElevenDigitsHoweverThePbxWritesIt() {
        for (String written : new String[] {"13812345678", "+8613812345678", "+86 138-1234-5678", "008613812345678",
                " (138) 1234 5678 "}) {
            assertThat(PhoneNumbers.normalize(written)).as(written).hasValue("13812345678");
        }
    }

    @Test
    void landlinesAndShortNumbersAreKeptAndWordsAreNot() {
        assertThat(PhoneNumbers.normalize("010-12345678")).hasValue("01012345678");
        assertThat(PhoneNumbers.normalize("12345")).hasValue("12345");
        assertThat(PhoneNumbers.normalize("anonymous")).isEmpty();
        assertThat(PhoneNumbers.normalize("12")).isEmpty();
        assertThat(PhoneNumbers.normalize("1".repeat(PhoneNumbers.MAX_DIGITS + 1))).isEmpty();
        assertThat(PhoneNumbers.normalize("1".repeat(PhoneNumbers.MAX_DIGITS))).isPresent();
        assertThat(PhoneNumbers.normalize(null)).isEmpty();
    }

    @Test
    void shownNumbersKeepTheFirstThreeAndLastFourDigitsOnly() {
        assertThat(PhoneNumbers.mask("13812345678")).isEqualTo("138****5678");
        assertThat(PhoneNumbers.mask("01012345678")).isEqualTo("010****5678");
        assertThat(PhoneNumbers.mask("12345")).isEqualTo("***45");
        assertThat(PhoneNumbers.mask(null)).isEmpty();
    }
}
