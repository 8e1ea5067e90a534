package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.config.ReviewSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The review rule's I/O-dependent part, against an in-memory GitHub: which reviews count, and what is looked up. */
class StaleApprovalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A repository in memory: reviews, each commit's tree, who may write; it counts the lookups made. */
    static final class InMemoryReviewGitHub implements ReviewReads {
        final List<Review> reviews = new ArrayList<>();
        final Map<String, String> trees = new HashMap<>();
        final Set<String> writers = new HashSet<>();
        final List<String> lookups = new ArrayList<>();

        @Override
        public List<Review> reviews(long number) {
            lookups.add("reviews");
            return reviews;
        }

        @Override
        public Optional<String> tree(String sha) {
            lookups.add("tree " + sha);
            return Optional.ofNullable(trees.get(sha));
        }

        @Override
        public boolean canWrite(String login) {
            lookups.add("permission " + login);
            return writers.contains(login);
        }
    }

    private static JsonNode pr(String author, String head) {
        ObjectNode pr = JSON.createObjectNode().put("number", 7);
        pr.putObject("user").put("login", author);
        pr.putObject("head").put("sha", head);
        return pr;
    }

    /**
     * reviews: login:STATE@commit, space-separated; trees: commit=tree; the head is always "head".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | dismiss | reviews                       | trees               | writers | conclusion | lookups
            "approval of the head                          | true    | bob:APPROVED@head             | head=t1             |         | success    | reviews",
            "stale approval, stale approvals counted        | false   | bob:APPROVED@old              | head=t1 old=t0      |         | success    | reviews",
            "stale approval, same tree (a rebase)           | true    | bob:APPROVED@old              | head=t1 old=t1      |         | success    | reviews;tree head;tree old",
            "stale approval, changed tree                   | true    | bob:APPROVED@old              | head=t1 old=t0      |         | failure    | reviews;tree head;tree old",
            "stale approval, tree unreadable                | true    | bob:APPROVED@old              | head=t1             |         | failure    | reviews;tree head;tree old",
            "the author's own approval                      | true    | alice:APPROVED@old            | head=t1 old=t1      |         | failure    | reviews",
            "a bot's approval                               | true    | ci[bot]:APPROVED@head         | head=t1             |         | failure    | reviews",
            "change request by a writer blocks              | false   | bob:APPROVED@head carol:CHANGES_REQUESTED@head | head=t1 | carol | failure | reviews;permission carol",
            "change request without write access            | false   | bob:APPROVED@head carol:CHANGES_REQUESTED@head | head=t1 |       | success | reviews;permission carol",
            "two stale approvals, trees looked up once each | true    | bob:APPROVED@old carol:APPROVED@old | head=t1 old=t1 |     | success    | reviews;tree head;tree old",
    })
    void whichReviewsCountAndWhatIsLookedUp(String name, boolean dismiss, String reviews, String trees, String writers, String conclusion,
                                            String lookups) throws IOException {
        InMemoryReviewGitHub github = new InMemoryReviewGitHub();
        for (String r : reviews.split(" ")) {
            String login = r.substring(0, r.indexOf(':'));
            github.reviews.add(new Review(login, login.endsWith("[bot]"), r.substring(r.indexOf(':') + 1, r.indexOf('@')), r.substring(r.indexOf('@') + 1)));
        }
        for (String t : trees.split(" ")) {
            github.trees.put(t.split("=")[0], t.split("=")[1]);
        }
        if (writers != null) {
            github.writers.addAll(Arrays.asList(writers.split(" ")));
        }
        ReviewSettings settings = new ReviewSettings(true, 1, dismiss, Set.of(), "emergency", "needs-post-merge-review");
        ReviewVerdict verdict = ReviewCheck.evaluate(github, pr("alice", "head"), settings, Optional.empty());
        assertEquals(conclusion, verdict.conclusion(), name);
        assertEquals(List.of(lookups.split(";")), github.lookups, name + ": GitHub calls");
    }
}
