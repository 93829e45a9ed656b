package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.hotline.HotlineConfig;

/** The hotline section of the configuration: the shipped demo, defaults, and each mistake named by its key. */
class HotlineConfigTest {
    @TempDir
    Path dir;

    /** The smallest configuration, to which the hotline section is added. */
    private static final String BASE = "data: state\nknowledge:\n  sources: [docs]\n";

    private Path write(String hotline) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return Files.writeString(dir.resolve("w.yaml"), BASE + hotline);
    }

    private HotlineConfig load(String hotline) throws IOException {
        return AppConfig.load(write(hotline), "w.yaml", Optional.empty()).hotline();
    }

    private void assertRejected(String hotline, String... messageParts) throws IOException {
        Path file = write(hotline);
        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("w.yaml: ")
                .hasMessageContainingAll(messageParts);
    }

    @Test
    void theShippedConfigurationPutsTheDemoOperatorOnExtension8001WithTheDemoPbx() {
        HotlineConfig h = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty()).hotline();

        assertThat(h.operatorOf("8001")).hasValue("operator");
        assertThat(h.integrations()).extracting(HotlineConfig.Integration::name).containsExactly("demo-pbx");
        assertThat(h.timeZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(h.maxTextChars()).isEqualTo(HotlineConfig.DEFAULT_MAX_TEXT_CHARS);
    }

    @Test
    void withoutAHotlineSectionNoPbxMayReportCalls() throws IOException {
        assertThat(load("")).isEqualTo(HotlineConfig.DEFAULTS);
        assertThat(HotlineConfig.DEFAULTS.integrations()).isEmpty();
    }

    @Test
    void readsIntegrationsWithATokenOrTheVariableHoldingIt() throws IOException {
        HotlineConfig h = load("hotline:\n  integrations:\n    - {name: pbx-a, token: \"0123456789abcdef0\"}\n"
                + "    - {name: pbx-b, tokenVariable: PBX_B_TOKEN}\n  extensions: {op1: \"8001\", op2: \"8002#\"}\n"
                + "  timeZone: Asia/Urumqi\n  maxTextChars: 100\n");

        assertThat(h.integrations()).extracting(HotlineConfig.Integration::tokenVariable)
                .containsExactly(null, "PBX_B_TOKEN");
        assertThat(h.operatorOf("8002#")).hasValue("op2");
        assertThat(h.operatorOf("8003")).isEmpty();
        assertThat(h.timeZone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(h.maxTextChars()).isEqualTo(100);
        assertThat(h.integrations().get(0).toString()).doesNotContain("0123456789abcdef0");
    }

    @Test
    void eachMistakeIsNamedByItsKey() throws IOException {
        assertRejected("hotline:\n  integration: []\n", "unknown key hotline.integration", "integrations");
        assertRejected("hotline:\n  integrations:\n    - {name: pbx, token: short}\n",
                "hotline.integrations[0].token must be at least 16 characters");
        assertRejected("hotline:\n  integrations:\n    - {name: pbx}\n",
                "hotline.integrations[0].give either token or tokenVariable");
        assertRejected("hotline:\n  integrations:\n    - {name: pbx, token: \"0123456789abcdef0\", tokenVariable: X}\n",
                "hotline.integrations[0].give either token or tokenVariable");
        assertRejected("hotline:\n  integrations:\n    - {name: Big PBX, token: \"0123456789abcdef0\"}\n",
                "hotline.integrations[0].name must be");
        assertRejected("hotline:\n  integrations:\n    - {name: pbx, token: \"0123456789abcdef0\"}\n"
                + "    - {name: pbx, token: \"0123456789abcdef1\"}\n", "hotline.integrations[1].name 'pbx' is used twice");
        assertRejected("hotline:\n  extensions: {op1: \"8001\", op2: \"8001\"}\n", "hotline.extensions: 8001 is given to both");
        assertRejected("hotline:\n  extensions: {op1: \"80 01\"}\n", "hotline.extensions.op1 must be");
        assertRejected("hotline:\n  extensions: {op1: }\n", "hotline.extensions.op1 must be");
        assertRejected("hotline:\n  timeZone: Mars/Olympus\n", "hotline.timeZone must be a time zone");
        assertRejected("hotline:\n  maxTextChars: 0\n", "hotline.maxTextChars must be in [1,");
    }
}
