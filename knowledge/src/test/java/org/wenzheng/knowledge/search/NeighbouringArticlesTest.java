package org.wenzheng.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.LawFixture;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.SearchHit;

/** A deep ranking places the articles next to its best matches right after its first page. */
class NeighbouringArticlesTest {
    /** Only 第五条 shares a word with the question; its neighbours treat the same matter. */
    static final String HOMESTEAD = """
            # 示例市农村宅基地管理办法

            ## 第一章 总则

            第一条 为了加强本市农村土地管理，制定本办法。

            第二条 本办法由市自然资源主管部门负责实施。

            ## 第二章 申请和审批

            第三条 村民建造住房应当符合乡镇国土空间规划。

            第四条 申请建房的，由本人向村民委员会提出书面申请。

            第五条 农村村民一户只能拥有一处宅基地。

            第六条 建房占地面积不得超过规定标准。

            第七条 出卖、出租、赠与住宅后，再申请的，不予批准。

            第八条 本办法自公布之日起施行。
            """;
    static final String LAW = "示例市农村宅基地管理办法";
    static final String QUESTION = "一户能有几处宅基地";

    @TempDir
    static Path root;
    static KnowledgeConfig config;

    @BeforeAll
    static void index() throws IOException {
        Path docs = Files.createDirectories(root.resolve("docs"));
        Files.writeString(docs.resolve(LAW + ".md"), HOMESTEAD);
        Files.writeString(root.resolve("synonyms.txt"), "");
        Files.writeString(root.resolve("stopwords.txt"), "");
        config = KnowledgeConfig.of(root.resolve("index"), List.of(docs), List.of(), root.resolve("synonyms.txt"),
                root.resolve("stopwords.txt")).withRanking(Ranking.DEFAULT.withSemantic(0));
        KnowledgeBases.index(config, p -> { }, true);
    }

    private static List<String> ranked(Ranking ranking) throws IOException {
        try (LuceneKnowledgeBase kb = KnowledgeBases.openLucene(config.withRanking(ranking))) {
            return kb.rankedArticleKeys(QUESTION, 20);
        }
    }

    @Test
    void theArticlesBeforeAndAfterTheBestMatchFollowItNearestFirst() throws IOException {
        assertThat(ranked(config.ranking())).containsExactly(LAW + "第五条", LAW + "第四条", LAW + "第六条",
                LAW + "第三条", LAW + "第七条");
    }

    @Test
    void aNeighbourSaysWhichMatchItStandsNextTo() throws IOException {
        try (LuceneKnowledgeBase kb = KnowledgeBases.openLucene(config)) {
            List<SearchHit> hits = kb.search(QUESTION, 10);

            assertThat(hits).extracting(h -> h.citation().article(), SearchHit::nextTo).containsExactly(
                    tuple("第五条", ""), tuple("第四条", "第五条"), tuple("第六条", "第五条"), tuple("第三条", "第五条"),
                    tuple("第七条", "第五条"));
        }
    }

    @Test
    void aNeighboursExplanationNamesTheMatchItStandsNextTo() throws IOException {
        try (LuceneKnowledgeBase kb = KnowledgeBases.openLucene(config)) {
            List<org.wenzheng.knowledge.Explanation> explained = kb.explain(QUESTION, 10);

            assertThat(explained.get(0).order()).isEqualTo("按总分排序（条文的第一页：前 10 条）");
            assertThat(explained.get(1).hit().citation().article()).isEqualTo("第四条");
            assertThat(explained.get(1).order())
                    .isEqualTo("第一页之后：第五条（条文第 1 名）的相邻条文；最好的 5 条的相邻条文紧接第一页，排在其余候选之前");
            assertThat(explained.get(1).contributions().get(0).detail()).isEqualTo("文字未匹配，由其他信号带入");
        }
    }

    @Test
    void withoutNeighboursOnlyWhatMatchesIsRanked() throws IOException {
        assertThat(ranked(config.ranking().withNeighbourReach(0))).containsExactly(LAW + "第五条");
    }

    @Test
    void neighboursNeverChangeTheFirstPage() throws IOException {
        LawFixture fixture = LawFixture.write(root.resolve("fixture"));
        KnowledgeConfig c = fixture.config().withIndexDir(root.resolve("fixture-index"))
                .withRanking(Ranking.DEFAULT.withSemantic(0));
        KnowledgeBases.index(c, p -> { }, true);
        String question = "劳动者什么情况下可以解除劳动合同";
        try (LuceneKnowledgeBase with = KnowledgeBases.openLucene(c);
                LuceneKnowledgeBase without = KnowledgeBases.openLucene(c.withRanking(c.ranking().withNeighbourReach(0)))) {
            List<String> withNeighbours = with.rankedArticleKeys(question, 25);
            List<String> withoutNeighbours = without.rankedArticleKeys(question, 25);

            assertThat(withoutNeighbours.size()).as("the question matches more than a page").isGreaterThan(10);
            assertThat(withNeighbours.subList(0, 10)).isEqualTo(withoutNeighbours.subList(0, 10));
            assertThat(withNeighbours).containsExactlyInAnyOrderElementsOf(withoutNeighbours);
        }
    }
}
