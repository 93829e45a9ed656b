package org.wenzheng.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value records front ends render: snippets, citations, statuses, article keys. */
class SnippetAndCitationTest {
    @Test
    void rendersHighlightsWithMarksAndEscapesEveryPiece() {
        Snippet s = new Snippet("<押金>应当退还", List.of(new Snippet.Highlight(1, 3), new Snippet.Highlight(6, 8)));

        String html = s.render("<mark>", "</mark>", t -> t.replace("<", "&lt;").replace(">", "&gt;"));

        assertThat(html).isEqualTo("&lt;<mark>押金</mark>&gt;应当<mark>退还</mark>");
    }

    @Test
    void displaysACitationOnOneLine() {
        Citation c = new Citation("d1", "d1-3", "中华人民共和国民法典", "第五十四条", "总则编 / 第二章 自然人",
                "", "全国人民代表大会", LocalDate.of(2020, 5, 28), DocumentStatus.IN_FORCE, "");

        assertThat(c.display()).isEqualTo("《中华人民共和国民法典》第五十四条（全国人民代表大会，2020-05-28，有效）");
        assertThat(c.articleKey()).isEqualTo("民法典第五十四条");
    }

    @Test
    void displaysDocumentNumberAndStatusOfARepealedRule() {
        Citation c = new Citation("d2", "d2-1", "示例市停车管理办法", "第三条", null, "示例府令第5号", null, null,
                DocumentStatus.REPEALED, null);

        assertThat(c.display()).isEqualTo("《示例市停车管理办法》第三条（示例府令第5号，已废止）");
        assertThat(c.chapter()).isEmpty();
        assertThat(c.url()).isEmpty();
    }

    @Test
    void removesEveryPrcPrefixFromArticleKeys() {
        assertThat(ArticleKeys.of("中华人民共和国劳动合同法", "第三十九条")).isEqualTo("劳动合同法第三十九条");
        assertThat(ArticleKeys.titleKey("最高人民法院关于适用《中华人民共和国民法典》的解释"))
                .isEqualTo("最高人民法院关于适用《民法典》的解释");
    }

    @Test
    void parsesStatusLabelsAndNames() {
        assertThat(DocumentStatus.parse("有效")).isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(DocumentStatus.parse(" 已修订 ")).isEqualTo(DocumentStatus.AMENDED);
        assertThat(DocumentStatus.parse("已废止")).isEqualTo(DocumentStatus.REPEALED);
        assertThat(DocumentStatus.parse("in-force")).isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(DocumentStatus.parse("失效")).isEqualTo(DocumentStatus.REPEALED);
        assertThatThrownBy(() -> DocumentStatus.parse("暂停"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown status '暂停' (expected 有效, 已修订 or 已废止)");
    }

    @Test
    void rejectsAnswerConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> new Answer(false, "", 1.5, List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in [0,1]: 1.5");
        assertThatThrownBy(() -> new Answer(false, "", Double.NaN, List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidConfigurationNamingTheSetting() {
        KnowledgeConfig base = KnowledgeConfig.of(Path.of("index"), List.of(), List.of(), null, null);

        assertThatThrownBy(() -> base.withAnswerThreshold(1.01))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("answerThreshold must be in [0, 1]: 1.01");
        assertThatThrownBy(() -> base.toBuilder().maxQuestionChars(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQuestionChars must be positive: 0");
        assertThatThrownBy(() -> base.toBuilder().maxResults(1001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxResults must be in [1, 1000]: 1001");
        assertThatThrownBy(() -> KnowledgeConfig.builder(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("indexDir must not be null");
        assertThatThrownBy(() -> base.toBuilder().sources(java.util.Arrays.asList(Path.of("docs"), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sources must not hold null");
    }

    @Test
    void aConfigChangedThroughItsBuilderKeepsEverythingElse() {
        KnowledgeConfig base = KnowledgeConfig.builder(Path.of("index")).sources(List.of(Path.of("docs")))
                .stopPhrasesFile(Path.of("stop.txt")).answerThreshold(0.7).maxResults(20).build();

        KnowledgeConfig moved = base.toBuilder().indexDir(Path.of("other")).build();

        assertThat(moved.indexDir()).isEqualTo(Path.of("other"));
        assertThat(moved.toBuilder().indexDir(Path.of("index")).build()).isEqualTo(base);
        assertThat(moved.sources()).containsExactly(Path.of("docs"));
        assertThat(moved.stopPhrasesFile()).isEqualTo(Path.of("stop.txt"));
        assertThat(moved.synonymsFile()).isNull();
        assertThat(moved.answerThreshold()).isEqualTo(0.7);
        assertThat(moved.maxResults()).isEqualTo(20);
        assertThat(moved.maxQuestionChars()).isEqualTo(KnowledgeConfig.DEFAULT_MAX_QUESTION_CHARS);
        assertThat(moved.ranking()).isEqualTo(Ranking.DEFAULT);
    }

    @Test
    void rankingBuilderNamesTheWeightItRejects() {
        assertThatThrownBy(() -> Ranking.builder().history(-0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking history must be a finite weight, 0 or more: -0.1");
        assertThatThrownBy(() -> Ranking.builder().semantic(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking semantic must be a finite weight, 0 or more: NaN");
        assertThatThrownBy(() -> Ranking.builder().depth(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking depth must be in [1, 10000]: 0");
        assertThatThrownBy(() -> Ranking.builder().neighbourReach(11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking neighbourReach must be in [0, 10]: 11");
        assertThatThrownBy(() -> Ranking.builder().b(1.5f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking b (BM25) must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> Ranking.builder().k1(-1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ranking k1 (BM25) must be finite and not negative: -1.0");
    }

    @Test
    void theDefaultRankingIsTheMeasuredOne() {
        Ranking r = Ranking.DEFAULT;

        assertThat(List.of(r.wordBody(), r.bigramBody(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.expansion(), r.lawVotes(), r.chapterVotes(), r.associations(), r.semantic()))
                .containsExactly(1.0, 0.5, 0.5, 2.0, 0.3, 0.3, 0.3, 0.5, 0.6, 0.3, 3.0);
        assertThat(r.stopPhrases()).isTrue();
        assertThat(r.tailByMeaning()).isTrue();
        assertThat(List.of(r.neighbourReach(), r.depth())).containsExactly(2, 1000);
        assertThat(List.of(r.k1(), r.b())).containsExactly(1.2f, 0.75f);
        assertThat(r.withSemantic(0).toBuilder().semantic(3.0).build()).isEqualTo(r).hasSameHashCodeAs(r);
    }
}
