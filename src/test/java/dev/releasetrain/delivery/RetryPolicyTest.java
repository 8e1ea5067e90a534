package dev.releasetrain.delivery;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    @Test
    void backsOffExponentiallyWithJitterUpToACapThenGivesUp() {
        RetryPolicy p = new RetryPolicy(5, 1_000, 6_000);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            long first = p.nextAttemptAt(1, 0, random).getAsLong();
            assertTrue(first >= 500 && first <= 1_000, "attempt 1 waits 0.5–1 s, not " + first);
            long third = p.nextAttemptAt(3, 0, random).getAsLong();
            assertTrue(third >= 2_000 && third <= 4_000, "attempt 3 waits 2–4 s, not " + third);
            long capped = p.nextAttemptAt(4, 0, random).getAsLong();
            assertTrue(capped <= 6_000, "the cap holds: " + capped);
        }
        assertTrue(p.nextAttemptAt(5, 0, random).isEmpty(), "the fifth failure is the last");
    }
}
