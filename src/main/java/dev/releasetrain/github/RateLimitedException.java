package dev.releasetrain.github;

import java.io.IOException;
import java.time.Instant;

/**
 * GitHub asked us to wait (primary or secondary rate limit) longer than is worth holding a worker for. The
 * delivery is put back in the queue for {@link #retryAt()} instead of sleeping on a thread.
 */
public final class RateLimitedException extends IOException {
    private final Instant retryAt;

    public RateLimitedException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    public Instant retryAt() {
        return retryAt;
    }

    /** The rate limit somewhere in a chain of causes (a caller may have wrapped it). */
    public static java.util.Optional<RateLimitedException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RateLimitedException r) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
