package dev.releasetrain.github;

import java.time.Instant;

/**
 * Keeps one installation's writes under GitHub's content-creation limit: a token bucket refilled at
 * {@code perMinute}, with a small burst. A short wait is slept here; a long one reschedules the delivery.
 */
public final class WriteThrottle {
    private static final long MAX_SLEEP_MILLIS = 5_000;
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long updatedAt;

    public WriteThrottle(int perMinute) {
        this.perMilli = perMinute / 60_000.0;
        this.burst = Math.max(1, Math.min(20, perMinute / 4.0));
        this.tokens = burst;
        this.updatedAt = System.currentTimeMillis();
    }

    public void acquire() throws RateLimitedException {
        long wait;
        synchronized (this) {
            long now = System.currentTimeMillis();
            tokens = Math.min(burst, tokens + (now - updatedAt) * perMilli);
            updatedAt = now;
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perMilli);
            if (wait > MAX_SLEEP_MILLIS) {
                tokens += 1; // not taken after all
                throw new RateLimitedException("write throttle: this installation's writes are paced", Instant.ofEpochMilli(now + wait));
            }
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
