package dev.releasetrain.github;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps each installation's writes under GitHub's content-creation limit. A short wait is slept; a long one hands
 * the delivery back to the queue for later, so a worker is never parked for minutes.
 */
public abstract class WritePacing {
    static final long MAX_SLEEP_MILLIS = 5_000;
    protected final TokenBucket.Rate rate;

    protected WritePacing(int writesPerMinute) {
        this.rate = TokenBucket.Rate.perMinute(writesPerMinute);
    }

    /** Pacing kept in this process: right when one process owns the store. */
    public static WritePacing inMemory(int writesPerMinute) {
        return new WritePacing(writesPerMinute) {
            private final Map<Long, TokenBucket> buckets = new HashMap<>();

            @Override
            protected synchronized long take(long installation, long now) {
                TokenBucket.Taken taken = buckets.getOrDefault(installation, TokenBucket.full(rate, now)).take(rate, now);
                if (taken.waitMillis() <= MAX_SLEEP_MILLIS) {
                    buckets.put(installation, taken.after());
                }
                return taken.waitMillis();
            }
        };
    }

    /** Takes one write at {@code now} when it would wait no more than the longest sleep; returns the wait either way. */
    protected abstract long take(long installation, long now) throws IOException;

    public void acquire(long installation) throws IOException {
        long now = System.currentTimeMillis();
        long wait = take(installation, now);
        if (wait > MAX_SLEEP_MILLIS) {
            throw new RateLimitedException("write throttle: this installation's writes are paced", Instant.ofEpochMilli(now + wait));
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
