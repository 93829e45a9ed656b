package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.admin.AdminConfig;

/** The {@code admin:} section: the uploads folder (a knowledge source) and the upload limit. */
class AdminConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return Files.writeString(dir.resolve("w.yaml"), "data: state\nknowledge:\n  sources: [docs]\n" + yaml);
    }

    @Test
    void theUploadsFolderIsInTheDataFolderAndTheLimitDefaultsWhenLeftOut() throws IOException {
        AppConfig c = AppConfig.load(write(""), "w.yaml", Optional.empty());

        assertThat(c.admin().uploadsDir()).isEqualTo(dir.resolve("state/uploads").toAbsolutePath().normalize());
        assertThat(c.admin().maxUploadBytes()).isEqualTo(AdminConfig.DEFAULT_MAX_UPLOAD_BYTES);
        AppConfig moved = AppConfig.load(write(""), "w.yaml", Optional.of(dir.resolve("elsewhere")));
        assertThat(moved.admin().uploadsDir()).isEqualTo(dir.resolve("elsewhere/uploads"));
    }

    @Test
    void theSectionIsReadWithTheFolderRelativeToTheDataFolder() throws IOException {
        AppConfig c = AppConfig.load(write("admin:\n  uploads: incoming/docs\n  maxUploadBytes: 1000\n"), "w.yaml",
                Optional.empty());

        assertThat(c.admin().uploadsDir()).isEqualTo(dir.resolve("state/incoming/docs").toAbsolutePath().normalize());
        assertThat(c.admin().maxUploadBytes()).isEqualTo(1000);
    }

    @Test
    void anUploadLimitOutOfRangeIsRejectedNamingTheKey() throws IOException {
        assertThatThrownBy(() -> AppConfig.load(write("admin:\n  maxUploadBytes: 0\n"), "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: admin.maxUploadBytes must be in [1,16777216], got 0");
        assertThatThrownBy(() -> AppConfig.load(write("admin:\n  uploadFolder: x\n"), "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key admin.uploadFolder");
    }

    @Test
    void theUploadsFolderIsAKnowledgeSourceOnceItExists() throws IOException {
        AppConfig c = AppConfig.load(write(""), "w.yaml", Optional.empty());
        assertThat(c.knowledgeConfig().sources()).containsExactly(dir.resolve("docs").toAbsolutePath().normalize());

        Files.createDirectories(c.admin().uploadsDir());

        assertThat(c.knowledgeConfig().sources()).containsExactly(dir.resolve("docs").toAbsolutePath().normalize(),
                c.admin().uploadsDir());
    }
}
