package org.wenzheng.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgedTest {
    @TempDir
    Path dir;

    @Test
    void readsOneQuestionPerLineSkippingBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("test.jsonl"), """
                {"id": 7, "question": "房东不退押金怎么办", "relevant": ["民法典第七百零三条", "民法典第七百二十二条"]}

                {"question": "试用期工资最低多少", "relevant": ["劳动合同法第二十条"]}
                """);

        assertThat(Judged.read(file)).containsExactly(
                new Judged("7", "房东不退押金怎么办", List.of("民法典第七百零三条", "民法典第七百二十二条")),
                new Judged("3", "试用期工资最低多少", List.of("劳动合同法第二十条")));
    }

    @Test
    void namesFileAndLineOfInvalidJson() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), """
                {"question": "试用期工资最低多少", "relevant": ["劳动合同法第二十条"]}
                {"question": "离婚协议", "relevant": [
                """);

        assertThatThrownBy(() -> Judged.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ":2: ");
    }

    @Test
    void namesFileAndLineOfQuestionWithoutRelevantArticles() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), """
                {"question": "试用期工资最低多少", "relevant": ["劳动合同法第二十条"]}

                {"question": "离婚协议怎么写", "relevant": []}
                """);

        assertThatThrownBy(() -> Judged.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ":3: needs a non-empty 'question' and a non-empty 'relevant' list");
    }
}
