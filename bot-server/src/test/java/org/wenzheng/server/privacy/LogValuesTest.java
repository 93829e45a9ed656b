package org.wenzheng.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValuesTest {
    @Test
    void quotesAndMasksACitizensText() {
        assertThat(LogValues.citizenText("电话13812345678")).isEqualTo("\"电话138****5678\"");
    }

    @Test
    void aLineBreakCannotForgeALogLine() {
        assertThat(LogValues.citizenText("问题\nstatus=200 forged\r\"x\"\\\u0007"))
                .isEqualTo("\"问题\\nstatus=200 forged\\r\\\"x\\\"\\\\\\u0007\"");
    }

    @Test
    void nullIsAnEmptyQuotedValue() {
        assertThat(LogValues.citizenText(null)).isEqualTo("\"\"");
    }

    @Test
    void aSecretIdIsCutToItsFirstCharacters() {
        assertThat(LogValues.secret("Qx7vK2mZp9LwT4nR8sYd1aBcEfGhJkMn")).isEqualTo("Qx7vK2…");
        assertThat(LogValues.secret("short")).isEqualTo("…");
        assertThat(LogValues.secret(null)).isEqualTo("-");
    }
}
