package org.wenzheng.app.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatDriverOptionsTest {

    @Test
    void onlyTheUrlIsNeededAndTheOriginIsTheServersOwnPage() {
        ChatDriver.Options o = ChatDriver.Options.parse(List.of("--url", "ws://127.0.0.1:8080/ws/chat"));

        assertThat(o.url()).isEqualTo(URI.create("ws://127.0.0.1:8080/ws/chat"));
        assertThat(o.origin()).isEqualTo("http://127.0.0.1:8080");
        assertThat(o.connections()).isEqualTo(2000);
        assertThat(o.question()).isEqualTo("你好");
        assertThat(o.concurrency()).isEqualTo(ChatDriver.Options.DEFAULT_CONCURRENCY);
        assertThat(o.hold()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void everyOptionCanBeGiven() {
        ChatDriver.Options o = ChatDriver.Options.parse(List.of("--url", "wss://wenzheng.example.gov.cn/ws/chat",
                "--connections", "300", "--origin", "https://page.example.gov.cn", "--question", "如何申请低保",
                "--concurrency", "10", "--hold", "0", "--timeout", "5"));

        assertThat(o.connections()).isEqualTo(300);
        assertThat(o.origin()).isEqualTo("https://page.example.gov.cn");
        assertThat(o.question()).isEqualTo("如何申请低保");
        assertThat(o.concurrency()).isEqualTo(10);
        assertThat(o.hold()).isZero();
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSecureChatGetsAnHttpsOriginWithoutDefaultPort() {
        assertThat(ChatDriver.Options.parse(List.of("--url", "wss://wenzheng.example.gov.cn/ws/chat")).origin())
                .isEqualTo("https://wenzheng.example.gov.cn");
    }

    @Test
    void theUrlIsRequiredAndMustBeAWebSocketAddress() {
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--connections", "5")))
                .hasMessage("--url is required");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", "http://127.0.0.1:8080/ws/chat")))
                .hasMessageStartingWith("--url must be a ws:// or wss:// address");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", "ws://bad host/")))
                .hasMessageStartingWith("--url is not an address");
    }

    @Test
    void badValuesAreRefusedNamingTheirOption() {
        String url = "ws://127.0.0.1:8080/ws/chat";
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--connections", "0")))
                .hasMessage("--connections must be at least 1, got 0");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--connections", "many")))
                .hasMessage("--connections must be a whole number, got 'many'");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--concurrency", "0")))
                .hasMessage("--concurrency must be at least 1, got 0");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--hold", "-1")))
                .hasMessage("--hold must not be negative, got -1");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--timeout", "0")))
                .hasMessage("--timeout must be at least 1, got 0");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--question", " ")))
                .hasMessage("--question must not be empty");
    }

    @Test
    void unknownMissingAndRepeatedOptionsAreRefused() {
        String url = "ws://127.0.0.1:8080/ws/chat";
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--conections", "5")))
                .hasMessage("unknown option --conections");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--hold")))
                .hasMessage("--hold needs a value");
        assertThatThrownBy(() -> ChatDriver.Options.parse(List.of("--url", url, "--url", url)))
                .hasMessage("--url is given twice");
    }
}
