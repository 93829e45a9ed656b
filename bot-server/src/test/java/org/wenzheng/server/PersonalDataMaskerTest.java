package org.wenzheng.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonalDataMaskerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "110101199003071234       | **************1234",
        "11010119900307123X       | **************123X",
        "11010119900307123x       | **************123x",
        "110101 19900307 123X     | **************123X",
        "110101-19900307-1234     | **************1234",
    })
    void masksIdentityCardNumbersKeepingTheLastFour(String id, String masked) {
        assertThat(PersonalDataMasker.mask(id)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "13812345678        | 138****5678",
        "19912345678        | 199****5678",
        "138 1234 5678      | 138****5678",
        "138-1234-5678      | 138****5678",
        "+86 13812345678    | +86 138****5678",
        "+8613812345678     | +86138****5678",
        "8613812345678      | 86138****5678",
    })
    void masksMobileNumbersAsTheUsual138StarStar(String phone, String masked) {
        assertThat(PersonalDataMasker.mask(phone)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "6222021234567890          | ************7890",
        "6222021234567890123       | ***************0123",
        "6222 0212 3456 7890       | ************7890",
        "6222-0212-3456-7890-123   | ***************0123",
    })
    void masksBankCardNumbersKeepingTheLastFour(String card, String masked) {
        assertThat(PersonalDataMasker.mask(card)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zhang.san@example.com     | z***@example.com",
        "12345678@qq.com           | 1***@qq.com",
        "13812345678@139.com       | 1***@139.com",
        "li_si+tag@mail.gov.cn     | l***@mail.gov.cn",
        "wang＠example.com         | w***@example.com",
    })
    void masksEmailAddressesKeepingTheFirstCharacterAndTheDomain(String email, String masked) {
        assertThat(PersonalDataMasker.mask(email)).isEqualTo(masked);
    }

    @Test
    void masksDataInsideChineseTextWithoutTouchingTheRest() {
        String q = "我的手机是13812345678，身份证号11010119900307123X，银行卡6222021234567890，邮箱zs@example.com，低保怎么申请？";

        assertThat(PersonalDataMasker.mask(q)).isEqualTo(
                "我的手机是138****5678，身份证号**************123X，银行卡************7890，邮箱z***@example.com，低保怎么申请？");
    }

    @Test
    void recognisesFullWidthDigitsAsTypedWithAChineseInputMethod() {
        assertThat(PersonalDataMasker.mask("电话１３８１２３４５６７８")).isEqualTo("电话１３８****５６７８");
        assertThat(PersonalDataMasker.mask("１１０１０１１９９００３０７１２３Ｘ")).isEqualTo("**************１２３Ｘ");
    }

    @Test
    void masksEveryOccurrence() {
        assertThat(PersonalDataMasker.mask("13812345678或13987654321")).isEqualTo("138****5678或139****4321");
    }

    @Test
    void masksAnyLongerRunOfDigitsToo() {
        assertThat(PersonalDataMasker.mask("12345678901234567890123")).isEqualTo("*******************0123");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "如何申请政府信息公开？",
        "第十二条 第12条",
        "2024年6月15日 2024-06-15",
        "国办发〔2020〕53号",
        "15个工作日内答复",
        "补贴5000元，热线0000-12345678",
        "12345678901",
        "123456789012345",
        "第1款第2项",
        "ab@c",
    })
    void leavesOrdinaryNumbersAndTextAlone(String text) {
        assertThat(PersonalDataMasker.mask(text)).isEqualTo(text);
    }

    @Test
    void aMobileNumberInsideALongerNumberIsNotAPhoneButTheWholeIsMasked() {
        assertThat(PersonalDataMasker.mask("9913812345678999999")).isEqualTo("***************9999");
    }

    @Test
    void nullAndEmptyBecomeEmpty() {
        assertThat(PersonalDataMasker.mask(null)).isEmpty();
        assertThat(PersonalDataMasker.mask("")).isEmpty();
    }
}
