package dev.releasetrain.checks;

import dev.releasetrain.config.ConfigException;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.migrations.CheckMergeGroupMigrations;
import dev.releasetrain.review.ReviewCheck;
import dev.releasetrain.size.LabelPullRequestSize;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every check on a merge queue's group, in one place: (config, the group's pull requests and their verdicts) → the checks. */
class CheckMergeGroupsTest {
    private static final String REPO = "o/r";
    private static final MergeGroup GROUP = new MergeGroup("gh", "gb", "main");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                     | config                                  | unsafe migrations | published (check=conclusion)                                                              | listings
            "all three checks on a healthy group        |                                         |                   | release-train/review=success release-train/migrations=success release-train/size=neutral | 1",
            "a pull request with unsafe migrations      |                                         | 8                 | release-train/review=success release-train/migrations=failure release-train/size=neutral | 1",
            "review and migrations switched off         | 'review: {enabled: false}\nmigrations: {enabled: false}' |  | release-train/size=neutral                                                                | 0",
            "a config that cannot be used fails each    | BROKEN                                  |                   | release-train/review=failure release-train/migrations=failure release-train/size=failure | 0",
    })
    void checksTheGroup(String name, String config, String unsafe, String published, int listings) throws Exception {
        InMemoryGitHub github = new InMemoryGitHub(REPO);
        for (long n : List.of(7L, 8L)) {
            github.pullRequest(n, "alice", "head" + n);
            github.reviews.put(n, List.of(new PullRequestReview("bob", false, "APPROVED", "head" + n)));
        }
        github.groups.put("gb..gh", List.of(7L, 8L));
        github.writers.add("bob");
        InMemory.Heads heads = new InMemory.Heads();
        heads.record(REPO, 7, "head7");
        heads.conclude(REPO, "head7", "success");
        if (unsafe != null) {
            heads.record(REPO, Long.parseLong(unsafe), "head" + unsafe);
            heads.conclude(REPO, "head" + unsafe, "failure");
        }
        InMemory.Checks checks = new InMemory.Checks();
        CheckMergeGroups groups = new CheckMergeGroups(List.of(new ReviewCheck(checks, new InMemory.Audit()).onMergeGroups(),
                new CheckMergeGroupMigrations(heads).onMergeGroups(), LabelPullRequestSize.onMergeGroups()), checks);
        ConfigResult result = "BROKEN".equals(config) ? new ConfigResult.Invalid(new ConfigException("review", 2, "not a boolean"))
                : new ConfigResult.Valid(Config.of(config == null ? null : config.replace("\\n", "\n")));

        groups.check(GROUP, result, github.clients());

        assertEquals(List.of(published.split(" ")), checks.published.stream().map(r -> r.name() + "=" + r.conclusion()).toList(), name);
        checks.published.forEach(r -> assertEquals("gh", r.headSha(), name));
        assertEquals(listings, github.calls.stream().filter(c -> c.startsWith("pullRequestsIn")).count(), name + ": the group listed once");
    }
}
