package org.wenzheng.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tokens given as environment variables are read when the console is built (at start), and a
 * missing one stops the start.
 */
class HotlineFeatureTest {
    private static final HotlineConfig FROM_VARIABLE = new HotlineConfig(List.of(
            new HotlineConfig.Integration("pbx", "0123456789abcdef0", null),
            new HotlineConfig.Integration("cti", null, "WENZHENG_CTI_TOKEN")), Map.of(),
            HotlineConfig.DEFAULT_TIME_ZONE, HotlineConfig.DEFAULT_MAX_TEXT_CHARS);

    @Test
    void aTokenVariableIsReadFromTheEnvironment() {
        Map<String, String> tokens = FROM_VARIABLE.tokens(name -> name.equals("WENZHENG_CTI_TOKEN")
                ? Optional.of(" fedcba9876543210x ") : Optional.empty());

        assertThat(tokens).containsExactly(Map.entry("pbx", "0123456789abcdef0"),
                Map.entry("cti", "fedcba9876543210x"));
    }

    @Test
    void anUnsetOrShortTokenVariableStopsTheStartNamingTheKey() {
        assertThatThrownBy(() -> FROM_VARIABLE.tokens(name -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hotline.integrations[1].tokenVariable: the environment variable WENZHENG_CTI_TOKEN"
                        + " is not set");
        assertThatThrownBy(() -> FROM_VARIABLE.tokens(name -> Optional.of("short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hotline.integrations[1].tokenVariable: the token in WENZHENG_CTI_TOKEN must be"
                        + " at least 16 characters");
    }
}
