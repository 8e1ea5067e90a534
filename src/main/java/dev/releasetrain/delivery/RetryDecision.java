package dev.releasetrain.delivery;

import dev.releasetrain.github.RateLimitedException;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * What becomes of a delivery whose attempt failed, decided apart from the store: GitHub's rate limit hands it back
 * untouched until the limit resets (not a failed attempt); anything else is retried with backoff while attempts
 * remain, and is dead after the last.
 */
public sealed interface RetryDecision {
    /** Back to the queue at {@code at}, the attempt not counted. */
    record HandBack(long at, String reason) implements RetryDecision {
    }

    /** A failed attempt, tried again at {@code at}. */
    record Retry(long at) implements RetryDecision {
    }

    /** The last attempt failed: kept for a person to look at. */
    record Dead() implements RetryDecision {
    }

    static RetryDecision after(Exception failure, int attempts, long now, RetryPolicy policy, RandomGenerator random) {
        Optional<RateLimitedException> limited = RateLimitedException.in(failure);
        if (limited.isPresent()) {
            return new HandBack(Math.max(now, limited.get().retryAt().toEpochMilli()), describe(limited.get()));
        }
        OptionalLong next = policy.nextAttemptAt(attempts, now, random);
        return next.isPresent() ? new Retry(next.getAsLong()) : new Dead();
    }

    /** A failure in one line, for the store and the log. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
