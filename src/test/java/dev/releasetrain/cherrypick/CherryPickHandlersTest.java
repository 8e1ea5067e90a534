package dev.releasetrain.cherrypick;

import dev.releasetrain.config.CherryPickSettings;
import dev.releasetrain.github.GitCommit;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.PullRequestReview;
import dev.releasetrain.testing.Config;
import dev.releasetrain.testing.InMemory;
import dev.releasetrain.testing.InMemoryGitHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cherry-pick handler's core without the server: (the fix, its labels or the command, who asked, the release
 * branch) → the records, the pick's writes and the report. The git data API's merges are scripted; real git is
 * CherryPickTest's.
 */
class CherryPickHandlersTest {
    private static final String REPO = "o/r";
    private static final String TARGET = "release-1.30.0";
    private static final String MERGED = "7777777777777777777777777777777777777777";
    private static final String RELEASE_HEAD = "1111111111111111111111111111111111111111";
    private final InMemoryGitHub github = new InMemoryGitHub(REPO);
    private final InMemory.Picks records = new InMemory.Picks();
    private final CherryPickLabelledPullRequest picks = new CherryPickLabelledPullRequest(records, java.time.Clock.systemUTC());

    /** Pull request 7, merged as one squash commit unless {@code merged} is false; the release branch at its head. */
    private void fix(boolean merged, String state, boolean branch, String labels) {
        github.pullRequest(7, "alice", "head7").put("state", state).put("merged", merged).put("merge_commit_sha", MERGED)
                .put("body", "Guards the empty case.\n\n```release-note\nDashboards without data no longer crash.\n```");
        github.reviews.put(7L, List.of(new PullRequestReview("carol", false, "APPROVED", "head7"),
                new PullRequestReview("dave", false, "COMMENTED", "head7"), new PullRequestReview("ci[bot]", true, "APPROVED", "head7")));
        if (labels != null) {
            github.labelled(7, labels.split(" "));
        }
        github.commits.put(MERGED, new GitCommit(MERGED, "Fix the crash (#7)", "tree-m7", List.of("p7"), "Alice", "alice@example.com"));
        github.commits.put(RELEASE_HEAD, new GitCommit(RELEASE_HEAD, "release", "tree-rel", List.of("p0"), null, null));
        github.commitMessages.put(7L, List.of("Fix the crash"));
        if (branch) {
            github.refs.put("heads/" + TARGET, RELEASE_HEAD);
        }
        github.writers.add("bob");
    }

