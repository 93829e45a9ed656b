package org.wenzheng.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.FaqEntry;

class FaqLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEntriesWithOptionalFields() throws Exception {
        Path file = Files.writeString(dir.resolve("faq.yaml"), """
                # 示例常见问题
                - id: faq-fees
                  question: 申请政府信息公开要收费吗？
                  alternatives:
                    - 要政府文件要不要交钱
                  answer: >-
                    一般不收费。
                  sources:
                    - 《中华人民共和国政府信息公开条例》第四十二条
                  department: 政务公开办
                - id: faq-hotline
                  question: 12345热线什么时间能打通？
                  answer: 全天24小时。
                """);

        assertThat(FaqLoader.read(file)).containsExactly(
                new FaqEntry("faq-fees", "申请政府信息公开要收费吗？", List.of("要政府文件要不要交钱"), "一般不收费。",
                        List.of("《中华人民共和国政府信息公开条例》第四十二条"), "政务公开办"),
                new FaqEntry("faq-hotline", "12345热线什么时间能打通？", List.of(), "全天24小时。", List.of(), ""));
    }

    @Test
    void readsAnEmptyFileAsNoEntries() throws Exception {
        assertThat(FaqLoader.read(Files.writeString(dir.resolve("faq.yaml"), "# 暂无\n"))).isEmpty();
    }

    @Test
    void rejectsUnknownFieldNamingFileAndEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("faq.yaml"), """
                - id: a
                  question: 问题一？
                  answer: 答案一。
                - id: b
                  question: 问题二？
                  anwser: 拼错的字段。
                """);

        assertThatThrownBy(() -> FaqLoader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": entry 2: unknown field 'anwser'");
    }

    @Test
    void rejectsMissingAnswerNamingTheEntry() throws Exception {
        Path file = Files.writeString(dir.resolve("faq.yaml"), "- id: a\n  question: 问题一？\n");

        assertThatThrownBy(() -> FaqLoader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": entry 1 (a): field 'answer' is required and must be text");
    }

    @Test
    void rejectsDuplicateIds() throws Exception {
        Path file = Files.writeString(dir.resolve("faq.yaml"), """
                - {id: a, question: 问题一？, answer: 答案一。}
                - {id: a, question: 问题二？, answer: 答案二。}
                """);

        assertThatThrownBy(() -> FaqLoader.read(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": entry 2: duplicate id 'a'");
    }
}
