package org.wenzheng.server.interviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateDetectorTest {
    private final DuplicateDetector detector = new DuplicateDetector(List.of("请问", "如何", "怎么", "吗"));

    @Test
    void theKeyFoldsWidthAndTraditionalAndDropsPunctuationSpacesAndStopPhrases() {
        assertThat(detector.key("請問，如何申請 政府信息公開？")).isEqualTo("申请政府信息公开");
        assertThat(detector.key("ＡＢＣ１２３号文件！")).isEqualTo("abc123号文件");
    }

    @Test
    void aQuestionInTraditionalScriptHasTheKeyOfItsSimplifiedTwin() {
        assertThat(detector.key("請問社保怎麼轉移")).isEqualTo(detector.key("请问社保怎么转移")).isEqualTo("社保转移");
        assertThat(detector.key("ＰＤＦ表格在哪下载吗？")).isEqualTo(detector.key("pdf表格在哪下载吗")).isEqualTo("pdf表格在哪下载");
    }

    @Test
    void aQuestionOfOnlyStopPhrasesKeepsItsLetters() {
        assertThat(detector.key("请问？")).isEqualTo("请问");
    }

    @Test
    void rewordingsOfOneQuestionReachTheDefaultThresholdAndAnotherQuestionDoesNot() {
        String asked = detector.key("如何申请政府信息公开？");
        double reworded = DuplicateDetector.similarity(asked, detector.key("请问怎样申请政府信息公开"));
        double traditional = DuplicateDetector.similarity(asked, detector.key("請問如何申請政府信息公開"));
        double other = DuplicateDetector.similarity(asked, detector.key("政府信息公开申请被拒绝怎么办"));

        assertThat(traditional).isEqualTo(1.0);
        assertThat(reworded).isEqualTo(7.0 / 9);
        assertThat(reworded).isGreaterThanOrEqualTo(InterviewConfig.DEFAULT_DUPLICATE_THRESHOLD);
        assertThat(other).isLessThan(InterviewConfig.DEFAULT_DUPLICATE_THRESHOLD);
    }

    @Test
    void similarityIsTheJaccardOfCharacterBigrams() {
        // {ab, bc} and {ab, bd}: one common bigram of three.
        assertThat(DuplicateDetector.similarity("abc", "abd")).isEqualTo(1.0 / 3);
        assertThat(DuplicateDetector.similarity("a", "a")).isEqualTo(1.0);
        assertThat(DuplicateDetector.similarity("a", "b")).isZero();
        assertThat(DuplicateDetector.similarity("", "abc")).isZero();
    }

    @Test
    void aQuestionJoinsTheMostSimilarEntryAtTheThresholdTheOldestOfEqualOnes() {
        String key = detector.key("如何申请政府信息公开？");
        InterviewStore.Keyed other = new InterviewStore.Keyed(1, detector.key("社保怎么转移"));
        InterviewStore.Keyed close = new InterviewStore.Keyed(2, detector.key("怎样申请政府信息公开呢"));
        InterviewStore.Keyed same = new InterviewStore.Keyed(3, key);
        InterviewStore.Keyed sameLater = new InterviewStore.Keyed(4, key);

        assertThat(DuplicateDetector.nearest(key, List.of(other, close, same, sameLater), 0.5)).contains(same);
        assertThat(DuplicateDetector.nearest(key, List.of(other, close), 0.5)).contains(close);
        assertThat(DuplicateDetector.nearest(key, List.of(other), 0.5)).isEmpty();
        assertThat(DuplicateDetector.nearest(key, List.of(close), 1.0)).isEmpty();
    }
}