    private String state() {
        return records.of(REPO, 7).stream().map(r -> r.target() + "=" + r.state()).reduce((a, b) -> a + " " + b).orElse("");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                          | mode           | branch | conflict | labels at merge            | state                        | pull request opened | failed label
            "a release label at merge: a pick pull request   | pull-request   | true   | false    | release-1.30.0 bug         | release-1.30.0=open          | true                | false",
            "push mode moves the release branch              | push           | true   | false    | release-1.30.0             | release-1.30.0=done          | false               | false",
            "a conflict: nothing half-made, labelled         | pull-request   | true   | true     | release-1.30.0             | release-1.30.0=failed        | false               | true",
            "labelled before the branch is cut: waiting      | pull-request   | false  | false    | release-1.30.0             | release-1.30.0=waiting       | false               | false",
            "no release label: nothing to pick               | pull-request   | true   | false    | bug                        |                              | false               | false",
    })
    void pickedAtMerge(String name, String mode, boolean branch, boolean conflict, String labels, String state, boolean opened, boolean failedLabel)
            throws Exception {
        fix(true, "closed", branch, labels);
        if (conflict) {
            github.merges.put("release-train/tmp-7-to-" + TARGET + "<-" + MERGED, new GitData.Merge(409, null));
        }
        CherryPickSettings settings = Config.of("cherry-pick: {mode: " + mode + "}").cherryPick();
        picks.merged(github.typed(7), settings, CherryPickGitHub.of(github.clients()));

        assertEquals(state == null ? "" : state, state(), name);
        List<String> writes = github.writes();
        assertEquals(opened, writes.stream().anyMatch(w -> w.startsWith("openPullRequest release-train/cherry-pick-7-to-" + TARGET)), name + ": " + writes);
        assertEquals(mode.equals("push") && state != null && state.endsWith("done"), writes.contains("updateBranch " + TARGET + " " + github.refs.get("heads/" + TARGET))
                && !github.refs.get("heads/" + TARGET).equals(RELEASE_HEAD), name + ": the release branch moved");
        assertEquals(failedLabel, writes.contains("addLabels #7 cherry-pick-failed"), name + ": " + writes);
        assertEquals(state != null, github.comment(7, PickReport.MARKER).isPresent(), name + ": the report");
        if (opened) {
            assertTrue(writes.stream().anyMatch(w -> w.startsWith("addAssignees") && w.endsWith(" alice")), name + ": the fix's author is assigned");
            assertTrue(writes.stream().anyMatch(w -> w.startsWith("addLabels") && w.endsWith(" bug")), name + ": its labels, not the release label");
            long pick = github.pulls.keySet().stream().filter(n -> n != 7).findFirst().orElseThrow();
            assertTrue(writes.contains("requestReviewers #" + pick + " carol"), name + ": the fix's approver asked to review: " + writes);
            assertTrue(github.pulls.get(pick).path("body").asText().endsWith("```release-note\nDashboards without data no longer crash.\n```"),
                    name + ": the fix's release note carried");
        }
        if (!writes.isEmpty() && state != null && (state.endsWith("done") || state.endsWith("open"))) {
            String picked = github.refs.getOrDefault("heads/release-train/cherry-pick-7-to-" + TARGET, github.refs.get("heads/" + TARGET));
            assertTrue(github.commits.get(picked).message().contains("(cherry picked from commit " + MERGED + ")"), name);
            assertTrue(github.commits.get(picked).message().contains("Co-authored-by: Alice <alice@example.com>"), name);
        }
        int before = github.writes().size();
        picks.merged(github.typed(7), settings, CherryPickGitHub.of(github.clients()));
        assertEquals(state == null || state.endsWith("done") || state.endsWith("open") ? before : github.writes().size(), github.writes().size(),
                name + ": a repeat of a done pick writes nothing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                               | how                                  | actor | merged | pr state | state
            "a release label added after merge by a writer        | label:release-1.30.0                 | bob   | true   | closed   | release-1.30.0=open",
            "a release label added by someone who cannot write    | label:release-1.30.0                 | eve   | true   | closed   | release-1.30.0=refused",
            "another label added after merge                      | label:bug                            | bob   | true   | closed   | ",
            "/cherry-pick on a merged fix                         | command:/cherry-pick release-1.30.0  | bob   | true   | closed   | release-1.30.0=open",
            "/cherry-pick on an open fix: remembered              | command:/cherry-pick release-1.30.0  | bob   | false  | open     | release-1.30.0=requested",
            "/cherry-pick on a fix closed unmerged                | command:/cherry-pick release-1.30.0  | bob   | false  | closed   | release-1.30.0=failed",
            "/cherry-pick from someone who cannot write           | command:/cherry-pick release-1.30.0  | eve   | true   | closed   | release-1.30.0=refused",
            "/backport naming no valid branch: the usage          | command:/backport ../etc             | bob   | true   | closed   | ",
    })
    void askedForLater(String name, String how, String actor, boolean merged, String prState, String state) throws Exception {
        fix(merged, prState, true, null);
        CherryPickSettings settings = Config.of(null).cherryPick();
        CherryPickGitHub gh = CherryPickGitHub.of(github.clients());
        String argument = how.substring(how.indexOf(':') + 1);
        if (how.startsWith("label:")) {
            picks.labelled(github.typed(7), argument, actor, settings, gh);
        } else {
            picks.command(7, argument, actor, settings, gh);
        }
        assertEquals(state == null ? "" : state, state(), name);
        if (state == null && how.startsWith("command:")) {
            assertTrue(github.comment(7, PickReport.MARKER + "-usage").orElseThrow().contains("Usage: `/cherry-pick release-X.Y.Z"), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                    | label          | branch | tag    | state                    | the report says
            "a release not cut yet: it will be in it   | release-1.30.0 | false  | false  | release-1.30.0=waiting   | will be in 1.30.0 when `release-1.30.0` is cut from the default branch",
            "a patch not cut yet: picked once it is    | release-1.29.1 | false  | false  | release-1.29.1=waiting   | a patch is cut from its line's last tag, so once it is, comment `/cherry-pick release-1.29.1` here",
            "a release already tagged: nothing written | release-1.30.0 | true   | true   | release-1.30.0=refused   | 1.30.0 is tagged, so nothing was picked into `release-1.30.0`: to ship this fix in the next patch, label it `release-1.30.1`",
    })
    void labelsAtTheWrongTimeAreAnsweredNotFailed(String name, String label, boolean branch, boolean tag, String state, String says) throws Exception {
        fix(true, "closed", branch, label);
        if (tag) {
            github.refs.put("tags/1.30.0", RELEASE_HEAD);
        }
        picks.merged(github.typed(7), Config.of(null).cherryPick(), CherryPickGitHub.of(github.clients()));
        assertEquals(state, state(), name);
        assertTrue(github.comment(7, PickReport.MARKER).orElseThrow().contains(says), name + ": " + github.comment(7, PickReport.MARKER));
        List<String> writes = github.writes();
        assertTrue(writes.stream().noneMatch(w -> w.startsWith("addLabels") || w.startsWith("createRef") || w.startsWith("updateBranch")
                || w.startsWith("openPullRequest") || w.startsWith("merge") || w.startsWith("createCommit")), name + ": " + writes);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                          | label          | branch created | state                   | the report says
            "a minor's branch is cut: the fix is on it       | release-1.30.0 | release-1.30.0 | release-1.30.0=already  | ✅ already on `release-1.30.0`",
            "a patch's branch is cut from a tag: still waits | release-1.29.1 | release-1.29.1 | release-1.29.1=waiting  | comment `/cherry-pick release-1.29.1` here",
            "another branch: nothing changes                 | release-1.30.0 | release-1.31.0 | release-1.30.0=waiting  | will be in 1.30.0 when",
    })
    void theCutSettlesTheFixesThatWaitedForIt(String name, String label, String created, String state, String says) throws Exception {
        fix(true, "closed", false, label);
        picks.merged(github.typed(7), Config.of(null).cherryPick(), CherryPickGitHub.of(github.clients()));
        new SettlePicksAtTheCut(records).cut(created, CherryPickGitHub.of(github.clients()));
        assertEquals(state, state(), name);
        assertTrue(github.comment(7, PickReport.MARKER).orElseThrow().contains(says), name + ": " + github.comment(7, PickReport.MARKER));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                        | merged | state after
            "its pull request merged: done                 | true   | release-1.30.0=done",
            "closed without merging: missing, picked again | false  | release-1.30.0=missing",
    })
    void aPickCountsWhenItsPullRequestMerges(String name, boolean merged, String state) throws Exception {
        fix(true, "closed", true, TARGET);
        CherryPickSettings settings = Config.of(null).cherryPick();
        CherryPickGitHub gh = CherryPickGitHub.of(github.clients());
        picks.merged(github.typed(7), settings, gh);
        assertEquals(TARGET + "=open", state(), name);
        long pick = github.pulls.keySet().stream().filter(n -> n != 7).findFirst().orElseThrow();
        LandPickPullRequests landing = new LandPickPullRequests(records);

        var lookAlike = github.pullRequest(50, "mallory", "x").put("state", "closed").put("merged", true); // same branch name, not the one recorded
        ((com.fasterxml.jackson.databind.node.ObjectNode) lookAlike.path("head")).put("ref", "release-train/cherry-pick-7-to-" + TARGET);
        ((com.fasterxml.jackson.databind.node.ObjectNode) lookAlike.path("base")).put("ref", TARGET);
        landing.closed(github.typed(50), gh);
        assertEquals(TARGET + "=open", state(), name + ": a look-alike moves nothing");

        github.pulls.get(pick).put("state", "closed").put("merged", merged).put("merged_at", merged ? "2026-11-25T10:00:00Z" : null);
        landing.closed(github.typed(pick), gh);
        assertEquals(state, state(), name);
        assertTrue(github.comment(7, PickReport.MARKER).orElseThrow().contains(merged ? "✅ [pull request #" + pick + " merged]"
                : "❌ pull request #" + pick + " was closed without merging: comment `/cherry-pick " + TARGET + "` here"), name);
        if (!merged) {
            picks.command(7, "/cherry-pick " + TARGET, "bob", settings, gh);
            assertEquals(TARGET + "=open", state(), name + ": picked again");
            assertEquals(2, github.writes().stream().filter(w -> w.startsWith("openPullRequest")).count(), name + ": a new pull request");
        }
    }

    @org.junit.jupiter.api.Test
    void aPickAskedForWhileOpenHappensAtMerge() throws Exception {
        fix(false, "open", true, null);
        CherryPickSettings settings = Config.of(null).cherryPick();
        picks.command(7, "/cherry-pick " + TARGET, "bob", settings, CherryPickGitHub.of(github.clients()));
        github.pulls.get(7L).put("state", "closed").put("merged", true);
        picks.merged(github.typed(7), settings, CherryPickGitHub.of(github.clients()));
        assertEquals(TARGET + "=open", state());
        assertEquals("bob", records.of(REPO, 7).get(0).requestedBy(), "who asked stays on record");
    }
}
