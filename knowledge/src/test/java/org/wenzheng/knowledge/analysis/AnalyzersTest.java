package org.wenzheng.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
    private static final Analyzer WORDS = Analyzers.words(CharArraySet.EMPTY_SET);
    private static final Analyzer BIGRAMS = Analyzers.bigrams();

    @AfterAll
    static void close() {
        WORDS.close();
        BIGRAMS.close();
    }

    @Test
    void segmentsAQuestionIntoWords() throws IOException {
        assertThat(tokens(WORDS, "我想申请政府信息公开"))
                .containsExactly("我", "想", "申请", "政府", "信息", "公开");
    }

    @Test
    void dropsPunctuationFromWords() throws IOException {
        assertThat(tokens(WORDS, "离婚协议，怎么写？")).doesNotContain("，", "？", ",", "?");
    }

    @Test
    void removesGivenStopwordsFromWords() throws IOException {
        try (Analyzer withStop = Analyzers.words(new CharArraySet(List.of("我", "想"), false))) {
            assertThat(tokens(withStop, "我想申请政府信息公开")).containsExactly("申请", "政府", "信息", "公开");
        }
    }

    @Test
    void foldsTraditionalToSimplifiedBeforeSegmenting() throws IOException {
        assertThat(tokens(WORDS, "離婚協議")).containsExactly("离婚", "协议").isEqualTo(tokens(WORDS, "离婚协议"));
        assertThat(tokens(BIGRAMS, "離婚協議")).isEqualTo(tokens(BIGRAMS, "离婚协议"));
    }

    @Test
    void foldsFullWidthLettersAndDigits() throws IOException {
        assertThat(ChineseNormalizer.normalize("ＡＢＣ１２３")).isEqualTo("abc123");
        assertThat(tokens(BIGRAMS, "ＡＢＣ１２３")).containsExactly("abc123");
        assertThat(tokens(WORDS, "ＡＢＣ１２３")).containsExactly("abc", "123");
    }

    @Test
    void cutsHanTextIntoOverlappingBigrams() throws IOException {
        assertThat(tokens(BIGRAMS, "劳动合同")).containsExactly("劳动", "动合", "合同");
    }

    @Test
    void keepsLatinAndNumbersWholeBesideBigrams() throws IOException {
        assertThat(tokens(BIGRAMS, "拨打12345热线")).containsExactly("拨打", "12345", "热线");
    }

    @Test
    void normalizesWithoutChangingLength() {
        String text = "離婚協議ＡＢＣ";
        assertThat(ChineseNormalizer.normalize(text)).isEqualTo("离婚协议abc").hasSameSizeAs(text);
    }

    static List<String> tokens(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
