package org.wenzheng.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Ranking;

class AblationTest {
    @Test
    void startsFromPlainWordsAndEndsWithTheFullRanking() {
        List<Ablation.Step> steps = Ablation.steps(Ranking.DEFAULT);

        assertThat(steps.get(steps.size() - 1).ranking()).isEqualTo(Ranking.DEFAULT);
        Ranking first = steps.get(0).ranking();
        assertThat(first).isEqualTo(Ranking.builder().bigramBody(0).stopPhrases(false).synonyms(0).lawMention(0)
                .history(0).lawPrior(0).expansion(0).lawVotes(0).chapterVotes(0).associations(0).semantic(0)
                .tailByMeaning(false).neighbourReach(0).build());
    }

    @Test
    void eachStepSwitchesOnOneMoreComponent() {
        List<Ablation.Step> steps = Ablation.steps(Ranking.DEFAULT);

        assertThat(steps).hasSize(14);
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).ranking()).as(steps.get(i).name()).isNotEqualTo(steps.get(i - 1).ranking());
        }
        assertThat(steps.get(5).ranking().history()).isEqualTo(Ranking.DEFAULT.history());
        assertThat(steps.get(5).ranking().lawPrior()).isZero();
        assertThat(steps.get(9).ranking().expansion()).isEqualTo(Ranking.DEFAULT.expansion());
        assertThat(steps.get(9).ranking().associations()).isZero();
        assertThat(steps.get(10).ranking().semantic()).isZero();
        assertThat(steps.get(11).ranking().semantic()).isEqualTo(Ranking.DEFAULT.semantic());
        assertThat(steps.get(11).ranking().tailByMeaning()).isFalse();
        assertThat(steps.get(12).ranking().tailByMeaning()).isTrue();
        assertThat(steps.get(12).ranking().neighbourReach()).isZero();
        assertThat(steps.get(13).ranking().neighbourReach()).isEqualTo(Ranking.DEFAULT.neighbourReach());
    }
}
