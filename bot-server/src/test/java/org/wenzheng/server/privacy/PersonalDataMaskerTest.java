package org.wenzheng.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PersonalDataMaskerTest {

    static List<PiiFixtures.Variant> variants() {
        return PiiFixtures.variants();
    }

    static List<String> negatives() {
        return PiiFixtures.negatives();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void masksPersonalDataHoweverItIsWritten(PiiFixtures.Variant v) {
        assertThat(PiiFixtures.visible(PersonalDataMasker.mask(v.input()))).isEqualTo(PiiFixtures.visible(v.masked()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void leavesNumbersThatAreNotPersonalDataAlone(String text) {
        assertThat(PersonalDataMasker.mask(text)).isEqualTo(text);
    }

    @Test
    void theFixtureHasAtLeast200VariantsAndEveryOneIsChanged() {
        assertThat(variants()).hasSizeGreaterThanOrEqualTo(200)
                .allSatisfy(v -> assertThat(v.masked()).as(v.toString()).isNotEqualTo(v.input()));
    }

    @Test
    void variantsJoinedIntoOneTextAreMaskedAsEachAlone() {
        for (List<PiiFixtures.Variant> chunk : PiiFixtures.chunks(500)) {
            assertThat(PiiFixtures.visible(PersonalDataMasker.mask(PiiFixtures.input(chunk))))
                    .isEqualTo(PiiFixtures.visible(PiiFixtures.masked(chunk)));
        }
    }

    @Test
    void masksDataInsideChineseTextWithoutTouchingTheRest() {
        String q = "我的手机是13812345678，身份证号11010119900307123X，银行卡6222021234567890，邮箱zs@example.com，低保怎么申请？";

        assertThat(PersonalDataMasker.mask(q)).isEqualTo(
                "我的手机是138****5678，身份证号**************123X，银行卡************7890，邮箱z***@example.com，低保怎么申请？");
    }

    @Test
    void keepsTheSeparatorsOfANumberAsWrittenAndDropsInvisibleCharacters() {
        assertThat(PersonalDataMasker.mask("138\u30001234\u30005678")).isEqualTo("138\u3000****\u30005678");
        assertThat(PersonalDataMasker.mask("138\u200B1234\u200B5678")).isEqualTo("138****5678");
    }

    @Test
    void aChineseNumeralThatIsAWordIsNotPartOfTheNumberBeforeIt() {
        assertThat(PersonalDataMasker.mask("我的电话13812345678一直打不通")).isEqualTo("我的电话138****5678一直打不通");
    }

    @Test
    void aDateBeforeAPhoneNumberStaysADate() {
        assertThat(PersonalDataMasker.mask("2024-06-15 13812345678")).isEqualTo("2024-06-15 138****5678");
    }

    @Test
    void aLabelWithoutAColonIsAWordOfTheQuestion() {
        assertThat(PersonalDataMasker.mask("姓名变更需要什么材料？地址变更呢？")).isEqualTo("姓名变更需要什么材料？地址变更呢？");
    }

    @Test
    void aSurnameThatIsAlsoANumeralIsMaskedAsAName() {
        assertThat(PersonalDataMasker.mask("姓名：陆小凤，")).isEqualTo("姓名：陆**，");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "张三        | 张*",
        "欧阳娜娜    | 欧***",
        "张          | 张*",
        "热心市民    | 热***",
        "13812345678 | 1**********",
    })
    void namesGivenInAFormKeepOnlyTheirFirstCharacter(String name, String masked) {
        assertThat(PersonalDataMasker.maskName(name)).isEqualTo(masked);
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(PersonalDataMasker.mask(null)).isEmpty();
        assertThat(PersonalDataMasker.mask("")).isEmpty();
        assertThat(PersonalDataMasker.maskName(null)).isNull();
        assertThat(PersonalDataMasker.maskName("  ")).isEmpty();
    }
}
