package org.wenzheng.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChineseNumeralsTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "0, 零", "1, 一", "9, 九", "10, 十", "11, 十一", "19, 十九", "20, 二十", "39, 三十九", "100, 一百",
        "101, 一百零一", "105, 一百零五", "110, 一百一十", "999, 九百九十九", "1000, 一千", "1001, 一千零一",
        "1010, 一千零一十", "1100, 一千一百", "1260, 一千二百六十", "9999, 九千九百九十九",
    })
    void writesNumbersTheWayArticleLabelsDo(int n, String expected) {
        assertThat(ChineseNumerals.of(n)).isEqualTo(expected);
    }

    @Test
    void rejectsNumbersNoArticleCarries() {
        assertThatThrownBy(() -> ChineseNumerals.of(10_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("article numbers run from 0 to 9999: 10000");
        assertThatThrownBy(() -> ChineseNumerals.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "第39条, 第三十九条", "第1260条, 第一千二百六十条", "第10条之一, 第十条之一", "第三十九条, 第三十九条",
    })
    void rewritesArabicArticleLabelsInChinese(String label, String expected) {
        assertThat(QueryAnalyzer.chineseArticle(label)).isEqualTo(expected);
    }
}
