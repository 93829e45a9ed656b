package org.wenzheng.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BigramsTest {
    private static final List<String> QUESTIONS = List.of(
            "房东不退押金怎么办",
            "房东不退押金，押金可以要回来吗",
            "租房押金不退 怎么 起诉",
            "公司拖欠工资3个月，可以申请劳动仲裁吗？",
            "abc123 离婚后孩子抚养权归谁",
            "离婚后孩子抚养权归谁abc",
            "哈",
            "");

    @Test
    void codesAreTheDistinctBigramsSorted() {
        assertThat(Bigrams.codes("押金押金")).containsExactlyInAnyOrder('押' << 16 | '金', '金' << 16 | '押').isSorted();
        assertThat(Bigrams.codes("押金，押金")).hasSize(1);
        assertThat(Bigrams.codes("哈")).isEmpty();
    }

    @Test
    void diceOfCodesEqualsDiceOfStringSetsForEveryPair() {
        for (String a : QUESTIONS) {
            for (String b : QUESTIONS) {
                assertThat(Bigrams.dice(Bigrams.codes(a), Bigrams.codes(b))).as(a + " / " + b)
                        .isEqualTo(Bigrams.dice(Bigrams.of(a), Bigrams.of(b)));
                assertThat(Bigrams.codes(a)).hasSize(Bigrams.of(a).size());
            }
        }
    }
}
