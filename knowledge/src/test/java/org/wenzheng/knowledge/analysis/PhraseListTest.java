package org.wenzheng.knowledge.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseListTest {
    @TempDir
    Path dir;

    @Test
    void mapsEveryColloquialPhraseToItsOfficialTerms() throws Exception {
        Path file = Files.writeString(dir.resolve("synonyms.txt"), """
                # 家庭
                老公,丈夫 => 配偶

                房东 => 出租人
                辞退，开除 => 解除劳动合同, 用人单位
                """);

        Map<String, List<String>> synonyms = PhraseList.readSynonyms(file);

        assertThat(synonyms).containsExactly(
                Map.entry("老公", List.of("配偶")),
                Map.entry("丈夫", List.of("配偶")),
                Map.entry("房东", List.of("出租人")),
                Map.entry("辞退", List.of("解除劳动合同", "用人单位")),
                Map.entry("开除", List.of("解除劳动合同", "用人单位")));
    }

    @Test
    void mergesOfficialTermsOfAPhraseListedTwice() throws Exception {
        Path file = Files.writeString(dir.resolve("synonyms.txt"), "老公 => 配偶\n老公 => 丈夫\n");

        assertThat(PhraseList.readSynonyms(file)).containsExactly(Map.entry("老公", List.of("配偶", "丈夫")));
    }

    @Test
    void normalizesPhrasesLikeTheTextTheyMatch() throws Exception {
        Path file = Files.writeString(dir.resolve("synonyms.txt"), "房東 => 出租人\n");

        assertThat(PhraseList.readSynonyms(file)).containsOnlyKeys("房东");
    }

    @Test
    void rejectsSynonymLineWithoutArrowNamingFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("synonyms.txt"), "# 注释\n老公,丈夫 => 配偶\n房东 出租人\n");

        assertThatThrownBy(() -> PhraseList.readSynonyms(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":3: ")
                .hasMessageContaining("房东 出租人");
    }

    @Test
    void rejectsSynonymLineWithAnEmptySide() throws Exception {
        Path file = Files.writeString(dir.resolve("synonyms.txt"), "老公 =>\n");

        assertThatThrownBy(() -> PhraseList.readSynonyms(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":1: both sides of '=>' need a phrase");
    }

    @Test
    void sortsStopPhrasesLongestFirstAndSkipsComments() throws Exception {
        Path file = Files.writeString(dir.resolve("stopwords.txt"), """
                # 语气词
                吗
                请问
                怎么

                怎么办理
                怎么办
                """);

        assertThat(PhraseList.readStopPhrases(file)).containsExactly("怎么办理", "怎么办", "怎么", "请问", "吗");
    }

    @Test
    void rejectsStopPhraseLineHoldingTwoPhrases() throws Exception {
        Path file = Files.writeString(dir.resolve("stopwords.txt"), "请问\n请问 你好\n");

        assertThatThrownBy(() -> PhraseList.readStopPhrases(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ":2: a stop phrase is one phrase per line");
    }
}
