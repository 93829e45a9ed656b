package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatConfigTest {
    @Test
    void originsAreKeptAsBrowsersSendThem() {
        assertThat(ChatConfig.DEFAULTS.withAllowedOrigins(List.of("HTTPS://Wenzheng.Example.gov.cn/",
                "http://127.0.0.1:8080")).allowedOrigins())
                .containsExactly("https://wenzheng.example.gov.cn", "http://127.0.0.1:8080");
    }

    @Test
    void anOriginWithAPathOrAnotherSchemeIsRejectedByName() {
        for (String bad : List.of("https://example.org/chat", "ws://example.org", "example.org", "https://")) {
            assertThatThrownBy(() -> ChatConfig.DEFAULTS.withAllowedOrigins(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedOrigins");
        }
    }

    @Test
    void limitsOutOfRangeAreRejectedByName() {
        assertThatThrownBy(() -> ChatConfig.DEFAULTS.withSizes(0, 16)).hasMessageStartingWith("maxFrameBytes");
        assertThatThrownBy(() -> ChatConfig.DEFAULTS.withSizes(1024, 512)).hasMessageStartingWith("maxMessageBytes");
        assertThatThrownBy(() -> ChatConfig.DEFAULTS.withIdleTimeout(Duration.ZERO))
                .hasMessageStartingWith("idleTimeout");
    }
}
