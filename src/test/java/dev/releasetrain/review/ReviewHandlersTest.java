package dev.releasetrain.review;

import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.MergeGroup;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review capability's handlers without the server: (pull request, reviews, who may write, settings) → writes and check. */
class ReviewHandlersTest {
    private static final String REPO = "o/r";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    private final InMemoryGitHub github = new InMemoryGitHub(REPO);
    private final InMemory.Checks checks = new InMemory.Checks();
    private final InMemory.Audit audit = new InMemory.Audit();
    private final ReviewCheck check = new ReviewCheck(checks, audit);

    /** reviews: login:STATE, all at the head; "alice" is the author. */
    private void pullRequest(long number, String reviews, boolean draft) {
        github.pullRequest(number, "alice", "head" + number).put("draft", draft);
        List<PullRequestReview> listed = new ArrayList<>();
        if (reviews != null) {
            for (String r : reviews.split(" ")) {
                String login = r.split(":")[0];
                listed.add(new PullRequestReview(login, login.endsWith("[bot]"), r.split(":")[1], "head" + number));
            }
        }
        github.reviews.put(number, listed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                  | reviews                                  | writers | draft | config                              | conclusion   | title starts
            "no review yet                           |                                          |         | false |                                     | failure      | Waiting for: 1 approval",
            "approved by another who may write       | bob:APPROVED                             | bob     | false |                                     | success      | 1 of 1 required approval",
            "approved by a reader: it does not count | bob:APPROVED                             |         | false |                                     | failure      | Waiting for: 1 approval",
            "a reader's approval where anyone's count| bob:APPROVED                             |         | false | 'review: {count-approvals-from: anyone}' | success | 1 of 1 required approval",
            "the author approving herself            | alice:APPROVED                           |         | false |                                     | failure      | Waiting for",
            "a bot's approval                        | ci[bot]:APPROVED                         |         | false |                                     | failure      | Waiting for",
            "changes requested by a writer           | bob:APPROVED carol:CHANGES_REQUESTED     | bob carol | false |                                     | failure      | Waiting for: @carol requested changes",
            "two approvals required                  | bob:APPROVED                             | bob     | false | 'review: {required-approvals: 2}'   | failure      | Waiting for: 1 approval",
            "an exempt author                        |                                          |         | false | 'review: {exempt-authors: [alice]}' | success      | @alice is exempt",
            "a draft stays in progress               |                                          |         | true  |                                     |              | Draft",
    })
    void theCheckOnAPullRequest(String name, String reviews, String writers, boolean draft, String config, String conclusion, String title)
            throws Exception {
        pullRequest(7, reviews, draft);
        if (writers != null) {
            github.writers.addAll(List.of(writers.split(" ")));
        }
        check.run(github.typed(7), Config.of(config).review(), ReviewGitHub.of(github.clients()));
        CheckRunResult run = checks.last(ReviewCheck.CHECK);
        assertEquals(conclusion, run.conclusion(), name);
        assertEquals(conclusion == null ? "in_progress" : "completed", run.status(), name);
        assertTrue(run.title().startsWith(title), name + ": " + run.title());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                   | label or command     | actor | writer | check published | writes
            "the emergency label from a writer        | label:emergency      | bob   | true   | success         | upsertComment #7 " + DeclareEmergency.RECORDED,
            "another label is no emergency            | label:bug            | bob   | true   |                 | ",
            "the emergency label from a reader        | label:emergency      | eve   | false  |                 | upsertComment #7 " + DeclareEmergency.REFUSED,
            "/emergency with a reason from a writer   | command:prod is down | bob   | true   | success         | upsertComment #7 " + DeclareEmergency.RECORDED,
            "/emergency without a reason              | command:             | bob   | true   |                 | upsertComment #7 " + DeclareEmergency.REFUSED,
            "/emergency from a reader                 | command:prod is down | eve   | false  |                 | upsertComment #7 " + DeclareEmergency.REFUSED,
    })
    void anEmergency(String name, String what, String actor, boolean writer, String published, String writes) throws Exception {
        pullRequest(7, null, false);
        if (writer) {
            github.writers.add(actor);
        }
        ReviewSettings settings = Config.of(null).review();
        DeclareEmergency emergency = new DeclareEmergency(check, audit, CLOCK);
        String argument = what.substring(what.indexOf(':') + 1);
        if (what.startsWith("label:")) {
            emergency.label(7, argument, actor, settings, ReviewGitHub.of(github.clients()));
        } else {
            emergency.command(7, argument, actor, settings, ReviewGitHub.of(github.clients()));
        }
        assertEquals(writes == null ? List.of() : List.of(writes), github.writes(), name);
        assertEquals(published == null ? List.of() : List.of(published), checks.published.stream().map(CheckRunResult::conclusion).toList(), name);
        assertEquals(published == null ? 0 : 1, audit.overrides.size(), name + ": overrides recorded");
        if (published != null) {
            assertEquals(CLOCK.millis(), audit.overrides.get(0).override().at(), name);
            assertTrue(checks.last(ReviewCheck.CHECK).title().startsWith("Emergency override by @" + actor), name);
        }
    }

    @org.junit.jupiter.api.Test
    void removingTheEmergencyLabelEndsTheOverride() throws Exception {
        pullRequest(7, null, false);
        github.writers.add("bob");
        ReviewSettings settings = Config.of(null).review();
        DeclareEmergency emergency = new DeclareEmergency(check, audit, CLOCK);
        ReviewGitHub gh = ReviewGitHub.of(github.clients());
        emergency.label(7, "emergency", "bob", settings, gh);
        assertEquals("success", checks.last(ReviewCheck.CHECK).conclusion());
        emergency.unlabel(github.typed(7), "bug", "bob", settings, gh);
        assertEquals(1, checks.published.size(), "another label changes nothing");
        emergency.unlabel(github.typed(7), "emergency", "bob", settings, gh);
        assertEquals("failure", checks.last(ReviewCheck.CHECK).conclusion(), "judged on reviews again");
        assertTrue(audit.override(REPO, 7).isEmpty());
        assertTrue(github.comment(7, DeclareEmergency.RECORDED).orElseThrow().contains("The emergency override ended"));
        emergency.label(7, "emergency", "bob", settings, gh);
        assertEquals("success", checks.last(ReviewCheck.CHECK).conclusion(), "declared again, in force again");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | reviews        | approver  | case open after | writes
            "merged with an approval: nothing to flag       | bob:APPROVED   |           | false           | ",
            "merged unreviewed: labelled and asked          |                |           | true            | ensureLabel needs-post-merge-review;addLabels #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER,
            "then approved by someone else: the case closes |                | bob       | false           | ensureLabel needs-post-merge-review;addLabels #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER + ";removeLabel #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER,
            "then approved by its author: still open        |                | alice     | true            | ensureLabel needs-post-merge-review;addLabels #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER,
            "then approved by a bot: still open             |                | ci[bot]   | true            | ensureLabel needs-post-merge-review;addLabels #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER,
            "then approved by a reader: still open          |                | eve       | true            | ensureLabel needs-post-merge-review;addLabels #7 needs-post-merge-review;upsertComment #7 " + FlagMergedWithoutReview.MARKER,
    })
    void reviewAfterTheFact(String name, String reviews, String approver, boolean openAfter, String writes) throws Exception {
        pullRequest(7, reviews, false);
        github.writers.addAll(List.of("bob", "alice"));
        github.pulls.get(7L).put("state", "closed").put("merged", true);
        ReviewSettings settings = Config.of(null).review();
        FlagMergedWithoutReview flag = new FlagMergedWithoutReview(audit, CLOCK);
        flag.merged(github.typed(7), settings, ReviewGitHub.of(github.clients()));
        if (approver != null) {
            flag.approved(7, new PullRequestReview(approver, approver.endsWith("[bot]"), "APPROVED", "head7"), settings, ReviewGitHub.of(github.clients()));
        }
        assertEquals(writes == null ? List.of() : List.of(writes.split(";")), github.writes(), name);
        assertEquals(openAfter, audit.find(REPO, 7).map(UnreviewedMerges.Case::open).orElse(false), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                      | pull requests in the group (number:reviews) | overrides | conclusion | title
            "every pull request approved                 | 7:bob:APPROVED 8:carol:APPROVED             |           | success    | Every pull request in the group is reviewed (2)",
            "one unreviewed                              | 7:bob:APPROVED 8:                           |           | failure    | Not reviewed: #8",
            "one unreviewed but with an override         | 7:bob:APPROVED 8:                           | 8         | success    | Every pull request in the group is reviewed (2)",
            "no pull request found                       |                                             |           | failure    | No pull request found in this merge group",
    })
    void aMergeGroup(String name, String members, String overrides, String conclusion, String title) throws Exception {
        List<Long> numbers = new ArrayList<>();
        if (members != null) {
            for (String m : members.split(" ")) {
                long n = Long.parseLong(m.substring(0, m.indexOf(':')));
                String reviews = m.substring(m.indexOf(':') + 1);
                pullRequest(n, reviews.isEmpty() ? null : reviews, false);
                numbers.add(n);
            }
        }
        github.writers.addAll(List.of("bob", "carol"));
        if (overrides != null) {
            audit.recordOverride(REPO, Long.parseLong(overrides), new EmergencyOverride("bob", "on fire", "head" + overrides, 0));
        }
        CheckRunResult run = check.judge(new MergeGroup("group-head", "group-base", "main"), () -> numbers, Config.of(null), github.clients());
        assertEquals(conclusion, run.conclusion(), name);
        assertEquals(title, run.title(), name);
        assertEquals("group-head", run.headSha(), name);
    }
}
