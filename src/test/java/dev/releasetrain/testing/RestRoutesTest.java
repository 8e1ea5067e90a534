package dev.releasetrain.testing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check every fake GitHub runs at close must be able to fail. */
@NeedsSharedFixtures
class RestRoutesTest {
    @Test
    void knowsGitHubsRoutesAndNothingElse() {
        assertTrue(RestRoutes.isReal("GET", "/repos/o/r/contents/.github/release-train.yml"));
        assertTrue(RestRoutes.isReal("POST", "/repos/o/r/issues/12/comments"));
        assertTrue(RestRoutes.isReal("GET", "/repos/o/r/git/refs/heads/main"), "an older route GitHub still answers");
        assertTrue(RestRoutes.isReal("POST", "/app/installations/5/access_tokens"));
        assertTrue(RestRoutes.isReal("GET", "/repos/o/r/issues/12/comments?per_page=100"));
        assertTrue(RestRoutes.isReal("GET", "/repos/o/r/git/ref/heads/feature/deep/name"), "a ref holds slashes");
        assertFalse(RestRoutes.isReal("GET", "/repos/o/r/comments/1/all"));
        assertFalse(RestRoutes.isReal("GET", "/repos/o/r/issues/12/comments/extra"), "an issue number is one segment");
        assertFalse(RestRoutes.isReal("DELETE", "/repos/o/r/issues/12"));
        assertFalse(RestRoutes.isReal("POST", "/repos/o/r/pulls/1/merge"), "merging is PUT");
    }
}
