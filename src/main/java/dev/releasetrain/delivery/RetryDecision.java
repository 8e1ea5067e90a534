package dev.releasetrain.delivery;

import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.github.RateLimitedException;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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

    /** GitHub's answer will not change (what the delivery is about is gone, or the request is refused for good): done. */
    record Ended(String reason) implements RetryDecision {
    }

    /**
     * GitHub's answers that no retry changes: 404 and 410 (a repository the installation no longer covers, a pull
     * request, commit or installation that is gone) and 422 (a request it refuses as made).
     */
    Set<Integer> FINAL = Set.of(404, 410, 422);

    static RetryDecision after(Throwable failure, int attempts, long now, RetryPolicy policy, RandomGenerator random) {
        Optional<RateLimitedException> limited = RateLimitedException.in(failure);
        if (limited.isPresent()) {
            return new HandBack(Math.max(now, limited.get().retryAt().toEpochMilli()), describe(limited.get()));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GitHubApiException api && FINAL.contains(api.status())) {
                return new Ended("GitHub's final answer: " + describe(api));
            }
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
