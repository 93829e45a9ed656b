package org.wenzheng.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionKeyTest {
    /** The ticket desk's default polite phrases (tickets.dedupStripPhrases). */
    private static final QuestionKey TICKETS = QuestionKey.of(List.of("请问", "您好", "你好", "谢谢", "麻烦"));
    /** Part of the shipped stop-phrase file, as interviews and the engine use it. */
    private static final QuestionKey STOP_PHRASES = QuestionKey.of(List.of("请问一下", "请问", "怎么", "如何", "吗"));

    @Test
    void traditionalAndSimplifiedScriptGiveTheSameKey() {
        for (QuestionKey k : List.of(TICKETS, STOP_PHRASES, QuestionKey.NONE)) {
            assertThat(k.key("請問社保怎麼轉移")).isEqualTo(k.key("请问社保怎么转移"));
            assertThat(k.key("離婚後房產怎麼分割？")).isEqualTo(k.key("离婚后房产怎么分割"));
        }
        assertThat(TICKETS.key("請問社保怎麼轉移")).isEqualTo("社保怎么转移");
        assertThat(STOP_PHRASES.key("請問社保怎麼轉移")).isEqualTo("社保转移");
    }

    @Test
    void fullAndHalfWidthFormsGiveTheSameKey() {
        assertThat(TICKETS.key("ＡＢＣ１２３号文件！")).isEqualTo(TICKETS.key("abc123号文件!")).isEqualTo("abc123号文件");
        assertThat(TICKETS.key("公积金　提取（２０２６年）")).isEqualTo(TICKETS.key("公积金提取(2026年)"));
        // NFKC folds compatibility forms the width table does not: a circled digit is a digit.
        assertThat(TICKETS.key("第①项")).isEqualTo(TICKETS.key("第1项"));
    }

    @Test
    void politePhrasesAndPunctuationDoNotTellQuestionsApart() {
        assertThat(TICKETS.key("您好，请问主任信箱多久答复？谢谢！")).isEqualTo(TICKETS.key("主任信箱多久答复"))
                .isEqualTo("主任信箱多久答复");
        assertThat(TICKETS.key("麻烦 问一下 低保 标准")).isEqualTo("问一下低保标准");
        // The phrases are folded like the questions: a phrase configured in Traditional script still matches.
        assertThat(QuestionKey.of(List.of("請問")).key("请问低保标准")).isEqualTo("低保标准");
    }

    @Test
    void longerPhrasesGoFirstAndEachLeavesASpaceBehind() {
        assertThat(STOP_PHRASES.phrases()).containsExactly("请问一下", "如何", "怎么", "请问", "吗");
        assertThat(STOP_PHRASES.key("请问一下社保如何转移吗")).isEqualTo("社保转移");
        // Removing 怎么 must not join 请 and 问 into a 请问 that was never asked.
        assertThat(STOP_PHRASES.withoutPhrases("请怎么问")).isEqualTo("请 问");
    }

    @Test
    void aQuestionOfOnlyPhrasesKeepsItsLettersAndOneWithoutLettersItsText() {
        assertThat(TICKETS.key("你好！")).isEqualTo("你好");
        assertThat(TICKETS.key(" ？？ ")).isEqualTo("??");
    }

    @Test
    void readsTheStopPhraseFileAndNoFileRemovesNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("stopwords.txt"), "# 客套话\n请问\n\n怎么办\n");

        QuestionKey k = QuestionKey.read(file);

        assertThat(k.phrases()).containsExactly("怎么办", "请问");
        assertThat(k.key("请问社保断缴怎么办")).isEqualTo("社保断缴");
        assertThat(QuestionKey.read(null)).isSameAs(QuestionKey.NONE);
        assertThat(QuestionKey.NONE.key("请问社保断缴怎么办")).isEqualTo("请问社保断缴怎么办");
    }

    @Test
    void blankPhrasesAreIgnoredAndNullIsRejected() {
        assertThat(QuestionKey.of(List.of(" ", "", "请问")).phrases()).containsExactly("请问");
        assertThatThrownBy(() -> QuestionKey.of(java.util.Arrays.asList("请问", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("a phrase must not be null");
    }
}
