package dev.releasetrain.delivery;

import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of base·2^(n-1), capped, so that
 * deliveries failing together do not come back together.
 */
public record RetryPolicy(int maxAttempts, long baseMillis, long capMillis) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, 2_000, 15 * 60_000);

    /** When attempt {@code attempts} (1-based, just failed) should be followed by another, or empty if it was the last. */
    public OptionalLong nextAttemptAt(int attempts, long now, RandomGenerator random) {
        if (attempts >= maxAttempts) {
            return OptionalLong.empty();
        }
        long ceiling = Math.min(capMillis, baseMillis << Math.min(attempts - 1, 30));
        long wait = ceiling / 2 + random.nextLong(ceiling / 2 + 1);
        return OptionalLong.of(now + wait);
    }
}
