package org.wenzheng.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.LawFixture;
import org.wenzheng.knowledge.search.LuceneKnowledgeBase;

class EvaluatorTest {
    private static final List<Judged> TWO = List.of(
            new Judged("1", "劳动合同法第三十九条是什么", List.of("劳动合同法第三十九条")),
            new Judged("2", "试用期工资", List.of("劳动合同法第二十条")));

    @Test
    void rejectsASingleFold() {
        assertThatThrownBy(() -> Evaluator.run(EvaluatorTest::neverOpened, TWO, List.of(), 1, s -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("folds must be 0 (none) or between 2 and the number of questions: 1");
    }

    @Test
    void rejectsMoreFoldsThanQuestionsAndNegativeFolds() {
        assertThatThrownBy(() -> Evaluator.run(EvaluatorTest::neverOpened, TWO, List.of(), 3, s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Evaluator.run(EvaluatorTest::neverOpened, TWO, List.of(), -1, s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asksEveryQuestionOnceAcrossFolds(@TempDir Path dir) throws Exception {
        KnowledgeConfig config = LawFixture.write(dir).config();
        KnowledgeBases.index(config, p -> { }, false);
        List<String> progress = new ArrayList<>();

        Metrics.Result r = Evaluator.run(() -> KnowledgeBases.openLucene(config), TWO, List.of(), 2, progress::add);

        assertThat(r.queries()).isEqualTo(2);
        assertThat(r.recall1()).isEqualTo(1.0);
        assertThat(r.mrr10()).isEqualTo(1.0);
        assertThat(progress).containsExactly(
                "fold 1/2: 1 questions asked, learned from 1",
                "fold 2/2: 1 questions asked, learned from 1");
    }

    private static LuceneKnowledgeBase neverOpened() {
        throw new AssertionError("a rejected run must not open an engine");
    }
}
