package org.wenzheng.server.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void startsFullAndRefusesOnceEmptySayingHowLongToWait() {
        TokenBucket b = new TokenBucket(60, 2, 0);

        assertThat(b.tryTake(0)).isZero();
        assertThat(b.tryTake(0)).isZero();
        assertThat(b.tryTake(0)).isEqualTo(SECOND);
        assertThat(b.tryTake(SECOND / 4)).isEqualTo(3 * SECOND / 4);
    }

    @Test
    void refillsContinuouslyUpToTheBurst() {
        TokenBucket b = new TokenBucket(60, 2, 0);
        b.tryTake(0);
        b.tryTake(0);

        assertThat(b.tryTake(SECOND)).isZero();
        assertThat(b.tryTake(SECOND)).isPositive();
        assertThat(b.tryTake(100 * SECOND)).isZero();
        assertThat(b.tryTake(100 * SECOND)).isZero();
        assertThat(b.tryTake(100 * SECOND)).isPositive();
    }

    @Test
    void aRefusedRequestTakesNothing() {
        TokenBucket b = new TokenBucket(60, 1, 0);
        b.tryTake(0);
        for (int i = 0; i < 10; i++) {
            b.tryTake(SECOND / 2);
        }
        assertThat(b.tryTake(SECOND)).isZero();
    }

    @Test
    void refillTimeIsTheTimeToFillAnEmptyBucket() {
        assertThat(TokenBucket.refillNanos(120, 20)).isEqualTo(10 * SECOND);
    }
}
