package org.wenzheng.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FAQ confidence weighs what a question shares with an entry by how rare it is among the
 * entries, requires the question's informative words to be covered, and reads colloquial words
 * through the synonym rules, over the {@link LawFixture} laws and a small FAQ of its own.
 */
class FaqConfidenceTest {
    private static final double THRESHOLD = KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD;

    @TempDir
    static Path dir;

    private static KnowledgeBase kb;

    @BeforeAll
    static void open() throws Exception {
        LawFixture laws = LawFixture.write(dir.resolve("fixture"));
        Path faq = Files.writeString(dir.resolve("faq.yaml"), """
                - id: faq-apply
                  question: 怎样申请政府信息公开？
                  alternatives:
                    - 依申请公开去哪里办
                  answer: 可以在线、信函、当面或者传真提出申请。
                - id: faq-fees
                  question: 申请政府信息公开要收费吗？
                  answer: 不收取费用。申请数量明显超过合理范围的，可以收取信息处理费。
                - id: faq-address
                  question: 政务公开办的办公地址在哪里？
                  alternatives:
                    - 政务公开办在哪
                    - 政务公开办几点上班
                  answer: 政务公开办在示例市人民政府一号楼一楼，工作日上午九点至下午五点接待。
                - id: faq-deadline
                  question: 申请政府信息公开多久能答复？
                  answer: 能够当场答复的当场答复；不能当场答复的，自收到申请之日起二十个工作日内答复。
                - id: faq-who
                  question: 谁可以申请政府信息公开？
                  answer: 公民、法人和其他组织都可以申请。
                """);
        Path synonyms = Files.writeString(dir.resolve("synonyms.txt"), "交钱,花钱 => 收费\n");
        kb = LawFixture.open(laws.config().toBuilder().faqFiles(List.of(faq)).synonymsFile(synonyms)
                .answerThreshold(THRESHOLD).ranking(Ranking.DEFAULT).build());
    }

    @AfterAll
    static void close() throws Exception {
        if (kb != null) {
            kb.close();
        }
    }

    @Test
    void aQuestionSharingOnlyGenericWordsWithAnEntryIsNotAnsweredFromIt() {
        // 政务公开办 is the address entry's, but 职责 is nowhere in it.
        Answer answer = kb.answer("政务公开办的职责是什么");

        assertThat(answer.source() == SearchHit.Kind.FAQ && answer.answered()).isFalse();
        if (answer.source() == SearchHit.Kind.FAQ) {
            assertThat(answer.confidence()).isLessThan(THRESHOLD);
        }
    }

    @Test
    void aColloquialQuestionFindsItsEntryThroughTheSynonyms() {
        Answer answer = kb.answer("申请公开政府信息要交钱吗");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.source()).isEqualTo(SearchHit.Kind.FAQ);
        assertThat(answer.citations()).singleElement()
                .satisfies(c -> assertThat(c.passageId()).isEqualTo("faq-fees"));
    }

    @Test
    void aTraditionalCharacterQuestionFindsItsEntry() {
        Answer answer = kb.answer("申請政府信息公開多久能答覆");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.citations()).singleElement()
                .satisfies(c -> assertThat(c.passageId()).isEqualTo("faq-deadline"));
    }
}
