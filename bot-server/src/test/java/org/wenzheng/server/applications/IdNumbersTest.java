package org.wenzheng.server.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check characters of 身份证 (ISO 7064 MOD 11-2) and 统一社会信用代码 (GB 32100-2015), on numbers
 * whose check characters were worked out apart (the standards' own examples: 11010519491231002X in
 * GB 11643, 91350100M000100Y43 in GB 32100) and on the same numbers with one character changed.
 */
class IdNumbersTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440308199901011111", "310115198505051233", "51010719921126004X"})
    void wellFormedResidentIdNumbersPass(String number) {
        assertThat(IdNumbers.residentIdProblem(number, TODAY)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "440308199901011112", "310115198505051234", "510107199211260040",
        // Two neighbouring digits swapped: the weights tell them apart.
        "110105194912301020"})
    void aWrongCheckCharacterIsRefusedAsATypo(String number) {
        assertThat(IdNumbers.residentIdProblem(number, TODAY)).hasValueSatisfying(m -> assertThat(m).contains("校验位"));
    }

    @Test
    void aNumberOfTheWrongShapeOrWithAnImpossibleBirthDateIsRefusedSayingWhy() {
        assertThat(IdNumbers.residentIdProblem("11010519491231002", TODAY)).hasValueSatisfying(m -> assertThat(m)
                .contains("18 位"));
        assertThat(IdNumbers.residentIdProblem("1101051949123100X2", TODAY)).isPresent();
        // 19490231: no 31 February, whatever the check character says.
        String feb31 = "1101051949023100" + "2";
        assertThat(IdNumbers.residentIdProblem(feb31 + IdNumbers.residentIdCheck(feb31), TODAY))
                .hasValueSatisfying(m -> assertThat(m).contains("出生日期"));
        String unborn = "11010520301231002";
        assertThat(IdNumbers.residentIdProblem(unborn + IdNumbers.residentIdCheck(unborn), TODAY))
                .hasValueSatisfying(m -> assertThat(m).contains("出生日期"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000600037341L", "91310115MA1K3YJ12G", "521000005000199228"})
    void wellFormedCreditCodesPass(String code) {
        assertThat(IdNumbers.creditCodeProblem(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91110000600037341M", "91310115MA1K3YJ21G", "521000005000199220"})
    void aCreditCodeWithAWrongCharacterIsRefusedAsATypo(String code) {
        assertThat(IdNumbers.creditCodeProblem(code)).hasValueSatisfying(m -> assertThat(m).contains("校验位"));
    }

    @Test
    void aCreditCodeOfTheWrongLengthOrWithALetterTheStandardLeavesOutIsRefusedNamingIt() {
        assertThat(IdNumbers.creditCodeProblem("91350100M000100Y4")).hasValueSatisfying(m -> assertThat(m)
                .contains("18 位").contains("17 位"));
        assertThat(IdNumbers.creditCodeProblem("91350100M0001O0Y43")).hasValueSatisfying(m -> assertThat(m)
                .contains("第 14 位").contains("O"));
    }

    @Test
    void numbersAreTakenAsTypedWithSpacesAndLowerCaseAndShownByTheirLastFourCharacters() {
        assertThat(IdNumbers.normalise(" 110105 19491231 002x ")).isEqualTo("11010519491231002X");
        assertThat(IdNumbers.masked("11010519491231002X")).isEqualTo("**************002X");
        assertThat(IdNumbers.masked("E123")).isEqualTo("****");
    }
}
