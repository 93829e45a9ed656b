package org.wenzheng.knowledge.index;

import org.wenzheng.knowledge.IndexProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;

/** The atomic on-disk index: generations, the CURRENT pointer, rebuilds only when sources change. */
class PassageIndexerTest {
    @TempDir
    Path dir;

    private Path sources;
    private Path indexDir;
    private final List<IndexProgress> progress = new ArrayList<>();

    @BeforeEach
    void writeSources() throws IOException {
        sources = Files.createDirectories(dir.resolve("docs"));
        indexDir = dir.resolve("index");
        Files.writeString(sources.resolve("停车管理办法.md"), """
                # 示例市停车管理办法

                第一条 为了规范本市停车管理，制定本办法。

                第二条 机动车应当在停车场或者道路停车泊位内停放。
                """);
        Files.writeString(sources.resolve("热线说明.txt"), """
                示例市便民热线说明

                一、拨打方式

                热线全天24小时有人工接听。
                """);
    }

    @Test
    void buildsAGenerationAndPublishesIt() throws Exception {
        IndexReport report = indexer().index(List.of(sources), false);

        assertThat(report.upToDate()).isFalse();
        assertThat(report.documents()).isEqualTo(2);
        assertThat(report.passages()).isEqualTo(3);
        assertThat(report.problems()).isEmpty();
        assertThat(report.generation()).isEqualTo(indexDir.resolve("gen-000001"));
        assertThat(Files.readString(indexDir.resolve(IndexLayout.CURRENT)).strip()).isEqualTo("gen-000001");
        assertThat(new IndexLayout(indexDir).current()).contains(report.generation());
        assertThat(generations()).containsExactly("gen-000001");
        assertThat(progress).last().satisfies(p -> {
            assertThat(p.documents()).isEqualTo(2);
            assertThat(p.totalDocuments()).isEqualTo(2);
            assertThat(p.passages()).isEqualTo(3);
        });
    }

    @Test
    void reportsUpToDateWhenNothingChanged() throws Exception {
        IndexReport first = indexer().index(List.of(sources), false);

        IndexReport second = indexer().index(List.of(sources), false);

        assertThat(second.upToDate()).isTrue();
        assertThat(second.generation()).isEqualTo(first.generation());
        assertThat(generations()).containsExactly("gen-000001");
    }

    @Test
    void rebuildsWhenForcedEvenIfNothingChanged() throws Exception {
        indexer().index(List.of(sources), false);

        IndexReport forced = indexer().index(List.of(sources), true);

        assertThat(forced.upToDate()).isFalse();
        assertThat(generations()).containsExactly("gen-000002");
    }

    @Test
    void rebuildsIntoANewGenerationWhenASourceChangesAndRemovesTheOld() throws Exception {
        indexer().index(List.of(sources), false);
        Path changed = sources.resolve("热线说明.txt");
        Files.writeString(changed, Files.readString(changed) + "\n二、办理时限\n\n咨询类事项3个工作日内答复。\n");
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(60)));

        IndexReport report = indexer().index(List.of(sources), false);

        assertThat(report.upToDate()).isFalse();
        assertThat(report.passages()).isEqualTo(4);
        assertThat(report.generation()).isEqualTo(indexDir.resolve("gen-000002"));
        assertThat(generations()).containsExactly("gen-000002");
        assertThat(Files.readString(indexDir.resolve(IndexLayout.CURRENT)).strip()).isEqualTo("gen-000002");
    }

    @Test
    void rebuildsWhenASidecarFileChanges() throws Exception {
        indexer().index(List.of(sources), false);
        Files.writeString(sources.resolve("停车管理办法.md.meta.yaml"), "issuer: 示例市人民政府\n");

        assertThat(indexer().index(List.of(sources), false).upToDate()).isFalse();
    }

    @Test
    void leftoverUnfinishedGenerationNeitherBreaksOpeningNorSurvivesTheNextBuild() throws Exception {
        KnowledgeConfig config = KnowledgeConfig.of(indexDir, List.of(sources), List.of(), null, null);
        KnowledgeBases.index(config, p -> { }, false);
        // What a build that crashed before publishing leaves behind: a generation CURRENT does not name.
        Path crashed = Files.createDirectories(indexDir.resolve("gen-000002"));
        Files.writeString(crashed.resolve("_0.cfs"), "half-written segment");

        try (KnowledgeBase kb = KnowledgeBases.open(config)) {
            assertThat(kb.stats().passages()).isEqualTo(3);
            assertThat(kb.search("停车泊位", 1)).isNotEmpty();
        }

        IndexReport rebuilt = KnowledgeBases.index(config, p -> { }, true);
        assertThat(rebuilt.generation()).isEqualTo(indexDir.resolve("gen-000003"));
        assertThat(generations()).containsExactly("gen-000003");
    }

    @Test
    void reportsSkippedFilesWithoutFailingTheBuild() throws Exception {
        Files.writeString(sources.resolve("空文件.md"), "");

        IndexReport report = indexer().index(List.of(sources), false);

        assertThat(report.documents()).isEqualTo(2);
        assertThat(report.problems()).containsExactly("docs/空文件.md: the file is empty");
    }

    @Test
    void refusesToOpenAFolderWithoutAnIndex() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-index"));
        KnowledgeConfig config = KnowledgeConfig.of(empty, List.of(sources), List.of(), null, null);

        assertThatThrownBy(() -> KnowledgeBases.open(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("wenzheng index");
    }

    @Test
    void refusesAPointerToAMissingGeneration() throws Exception {
        Files.createDirectories(indexDir);
        Files.writeString(indexDir.resolve(IndexLayout.CURRENT), "gen-000007\n");

        assertThatThrownBy(() -> new IndexLayout(indexDir).current())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gen-000007");
    }

    @Test
    void countsEachDocumentOnceHoweverManyThreadsIndexedIt() throws Exception {
        // Regression: with two indexing threads a document's passages were spread over segments and
        // stats() counted the document once per segment (5 documents reported as 6 to 10).
        for (int d = 1; d <= 12; d++) {
            StringBuilder law = new StringBuilder("# 示例市第" + d + "号管理规定\n\n");
            for (int a = 1; a <= 30; a++) {
                law.append("第").append(a).append("条 本规定第").append(d).append("号的第").append(a).append("条内容。\n\n");
            }
            Files.writeString(sources.resolve("规定" + d + ".md"), law);
        }
        KnowledgeConfig config = KnowledgeConfig.of(indexDir, List.of(sources), List.of(), null, null);
        KnowledgeBases.index(config, p -> { }, false);

        try (KnowledgeBase kb = KnowledgeBases.open(config)) {
            assertThat(kb.stats().documents()).isEqualTo(14);
            assertThat(kb.stats().passages()).isEqualTo(12 * 30 + 3);
        }
    }

    private PassageIndexer indexer() {
        return new PassageIndexer(indexDir, progress::add);
    }

    private List<String> generations() throws IOException {
        try (Stream<Path> s = Files.list(indexDir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
