package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.Ranking;

class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheShippedConfigurationWithPathsRelativeToItsFolder() {
        Path root = RepoRoot.find();
        AppConfig c = AppConfig.load(root.resolve("config/wenzheng.yaml"), "config/wenzheng.yaml", Optional.empty());

        assertThat(c.dataDir()).isEqualTo(root.resolve("data"));
        assertThat(c.knowledge().sources()).containsExactly(root.resolve("config/knowledge/docs"));
        assertThat(c.knowledge().faqFiles()).containsExactly(root.resolve("config/knowledge/faq.yaml"));
        assertThat(c.knowledge().synonymsFile()).isEqualTo(root.resolve("config/synonyms.txt"));
        assertThat(c.knowledge().stopPhrasesFile()).isEqualTo(root.resolve("config/stopwords.txt"));

        KnowledgeConfig k = c.knowledgeConfig();
        assertThat(k.indexDir()).isEqualTo(root.resolve("data/index"));
        assertThat(k.answerThreshold()).isEqualTo(0.5);
        assertThat(k.maxQuestionChars()).isEqualTo(500);
        assertThat(k.maxResults()).isEqualTo(100);
        assertThat(k.ranking()).isEqualTo(Ranking.DEFAULT);
    }

    @Test
    void dataOverrideReplacesTheDataOfTheFile() throws IOException {
        Path file = write("data: ../elsewhere\nknowledge:\n  sources: [docs]\n");
        Path data = dir.resolve("override");

        assertThat(AppConfig.load(file, "w.yaml", Optional.of(data)).knowledgeConfig().indexDir())
                .isEqualTo(data.resolve("index"));
    }

    @Test
    void omittedOptionalKeysTakeTheEngineDefaults() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\n");

        AppConfig c = AppConfig.load(file, "w.yaml", Optional.empty());

        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.knowledge().sources()).containsExactly(dir.resolve("docs"));
        assertThat(c.knowledge().faqFiles()).isEmpty();
        assertThat(c.knowledge().synonymsFile()).isNull();
        assertThat(c.knowledge().answerThreshold()).isEqualTo(KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD);
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  answerTreshold: 0.6\n");

        assertThatThrownBy(() -> AppConfig.load(file, "config/wenzheng.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/wenzheng.yaml: unknown key knowledge.answerTreshold (line 4)")
                .hasMessageContaining("answerThreshold");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() throws IOException {
        Path file = write("data: state\nserver: {port: 8080}\nknowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: unknown key server");
    }

    @Test
    void rejectsAThresholdOutOfRange() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  answerThreshold: 1.5\n");

        assertThatThrownBy(() -> AppConfig.load(file, "config/wenzheng.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/wenzheng.yaml: knowledge.answerThreshold must be in [0,1], got 1.5");
    }

    @Test
    void rejectsAMissingSourceFolderNamingTheKeyAndFolder() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs, no-such-folder]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: knowledge.sources[1] names a folder that does not exist: "
                        + dir.resolve("no-such-folder"));
    }

    @Test
    void rejectsAMissingFaqFile() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  faq: [faq.yaml]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: knowledge.faq[0] names a file that does not exist");
    }

    @Test
    void rejectsAValueOfTheWrongType() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  maxResults: many\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: knowledge.maxResults must be a whole number, got 'many'");
    }

    @Test
    void rejectsMaxResultsBeyondTheEngineLimit() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  maxResults: 5000\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: knowledge.maxResults must be in [1,1000], got 5000");
    }

    @Test
    void rejectsAFileWithoutSources() throws IOException {
        Path file = write("data: state\nknowledge:\n  faq: []\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: knowledge.sources must list at least one document folder");
    }

    @Test
    void requiresADataFolderWhenNothingOverridesIt() throws IOException {
        Path file = write("knowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: data is missing");
    }

    @Test
    void reportsInvalidYamlWithItsLine() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: not valid YAML (line");
    }

    @Test
    void rejectsADuplicateKey() throws IOException {
        Path file = write("data: state\ndata: other\nknowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageContaining("data");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> AppConfig.load(dir.resolve("none.yaml"), "none.yaml", Optional.empty()))
                .hasMessage("none.yaml: configuration file not found");
    }

    private Path write(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return Files.writeString(dir.resolve("w.yaml"), yaml);
    }
}
