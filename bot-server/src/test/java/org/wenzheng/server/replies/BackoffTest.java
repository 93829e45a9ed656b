package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), 2.0);

    @Test
    void theWaitGrowsByTheFactorUpToTheCap() {
        assertThat(backoff.delay(1, 0.999_999)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(2, 0.999_999)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delay(4, 0.999_999)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delay(5, 0.999_999)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(10_000, 0.999_999)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterTakesBetweenHalfAndAllOfTheWait() {
        assertThat(backoff.delay(2, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(2, 0.5)).isEqualTo(Duration.ofMillis(7500));
        assertThat(backoff.delay(100, 0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2))
                .hasMessageStartingWith("initialBackoffSeconds must be positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(1), 2))
                .hasMessageStartingWith("maxBackoffSeconds must be at least");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .hasMessageStartingWith("backoffFactor must be");
    }
}
