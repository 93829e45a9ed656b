package org.wenzheng.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentStatus;

/** Reading whole source folders: problems are collected, versions are resolved. */
class CorpusTest {
    @TempDir
    Path root;

    @Test
    void skipsBrokenFilesAndNamesThemWhileOtherFilesLoad() throws Exception {
        write("good.md", "# 示例市停车管理办法\n\n## 一、总则\n\n本办法适用于本市道路停车管理。\n");
        write("empty.md", "");
        write("untitled.md", "没有标题行的正文。\n");
        write("blank.html", "<html><head><title></title></head><body></body></html>");
        write("bad-key.md", "---\nauthor: 张三\n---\n# 示例通知\n\n正文。\n");

        Corpus corpus = Corpus.read(List.of(root));

        String folder = root.getFileName().toString();
        assertThat(corpus.documents()).extracting(Document::title).containsExactly("示例市停车管理办法");
        assertThat(corpus.problems()).containsExactly(
                folder + "/bad-key.md:2: unknown metadata key 'author' (expected one of category, date, docNumber, issuer, status, url)",
                folder + "/blank.html: no page body found (no <body> text)",
                folder + "/empty.md: the file is empty",
                folder + "/untitled.md:1: expected a title line starting with '# '");
    }

    @Test
    void skipsFolderIndexFiles() throws Exception {
        write("民法典/_index.md", "---\nbookCollapseSection: true\n---\n");
        write("民法典/总则编.md", "# 中华人民共和国民法典\n\n# 总则编\n\n<!-- INFO END -->\n\n"
                + "第一条 为了保护民事主体的合法权益，制定本法。\n\n第二条 民法调整平等主体之间的关系。\n");

        Corpus corpus = Corpus.read(List.of(root));

        assertThat(corpus.problems()).isEmpty();
        assertThat(corpus.documents()).extracting(Document::source)
                .containsExactly(root.getFileName() + "/民法典/总则编.md");
        assertThat(corpus.passageCount()).isEqualTo(2);
    }

    @Test
    void marksOlderVersionAmendedAndNewestInForce() throws Exception {
        write("停车管理办法(2018-01-01).md", "# 示例市停车管理办法\n\n第一条 旧的第一条。\n\n第二条 旧的第二条。\n");
        write("停车管理办法(2022-07-01).md", "# 示例市停车管理办法\n\n第一条 新的第一条。\n\n第二条 新的第二条。\n");

        Map<String, DocumentStatus> status = statusBySource(Corpus.read(List.of(root)));

        assertThat(status).containsExactlyInAnyOrderEntriesOf(Map.of(
                "停车管理办法(2018-01-01).md", DocumentStatus.AMENDED,
                "停车管理办法(2022-07-01).md", DocumentStatus.IN_FORCE));
    }

    @Test
    void keepsExplicitlyRepealedDocumentRepealed() throws Exception {
        write("收费办法.md", "---\nstatus: 已废止\n---\n# 示例市占道停车收费办法\n\n## 一、收费标准\n\n每小时五元。\n");
        write("停车管理办法(2022-07-01).md", "# 示例市停车管理办法\n\n第一条 新的第一条。\n\n第二条 新的第二条。\n");

        Map<String, DocumentStatus> status = statusBySource(Corpus.read(List.of(root)));

        assertThat(status).containsEntry("收费办法.md", DocumentStatus.REPEALED)
                .containsEntry("停车管理办法(2022-07-01).md", DocumentStatus.IN_FORCE);
    }

    @Test
    void doesNotTreatAnExplicitlyAmendedNewerFileAsTheVersionInForce() throws Exception {
        write("规则(2020-01-01).md", "# 示例市停车规则\n\n第一条 第一版。\n\n第二条 第一版。\n");
        write("规则(2023-01-01).md", "---\nstatus: 已修订\n---\n# 示例市停车规则\n\n第一条 第二版。\n\n第二条 第二版。\n");

        Map<String, DocumentStatus> status = statusBySource(Corpus.read(List.of(root)));

        assertThat(status).containsEntry("规则(2020-01-01).md", DocumentStatus.IN_FORCE)
                .containsEntry("规则(2023-01-01).md", DocumentStatus.AMENDED);
    }

    @Test
    void civilCodePartsSharingATitleAreNotVersionsOfEachOther() throws Exception {
        write("民法典/合同编.md", "# 中华人民共和国民法典\n\n# 合同编\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n"
                + "第四百六十三条 本编调整因合同产生的民事关系。\n\n第四百六十五条 依法成立的合同，受法律保护。\n");
        write("民法典/继承编.md", "# 中华人民共和国民法典\n\n# 继承编\n\n2020年5月28日 通过\n\n<!-- INFO END -->\n\n"
                + "第一千一百一十九条 本编调整因继承产生的民事关系。\n\n第一千一百二十条 国家保护自然人的继承权。\n");

        Corpus corpus = Corpus.read(List.of(root));

        assertThat(corpus.documents()).hasSize(2).allSatisfy(d -> {
            assertThat(d.title()).isEqualTo("中华人民共和国民法典");
            assertThat(d.metadata().status()).isEqualTo(DocumentStatus.IN_FORCE);
        });
        assertThat(corpus.documents()).extracting(d -> d.passages().get(0).chapter())
                .containsExactly("合同编", "继承编");
    }

    @Test
    void rejectsMissingSourceFolder() {
        Path missing = root.resolve("不存在");

        assertThatThrownBy(() -> Corpus.read(List.of(missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source folder does not exist: " + missing);
    }

    @Test
    void givesStableDocumentIdsFromTheSourcePath() throws Exception {
        write("a/通知.md", "# 示例通知\n\n请按时报送。\n");

        String first = Corpus.read(List.of(root)).documents().get(0).id();
        String again = Corpus.read(List.of(root)).documents().get(0).id();

        assertThat(first).isEqualTo(again).hasSize(12).matches("[0-9a-f]{12}");
    }

    private static Map<String, DocumentStatus> statusBySource(Corpus corpus) {
        return corpus.documents().stream().collect(Collectors.toMap(
                d -> d.source().substring(d.source().indexOf('/') + 1), d -> d.metadata().status()));
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
