package org.wenzheng.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.eval.FaqQuestion;
import org.wenzheng.knowledge.ingest.FaqLoader;

/** The FAQ evaluation set shipped in {@code config/knowledge/eval} stays what its README promises. */
class SampleFaqEvaluationSetTest {
    private static final Path ROOT = OffTopicQuestionsTest.repositoryRoot();

    @Test
    void everyAnswerNamesAnEntryOfTheSampleFaqAndEveryEntryIsAsked() throws Exception {
        Set<String> ids = FaqLoader.read(ROOT.resolve("config/knowledge/faq.yaml")).stream().map(FaqEntry::id)
                .collect(Collectors.toSet());
        List<FaqQuestion> set = FaqQuestion.read(ROOT.resolve("config/knowledge/eval/faq-questions.jsonl"));
        Set<String> asked = new HashSet<>();
        set.forEach(q -> asked.addAll(q.answers()));
        assertThat(ids).containsAll(asked);
        assertThat(asked).containsAll(ids);
    }

    @Test
    void holdsThreeHundredQuestionsAHundredUnanswerableAndTwoHalves() throws Exception {
        List<FaqQuestion> set = FaqQuestion.read(ROOT.resolve("config/knowledge/eval/faq-questions.jsonl"));
        assertThat(set).hasSizeGreaterThanOrEqualTo(300);
        assertThat(set.stream().filter(q -> !q.answerable()).count()).isGreaterThanOrEqualTo(100);
        assertThat(set.stream().filter(q -> q.kind().equals(FaqQuestion.NEAR_MISS)).count()).isGreaterThanOrEqualTo(50);
        assertThat(set.stream().map(FaqQuestion::question).distinct().count()).isEqualTo(set.size());
        long tune = set.stream().filter(q -> q.split().equals("tune")).count();
        assertThat(tune).isBetween(set.size() / 2L - 5, set.size() / 2L + 5);
    }
}
