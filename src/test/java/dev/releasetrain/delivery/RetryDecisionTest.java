package dev.releasetrain.delivery;

import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.github.RateLimitedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What becomes of a failed attempt: (the failure, attempts so far) → handed back, ended, retried at, or dead. */
class RetryDecisionTest {
    private static final RetryPolicy POLICY = new RetryPolicy(3, 1_000, 60_000);
    private static final long NOW = 1_000_000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                             | failure                 | attempts | decision  | at from | at to
            "a first failure is retried within a second         | server error            | 1        | Retry     | 1000500 | 1001000",
            "a second waits one to two seconds                  | server error            | 2        | Retry     | 1001000 | 1002000",
            "the last attempt: dead                             | server error            | 3        | Dead      |         |",
            "a rate limit hands back until it resets            | rate limit in 90 s      | 1        | HandBack  | 1090000 | 1090000",
            "a rate limit on the last attempt is still no fail  | rate limit in 90 s      | 3        | HandBack  | 1090000 | 1090000",
            "a rate limit already reset: at once                | rate limit 10 s ago     | 1        | HandBack  | 1000000 | 1000000",
            "a rate limit wrapped in another failure            | wrapped rate limit      | 1        | HandBack  | 1090000 | 1090000",
            "a repository, pull request or commit that is gone  | not found               | 1        | Ended     |         |",
            "an installation GitHub no longer grants            | gone                    | 1        | Ended     |         |",
            "a request GitHub refuses as made                   | unprocessable           | 1        | Ended     |         |",
            "a final answer found inside another failure        | wrapped not found       | 1        | Ended     |         |",
            "a refusal that may change (a permission granted)   | forbidden               | 1        | Retry     | 1000500 | 1001000",
    })
    void decides(String name, String failure, int attempts, String decision, Long from, Long to) {
        Exception e = switch (failure) {
            case "server error" -> new GitHubApiException(502, "POST /repos/{owner}/{repo}/check-runs answered 502");
            case "rate limit in 90 s" -> new RateLimitedException("rate limited", Instant.ofEpochMilli(NOW + 90_000));
            case "rate limit 10 s ago" -> new RateLimitedException("rate limited", Instant.ofEpochMilli(NOW - 10_000));
            case "not found" -> new GitHubApiException(404, "GET /repos/{owner}/{repo}/pulls/{n} answered 404");
            case "gone" -> new GitHubApiException(410, "POST /app/installations/{n}/access_tokens answered 410");
            case "unprocessable" -> new GitHubApiException(422, "POST /repos/{owner}/{repo}/check-runs answered 422: No commit found for SHA");
            case "wrapped not found" -> new IllegalStateException("reading", new GitHubApiException(404, "GET /repos/{owner}/{repo} answered 404"));
            case "forbidden" -> new GitHubApiException(403, "GET /repos/{owner}/{repo}/contents/{name} answered 403");
            default -> new IOException("the handler failed", new RateLimitedException("rate limited", Instant.ofEpochMilli(NOW + 90_000)));
        };
        RetryDecision d = RetryDecision.after(e, attempts, NOW, POLICY, new SplittableRandom(1));
        assertEquals(decision, d.getClass().getSimpleName(), name);
        long at = d instanceof RetryDecision.Retry r ? r.at() : d instanceof RetryDecision.HandBack h ? h.at() : -1;
        if (from != null) {
            assertEquals(true, at >= from && at <= to, name + ": at " + at);
        }
    }
}
