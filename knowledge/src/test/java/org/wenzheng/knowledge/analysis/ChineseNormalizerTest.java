package org.wenzheng.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChineseNormalizerTest {
    @Test
    void theTableAgreesWithTheCharFiltersOnEveryChar() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String s = String.valueOf((char) c);
            assertThat(ChineseNormalizer.normalize(s)).as("U+%04X", c)
                    .isEqualTo(ChineseNormalizer.normalizeWithFilters(s));
        }
    }

    @Test
    void theTableAgreesWithTheCharFiltersOnWholeTexts() {
        List<String> texts = List.of(
                "離婚後孩子撫養權歸誰？",
                "ＡＢＣ１２３：房東不退押金",
                "ｶﾞｷﾞｸﾞ 半角カナ ﾊﾟﾝ",
                "ΟΔΟΣ İstanbul",
                "𠀀𠀁 surrogates 𡃁",
                "",
                "第三十九条\n劳动者有下列情形之一的，用人单位可以解除劳动合同。");
        for (String t : texts) {
            assertThat(ChineseNormalizer.normalize(t)).as(t).isEqualTo(ChineseNormalizer.normalizeWithFilters(t));
        }
        assertThat(ChineseNormalizer.normalize("ＡＢＣ離婚")).isEqualTo("abc离婚");
    }
}
