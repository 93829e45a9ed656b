package org.wenzheng.knowledge;

import org.wenzheng.knowledge.engine.KnowledgeBases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KnowledgeBase#explain}: every signal's part in each hit's score, over the {@link LawFixture}. */
class ExplanationTest {
    /** The signals in the order the second stage adds them. */
    private static final List<String> SIGNALS = List.of("text", "lawMention", "history", "expansion", "lawVotes",
            "chapterVotes", "lawPrior", "namedArticle", "semantic", "meaningVotes");

    @TempDir
    static Path dir;

    private static LawFixture fixture;

    private KnowledgeBase kb;

    @BeforeAll
    static void buildIndex() throws Exception {
        fixture = LawFixture.write(dir);
        KnowledgeBases.index(fixture.config(), p -> { }, false);
    }

    @BeforeEach
    void open() throws Exception {
        kb = KnowledgeBases.open(fixture.config());
    }

    @AfterEach
    void close() throws Exception {
        kb.close();
    }

    @Test
    void explainsTheHitsOfTheSearchInItsOrder() {
        String query = "劳动者什么情况下可以解除劳动合同";

        List<Explanation> explained = kb.explain(query, 20);

        assertThat(explained).extracting(Explanation::hit).isEqualTo(kb.search(query, 20));
    }

    @Test
    void everySignalsContributionIsItsRawValueTimesItsWeightAndTheySumToTheScore() {
        List<Explanation> explained = kb.explain("劳动者什么情况下可以解除劳动合同", 20);

        assertThat(explained).hasSizeGreaterThan(10);
        for (Explanation e : explained) {
            assertThat(e.contributions()).extracting(Explanation.Contribution::signal).containsExactlyElementsOf(SIGNALS);
            double sum = 0;
            for (Explanation.Contribution c : e.contributions()) {
                assertThat(c.contribution()).as(c.signal()).isEqualTo(c.weight() * c.raw());
                sum += c.contribution();
            }
            assertThat(e.total()).isEqualTo(sum).isEqualTo(e.hit().score());
        }
        Explanation.Contribution text = explained.get(0).contributions().get(0);
        assertThat(text.weight()).isEqualTo(1.0);
        assertThat(text.detail()).startsWith("BM25 ");
        Explanation.Contribution semantic = explained.get(0).contributions().get(8);
        assertThat(semantic.weight()).isEqualTo(Ranking.DEFAULT.semantic());
        assertThat(semantic.detail()).startsWith("余弦相似度 ");
        assertThat(explained.get(0).order()).isEqualTo("按总分排序（条文的第一页：前 10 条）");
        assertThat(explained.get(explained.size() - 1).order()).startsWith("第一页之后");
    }

    @Test
    void anArticleNamedInTheQuestionOwesItsPlaceToTheNamedArticleBoost() {
        Explanation top = kb.explain("劳动合同法第三十九条怎么规定的", 5).get(0);

        assertThat(top.hit().citation().articleKey()).isEqualTo("劳动合同法第三十九条");
        Explanation.Contribution named = contribution(top, "namedArticle");
        assertThat(named.raw()).isEqualTo(1.0);
        assertThat(named.contribution()).isEqualTo(10.0);
        assertThat(named.detail()).isEqualTo("问题点名了本条");
        Explanation.Contribution law = contribution(top, "lawMention");
        assertThat(law.raw()).isEqualTo(1.0);
        assertThat(law.weight()).isEqualTo(Ranking.DEFAULT.lawMention());
        assertThat(law.detail()).isEqualTo("问题提到劳动合同法");
    }

    @Test
    void anAnsweredQuestionShowsAsTheHistoryAndPriorOfItsArticle() {
        String question = "公司没给我交社保我能走人吗";
        kb.learn(List.of(new AnsweredQuestion(question, List.of("劳动合同法第三十八条"))));

        Explanation thirtyEight = kb.explain(question, 10).stream()
                .filter(e -> e.hit().citation().articleKey().equals("劳动合同法第三十八条")).findFirst().orElseThrow();

        assertThat(contribution(thirtyEight, "history").raw()).isPositive();
        assertThat(contribution(thirtyEight, "history").detail()).startsWith("相似的已答问题由本条答复");
        assertThat(contribution(thirtyEight, "lawPrior").raw()).isCloseTo(1.0, within(1e-12));
        assertThat(contribution(thirtyEight, "lawPrior").detail()).isEqualTo("劳动合同法答复过 1 个问题，最多的法 1 个");
    }

    @Test
    void anFaqHitIsExplainedByItsSimilarity() {
        kb.putFaq(List.of(new FaqEntry("faq-fee", "申请劳动仲裁要交费吗？", List.of(), "不收费。", List.of(), "")));

        Explanation faq = kb.explain("申请劳动仲裁要交费吗", 5).get(0);

        assertThat(faq.hit().kind()).isEqualTo(SearchHit.Kind.FAQ);
        assertThat(faq.contributions()).singleElement().satisfies(c -> {
            assertThat(c.signal()).isEqualTo("faqSimilarity");
            assertThat(c.contribution()).isEqualTo(faq.hit().score()).isEqualTo(faq.total());
        });
        assertThat(faq.order()).startsWith("常见问题");
    }

    @Test
    void rejectsWhatSearchRejects() {
        assertThatThrownBy(() -> kb.explain(" ", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the question is empty");
        assertThatThrownBy(() -> kb.explain("工资", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Explanation.Contribution contribution(Explanation e, String signal) {
        return e.contributions().stream().filter(c -> c.signal().equals(signal)).findFirst().orElseThrow();
    }
}
