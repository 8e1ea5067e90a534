package dev.releasetrain.review;

import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.github.GitCommit;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The review rule's I/O-dependent part, against an in-memory GitHub: which reviews count, and what is looked up. */
class StaleApprovalTest {
    /**
     * reviews: login:STATE@commit, space-separated; trees: commit=tree; the head is always "head".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | dismiss | reviews                       | trees               | writers | conclusion | lookups
            "approval of the head                          | true    | bob:APPROVED@head             | head=t1             |         | success    | reviews #7",
            "stale approval, stale approvals counted        | false   | bob:APPROVED@old              | head=t1 old=t0      |         | success    | reviews #7",
            "stale approval, same tree (a rebase)           | true    | bob:APPROVED@old              | head=t1 old=t1      |         | success    | reviews #7;tree head;tree old",
            "stale approval, changed tree                   | true    | bob:APPROVED@old              | head=t1 old=t0      |         | failure    | reviews #7;tree head;tree old",
            "stale approval, tree unreadable                | true    | bob:APPROVED@old              | head=t1             |         | failure    | reviews #7;tree head;tree old",
            "the author's own approval                      | true    | alice:APPROVED@old            | head=t1 old=t1      |         | failure    | reviews #7",
            "a bot's approval                               | true    | ci[bot]:APPROVED@head         | head=t1             |         | failure    | reviews #7",
            "change request by a writer blocks              | false   | bob:APPROVED@head carol:CHANGES_REQUESTED@head | head=t1 | carol | failure | reviews #7;canWrite carol",
            "change request without write access            | false   | bob:APPROVED@head carol:CHANGES_REQUESTED@head | head=t1 |       | success | reviews #7;canWrite carol",
            "two stale approvals, trees looked up once each | true    | bob:APPROVED@old carol:APPROVED@old | head=t1 old=t1 |     | success    | reviews #7;tree head;tree old",
    })
    void whichReviewsCountAndWhatIsLookedUp(String name, boolean dismiss, String reviews, String trees, String writers, String conclusion,
                                            String lookups) throws IOException {
        InMemoryGitHub github = new InMemoryGitHub("o/r");
        github.pullRequest(7, "alice", "head");
        List<PullRequestReview> listed = new ArrayList<>();
        for (String r : reviews.split(" ")) {
            String login = r.substring(0, r.indexOf(':'));
            listed.add(new PullRequestReview(login, login.endsWith("[bot]"), r.substring(r.indexOf(':') + 1, r.indexOf('@')), r.substring(r.indexOf('@') + 1)));
        }
        github.reviews.put(7L, listed);
        for (String t : trees.split(" ")) {
            github.commits.put(t.split("=")[0], new GitCommit(t.split("=")[0], "", t.split("=")[1], List.of(), null, null));
        }
        if (writers != null) {
            github.writers.addAll(Arrays.asList(writers.split(" ")));
        }
        ReviewSettings settings = new ReviewSettings(true, 1, dismiss, Set.of(), "emergency", "needs-post-merge-review", false);
        ReviewVerdict verdict = ReviewCheck.evaluate(ReviewGitHub.of(github.clients()), github.typed(7), settings, Optional.empty());
        assertEquals(conclusion, verdict.conclusion(), name);
        assertEquals(List.of(lookups.split(";")), github.calls, name + ": GitHub calls");
    }
}
