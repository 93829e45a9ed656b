package org.wenzheng.knowledge;

import org.wenzheng.knowledge.engine.KnowledgeBases;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine must say "not sure" to questions its documents do not answer (weather, greetings,
 * gibberish, another field altogether), over the {@link LawFixture} and over the sample knowledge
 * base shipped in {@code config/knowledge}, while still answering what its FAQ answers.
 */
class OffTopicQuestionsTest {
    private static final double THRESHOLD = KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD;

    @TempDir
    static Path dir;

    /** The fixture's laws plus a one-entry FAQ. */
    private static KnowledgeBase fixture;
    /** The sample knowledge base as {@code config/wenzheng.yaml} ships it: docs, FAQ, synonyms, stop phrases. */
    private static KnowledgeBase sample;
    /** The sample documents and FAQ alone, without the phrase files. */
    private static KnowledgeBase sampleWithoutPhrases;

    @BeforeAll
    static void open() throws Exception {
        LawFixture laws = LawFixture.write(dir.resolve("fixture"));
        Path faq = Files.writeString(dir.resolve("faq.yaml"), """
                - id: faq-apply
                  question: 怎样申请政府信息公开？
                  alternatives:
                    - 依申请公开去哪里办
                  answer: 可以在线、信函、当面或者传真提出申请。
                """);
        KnowledgeConfig fixtureConfig = laws.config();
        fixture = LawFixture.open(fixtureConfig.toBuilder().faqFiles(List.of(faq)).answerThreshold(THRESHOLD)
                .ranking(Ranking.DEFAULT).build());

        Path config = repositoryRoot().resolve("config");
        Path index = dir.resolve("sample-index");
        List<Path> docs = List.of(config.resolve("knowledge/docs"));
        List<Path> faqs = List.of(config.resolve("knowledge/faq.yaml"));
        sample = LawFixture.open(KnowledgeConfig.of(index, docs, faqs,
                existing(config.resolve("synonyms.txt")), existing(config.resolve("stopwords.txt"))));
        sampleWithoutPhrases = KnowledgeBases.open(KnowledgeConfig.of(index, docs, faqs, null, null));
    }

    @AfterAll
    static void close() throws Exception {
        for (KnowledgeBase kb : new KnowledgeBase[] {fixture, sample, sampleWithoutPhrases}) {
            if (kb != null) {
                kb.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"今天天气怎么样", "你好", "哈哈", "asdkjh qwe"})
    void fixtureDoesNotAnswerOffTopicQuestions(String question) {
        assertNotAnswered(fixture.answer(question));
    }

    @Test
    void fixtureDoesNotAnswerAQuestionFromAnotherField() {
        assertNotAnswered(fixture.answer("火星移民签证怎么申请"));
    }

    @Test
    void fixtureAnswersWhatItsFaqAnswers() {
        Answer answer = fixture.answer("如何申请政府信息公开");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.source()).isEqualTo(SearchHit.Kind.FAQ);
        assertThat(answer.confidence()).isGreaterThanOrEqualTo(THRESHOLD);
        assertThat(answer.text()).isEqualTo("可以在线、信函、当面或者传真提出申请。");
    }

    @ParameterizedTest
    @ValueSource(strings = {"今天天气怎么样", "你好", "哈哈", "asdkjh qwe", "火星移民签证怎么申请"})
    void sampleKnowledgeBaseDoesNotAnswerOffTopicQuestions(String question) {
        assertNotAnswered(sample.answer(question));
    }

    @ParameterizedTest
    @ValueSource(strings = {"今天天气怎么样", "哈哈", "asdkjh qwe", "火星移民签证怎么申请"})
    void sampleKnowledgeBaseWithoutPhraseFilesDoesNotAnswerOffTopicQuestions(String question) {
        assertNotAnswered(sampleWithoutPhrases.answer(question));
    }

    @Test
    void sampleKnowledgeBaseWithoutPhraseFilesDoesNotAnswerAGreeting() {
        assertNotAnswered(sampleWithoutPhrases.answer("你好"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"如何申请政府信息公开", "申请政府信息公开要收费吗"})
    void sampleKnowledgeBaseAnswersFaqQuestions(String question) {
        // Without the stop phrases, 如何申请政府信息公开 differs from 怎样申请… and 谁可以申请… only by
        // its question word, and the FAQ confidence's margin gate declines to choose between them.
        List<KnowledgeBase> kbs = question.startsWith("如何") ? List.of(sample) : List.of(sample, sampleWithoutPhrases);
        for (KnowledgeBase kb : kbs) {
            Answer answer = kb.answer(question);

            assertThat(answer.answered()).isTrue();
            assertThat(answer.source()).isEqualTo(SearchHit.Kind.FAQ);
            assertThat(answer.confidence()).isGreaterThanOrEqualTo(THRESHOLD);
            assertThat(answer.citations().get(0).title()).startsWith("常见问题：");
            // Then the entry's legal basis that the sample holds: for how to apply, the application
            // guide; the fees entry cites only the national regulation, which the sample does not hold.
            assertThat(answer.citations().subList(1, answer.citations().size()))
                    .allSatisfy(c -> assertThat(c.title()).doesNotStartWith("常见问题："));
            if (!question.startsWith("如何")) {
                continue;
            }
            assertThat(answer.citations().subList(1, answer.citations().size()))
                    .extracting(Citation::title, Citation::docNumber)
                    .contains(org.assertj.core.groups.Tuple.tuple("示例市政府信息公开申请指南", "示例办发〔2025〕3号"));
        }
    }

    @Test
    void sampleKnowledgeBaseServesOnlyTheVersionInForce() {
        Answer answer = sample.answer("依申请公开的答复期限是多少个工作日");

        assertThat(answer.candidates()).isNotEmpty().allSatisfy(h -> {
            assertThat(h.citation().status()).isEqualTo(DocumentStatus.IN_FORCE);
            assertThat(h.citation().date()).isNotEqualTo(LocalDate.of(2019, 3, 1));
        });
    }

    private static void assertNotAnswered(Answer answer) {
        assertThat(answer.answered())
                .as("answered with confidence %.3f: %s", answer.confidence(), answer.citations())
                .isFalse();
        assertThat(answer.confidence()).isLessThan(THRESHOLD);
        assertThat(answer.text()).isEmpty();
        assertThat(answer.citations()).isEmpty();
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }

    /** The folder holding {@code config/knowledge}, found by walking up from the working directory. */
    static Path repositoryRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("config/knowledge"))) {
                return p;
            }
        }
        throw new IllegalStateException("no config/knowledge above " + System.getProperty("user.dir"));
    }
}
