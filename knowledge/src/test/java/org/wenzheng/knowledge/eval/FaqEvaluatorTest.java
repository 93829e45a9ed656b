package org.wenzheng.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaqEvaluatorTest {
    private static final double EPS = 1e-9;

    private static FaqEvaluator.Asked asked(String split, String kind, List<String> answers, String entry) {
        return new FaqEvaluator.Asked(new FaqQuestion("q", answers, kind, split), entry != null, entry,
                entry == null ? 0.1 : 0.9, false);
    }

    /*
     * tune: fees asked, answered fees (right); deadline asked, answered fees (wrong);
     *       a near miss answered fees; an off-topic question not answered.
     * test: fees asked, not answered; a near miss not answered.
     * all:  FAQ answers 3, right 1 → precision 1/3; answerable 3, right 1 → share 1/3;
     *       near misses 2, answered 1 → 1/2; off-topic 1, answered 0.
     */
    @Test
    void figuresCountRightAnswersMissesAndAnsweredNearMissesPerSplit() {
        List<FaqEvaluator.Asked> asked = List.of(
                asked("tune", "paraphrase", List.of("faq-fees"), "faq-fees"),
                asked("tune", "typo", List.of("faq-deadline"), "faq-fees"),
                asked("tune", "near", List.of(), "faq-fees"),
                asked("tune", "off", List.of(), null),
                asked("test", "traditional", List.of("faq-fees"), null),
                asked("test", "near", List.of(), null));
        var figures = FaqEvaluator.figures(asked);
        FaqEvaluator.Result all = figures.get("all");
        assertThat(all.questions()).isEqualTo(6);
        assertThat(all.precision()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(all.answeredShare()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(all.nearMissAnswered()).isCloseTo(0.5, within(EPS));
        assertThat(all.offTopicAnswered()).isZero();
        FaqEvaluator.Result tune = figures.get("tune");
        assertThat(tune.precision()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(tune.answeredShare()).isCloseTo(0.5, within(EPS));
        assertThat(tune.nearMissAnswered()).isCloseTo(1, within(EPS));
        FaqEvaluator.Result test = figures.get("test");
        assertThat(test.faqAnswers()).isZero();
        assertThat(test.precision()).isNaN();
        assertThat(test.answeredShare()).isZero();
        assertThat(test.nearMissAnswered()).isZero();
    }

    @Test
    void anyOfSeveralAcceptableEntriesIsRight() {
        assertThat(asked("tune", "paraphrase", List.of("faq-fees", "faq-excess-charges"), "faq-excess-charges")
                .right()).isTrue();
    }

    @Test
    void readingNamesTheLineOfAQuestionWithoutAnswersThatIsNotANearMiss(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("faq.jsonl"), """
                {"question": "申请要交钱吗", "answers": ["faq-fees"], "kind": "paraphrase", "split": "tune"}
                {"question": "要交钱吗", "answers": [], "kind": "paraphrase", "split": "test"}
                """);
        assertThatThrownBy(() -> FaqQuestion.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("faq.jsonl:2").hasMessageContaining("needs answers");
    }

    @Test
    void readingRejectsAnUnknownSplit(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("faq.jsonl"), """
                {"question": "申请要交钱吗", "answers": ["faq-fees"], "kind": "paraphrase", "split": "train"}
                """);
        assertThatThrownBy(() -> FaqQuestion.read(file)).hasMessageContaining("faq.jsonl:1")
                .hasMessageContaining("'split' must be tune or test");
    }
}
