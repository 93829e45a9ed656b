package org.wenzheng.knowledge.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.LawFixture;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.index.IndexLayout;
import org.wenzheng.knowledge.IndexProgress;

/** The semantic stage with the real model over the law fixture. */
class SemanticSearchTest {
    @TempDir
    static Path root;
    static LawFixture fixture;

    @BeforeAll
    static void writeFixture() throws IOException {
        fixture = LawFixture.write(root);
    }

    private static KnowledgeConfig config(String index, double semantic) {
        // Each test its own folder: the embedding cache is a sibling of the index folder.
        return fixture.config().withIndexDir(root.resolve(index).resolve("index")).withRanking(Ranking.DEFAULT.withSemantic(semantic));
    }

    private static int rankOf(KnowledgeBase kb, String query, String title, String article) {
        List<SearchHit> hits = kb.search(query, 20);
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).citation().title().equals(title) && hits.get(i).citation().article().equals(article)) {
                return i + 1;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void meaningLiftsTheArticleThatAnswersALayQuestionInOtherWords() throws IOException {
        // 拖欠薪水 / 走人: the article says 未及时足额支付劳动报酬 / 解除劳动合同; only 劳动者 is shared.
        String question = "老板一直拖着不发薪水，劳动者能直接走人吗";
        try (KnowledgeBase words = LawFixture.open(config("index-words", 0));
                KnowledgeBase meaning = LawFixture.open(config("index-meaning", Ranking.DEFAULT.semantic()))) {
            int withoutMeaning = rankOf(words, question, LawFixture.LABOUR_TITLE, "第三十八条");
            int withMeaning = rankOf(meaning, question, LawFixture.LABOUR_TITLE, "第三十八条");

            assertThat(withMeaning).as("rank with meaning, %d without", withoutMeaning).isLessThan(withoutMeaning)
                    .isLessThanOrEqualTo(3);
        }
    }

    @Test
    void anAnsweredQuestionVotesForItsArticleWhenALaterOneMeansTheSameInOtherWords() throws IOException {
        // An officer answered with the article on giving notice (第三十七条); a later question in
        // other words (no informative word in common with the answered one) moves that article
        // up against its neighbour (第三十八条) more with the votes of meaning than by words alone.
        String later = "单位老是不按时给钱，劳动者可以不干了吗";
        List<AnsweredQuestion> answered = List.of(new AnsweredQuestion("公司拖欠工资好几个月，我能辞职吗",
                List.of("劳动合同法第三十七条")));

        double byWords = gainFromLearning("index-votes-words", 0, later, answered);
        double byMeaning = gainFromLearning("index-votes-meaning", Ranking.DEFAULT.semantic(), later, answered);

        assertThat(byMeaning).as("gain with meaning, %f by words alone", byWords).isGreaterThan(byWords + 0.01);
    }

    /** How much learning raises 第三十七条's score against 第三十八条's for the question. */
    private static double gainFromLearning(String index, double semantic, String question,
            List<AnsweredQuestion> answered) throws IOException {
        try (KnowledgeBase before = LawFixture.open(config(index, semantic));
                KnowledgeBase after = LawFixture.open(config(index, semantic))) {
            after.learn(answered);
            return margin(after, question) - margin(before, question);
        }
    }

    private static double margin(KnowledgeBase kb, String question) {
        double s37 = 0;
        double s38 = 0;
        for (SearchHit h : kb.search(question, 20)) {
            if (h.citation().title().equals(LawFixture.LABOUR_TITLE)) {
                s37 = h.citation().article().equals("第三十七条") ? h.score() : s37;
                s38 = h.citation().article().equals("第三十八条") ? h.score() : s38;
            }
        }
        return s37 - s38;
    }

    @Test
    void vectorsAreWrittenOnlyForPassagesInForceAndARebuildTakesThemFromTheCache() throws IOException {
        KnowledgeConfig c = config("index-cache", Ranking.DEFAULT.semantic());
        List<IndexProgress> first = new ArrayList<>();
        List<IndexProgress> second = new ArrayList<>();

        KnowledgeBases.index(c, first::add, true);
        KnowledgeBases.index(c, second::add, true);

        IndexProgress firstDone = last(first);
        IndexProgress secondDone = last(second);
        // 25 passages in force; the 2019 version of the rental rule (4 passages) is superseded.
        assertThat(firstDone.totalDocuments()).isEqualTo(firstDone.documents()).isEqualTo(25);
        assertThat(firstDone.passages()).as("embedded on the first build").isEqualTo(25);
        assertThat(secondDone.documents()).isEqualTo(25);
        assertThat(secondDone.passages()).as("embedded again on the rebuild").isZero();
        Path gen = new IndexLayout(c.indexDir()).current().orElseThrow();
        assertThat(PassageVectors.exists(gen, BgeSmallZh.shared())).isTrue();
        assertThat(Files.size(gen.resolve(PassageVectors.FILE))).isGreaterThan(25L * 512);
    }

    @Test
    void anIndexBuiltWithoutVectorsGetsThemWhenMeaningIsSwitchedOnWithoutAFullRebuild() throws IOException {
        KnowledgeBases.index(config("index-later", 0), p -> { }, false);
        Path gen = new IndexLayout(root.resolve("index-later").resolve("index")).current().orElseThrow();
        assertThat(PassageVectors.exists(gen, BgeSmallZh.shared())).isFalse();

        KnowledgeBases.index(config("index-later", Ranking.DEFAULT.semantic()), p -> { }, false);

        assertThat(new IndexLayout(root.resolve("index-later").resolve("index")).current()).contains(gen);
        assertThat(PassageVectors.exists(gen, BgeSmallZh.shared())).isTrue();
    }

    private static IndexProgress last(List<IndexProgress> events) {
        return events.stream().filter(p -> p.stage() == IndexProgress.Stage.SEMANTIC)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no semantic progress reported"));
    }
}
