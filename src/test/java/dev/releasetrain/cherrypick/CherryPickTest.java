package dev.releasetrain.cherrypick;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.GitData;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import dev.releasetrain.testing.WorkRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cherry-picks through the webhook door against a fake GitHub whose refs, commits and merges are a real git
 * repository: the release branch after the bot's pick must have the tree `git cherry-pick -x` gives.
 */
@NeedsSharedFixtures
class CherryPickTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String RELEASE = "release-1.30.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Path work;
    private GitData bare;
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        work = dir.resolve("work");
        Files.createDirectories(work);
        git(work, "init", "-q", "-b", "main");
        write("app.txt", "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");
        commit("initial");
        git(work, "branch", RELEASE); // the freeze
        write("other.txt", "a feature that is not in the release\n");
        commit("unrelated feature after the freeze");
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        repo.permission(REPO, "Codertocat", "admin");
        repo.permission(REPO, "mallory", "read");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        github.close();
    }

    // ---- git ----

    private String git(Path in, String... args) throws IOException, InterruptedException {
        return WorkRepo.git(in, args);
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(work.resolve(file), text);
    }

    private String commit(String message) throws Exception {
        git(work, "add", "-A");
        git(work, "commit", "-q", "-m", message);
        return git(work, "rev-parse", "HEAD");
    }

    private String edit(String file, String from, String to, String message) throws Exception {
        write(file, Files.readString(work.resolve(file)).replace(from, to));
        return commit(message);
    }

    /** Serves the work repository (as a bare clone) as the fake's git data, and starts the server. */
    private void serve(List<String> prCommits) throws Exception {
        Path bareDir = dir.resolve("bare.git");
        git(dir, "clone", "-q", "--bare", work.toString(), bareDir.toString());
        bare = new GitData(bareDir);
        repo.git(REPO, bare);
        repo.pullRequestCommits(REPO, 2, prCommits);
        server = TestServer.start(TestServer.settings(github.url()), Features::all);
    }

    /** What `git cherry-pick -x` makes of the release branch. */
    private String expectedTree(String... pickArgs) throws Exception {
        Path clone = dir.resolve("expected");
        git(dir, "clone", "-q", work.toString(), clone.toString());
        git(clone, "switch", "-q", RELEASE);
        List<String> args = new ArrayList<>(List.of("cherry-pick", "-x"));
        args.addAll(List.of(pickArgs));
        git(clone, args.toArray(String[]::new));
        return git(clone, "rev-parse", "HEAD^{tree}");
    }

    /** Three commits on a branch, rebased onto main and fast-forwarded, as GitHub's rebase merge does; the originals. */
    private List<String> rebaseMergeOfThree() throws Exception {
        git(work, "switch", "-q", "-c", "fix", RELEASE);
        List<String> original = List.of(edit("app.txt", "line 2", "line two", "fix 1"),
                edit("app.txt", "line 4", "line four", "fix 2"), edit("app.txt", "line 7", "line seven", "fix 3"));
        git(work, "rebase", "-q", "main");
        git(work, "switch", "-q", "main");
        git(work, "merge", "-q", "--ff-only", "fix");
        return original;
    }

    // ---- deliveries ----

    private ObjectNode mergedPullRequest(String mergeSha, List<String> labels) throws Exception {
        ObjectNode pr = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "closed.payload.json")).get("pull_request").deepCopy();
        pr.put("merged", true).put("merge_commit_sha", mergeSha).put("state", "closed").put("title", "Fix the thing");
        pr.putObject("merged_by").put("login", "Codertocat");
        ArrayNode l = pr.putArray("labels");
        labels.forEach(n -> l.addObject().put("name", n));
        return pr;
    }

    private void deliver(String event, ObjectNode payload) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver(event, id, JSON.writeValueAsBytes(payload)).statusCode());
        var done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state(), done.toString());
    }

    private ObjectNode prEvent(String action, ObjectNode pr, String sender, String label) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "closed.payload.json"));
        payload.put("action", action);
        payload.set("pull_request", pr);
        ((ObjectNode) payload.get("sender")).put("login", sender);
        if (label != null) {
            payload.putObject("label").put("name", label);
        }
        return payload;
    }

    private void assertPickedTree(String expectedTree, String... originals) {
        List<JsonNode> pulls = repo.createdPulls();
        assertEquals(1, pulls.size(), "one pull request into the release branch");
        JsonNode pr = pulls.get(0);
        assertEquals(RELEASE, pr.path("base").path("ref").asText());
        assertEquals("release-train/cherry-pick-2-to-" + RELEASE, pr.path("head").path("ref").asText());
        assertEquals("[" + RELEASE + "] Fix the thing", pr.path("title").asText());
        String head = bare.resolve("refs/heads/release-train/cherry-pick-2-to-" + RELEASE);
        assertEquals(expectedTree, bare.git(Map.of(), "rev-parse", head + "^{tree}")[1], "the same tree as git cherry-pick");
        String log = bare.git(Map.of(), "log", "--format=%B", bare.resolve("refs/heads/" + RELEASE) + ".." + head)[1];
        for (String original : originals) {
            assertTrue(log.contains("(cherry picked from commit " + original + ")"), log);
        }
        assertTrue(log.contains("Co-authored-by: Octo Cat <octocat@example.com>"), log);
        assertEquals("", bare.git(Map.of(), "for-each-ref", "refs/heads/release-train/tmp-*")[1], "no temporary ref left behind");
        assertTrue(reports().get(0).contains("⏳ [pull request #100](https://github.com/" + REPO + "/pull/100) open: the fix is on `" + RELEASE
                + "` once it merges"), reports().toString());
    }

    /** The cherry-pick report (other checks comment on the same pull request too). */
    private List<String> reports() {
        return repo.comments(REPO, 2).stream().map(c -> c.path("body").asText())
                .filter(b -> b.startsWith(PickReport.MARKER + "\n")).toList();
    }

    // ---- the scenarios ----

    @Test
    void aSquashMergeIsPickedAsItsOneCommit() throws Exception {
        git(work, "switch", "-q", "-c", "fix", "main");
        String a = edit("app.txt", "line 3", "line three", "fix a");
        String b = edit("app.txt", "line 5", "line five", "fix b");
        git(work, "switch", "-q", "main");
        git(work, "merge", "-q", "--squash", "fix");
        String squash = commit("Fix the thing (#2)");
        serve(List.of(a, b));
        repo.review(REPO, 2, "alice", false, "APPROVED", b);
        ObjectNode fix = mergedPullRequest(squash, List.of(RELEASE, "bug"));
        fix.put("body", "Fixes the thing.\n\n```release-note\nExports no longer drop the last row.\n```\n");
        deliver("pull_request", prEvent("closed", fix, "Codertocat", null));
        assertPickedTree(expectedTree(squash), squash);
        JsonNode pick = repo.createdPulls().get(0);
        assertEquals(List.of("bug"), repo.labels(REPO, 100), "labels copied, release labels not");
        assertEquals("alice", pick.path("requested_reviewers").get(0).path("login").asText(), "the fix's approver asked");
        assertEquals(fix.path("user").path("login").asText(), pick.path("assignees").get(0).path("login").asText(), "the fix's author assigned");
        assertTrue(pick.path("body").asText().contains("```release-note\nExports no longer drop the last row.\n```"), pick.path("body").asText());
        assertTrue(pick.path("body").asText().contains(fix.path("html_url").asText()), "the link to the original");
        assertTrue(!pick.path("draft").asBoolean(), "a clean pick arrives ready");
    }

    @Test
    void autoMergeIsTurnedOnForACleanPickWhenAsked_andARefusalIsSaidNotFailed() throws Exception {
        git(work, "switch", "-q", "main");
        String fix = edit("app.txt", "line 5", "line five", "Fix the thing (#2)");
        repo.file(REPO, null, ".github/release-train.yml", "cherry-pick:\n  auto-merge: true\n  auto-merge-method: rebase\n");
        serve(List.of(fix));
        deliver("pull_request", prEvent("closed", mergedPullRequest(fix, List.of(RELEASE)), "Codertocat", null));
        assertEquals("rebase", repo.createdPulls().get(0).path("auto_merge").path("merge_method").asText(), repo.createdPulls().toString());
        assertTrue(reports().get(0).contains("[pull request #100, set to merge itself when its checks pass]"), reports().toString());

        // a repository that does not allow auto-merge: the pick stands, and the report says why it will not merge itself
        repo.disallowAutoMerge();
        repo.pullRequestCommits(REPO, 3, List.of(fix));
        ObjectNode other = mergedPullRequest(fix, List.of("release-1.29.0"));
        other.put("number", 3);
        git(work, "branch", "release-1.29.0", RELEASE);
        git(work, "push", "-q", dir.resolve("bare.git").toString(), "release-1.29.0");
        deliver("pull_request", prEvent("closed", other, "Codertocat", null));
        String report = repo.comments(REPO, 3).stream().map(c -> c.path("body").asText()).filter(b -> b.startsWith(PickReport.MARKER + "\n"))
                .findFirst().orElseThrow();
        assertTrue(report.contains("which GitHub would not set to merge itself (Pull request Auto merge is not allowed for this repository)"), report);
    }

    @Test
    void aRebaseMergeOfThreeCommitsIsPickedCommitByCommit() throws Exception {
        List<String> original = rebaseMergeOfThree();
        String tip = git(work, "rev-parse", "HEAD");
        List<String> rebased = List.of(git(work, "rev-parse", "HEAD~2"), git(work, "rev-parse", "HEAD~1"), tip);
        serve(original);
        deliver("pull_request", prEvent("closed", mergedPullRequest(tip, List.of(RELEASE)), "Codertocat", null));
        assertPickedTree(expectedTree(rebased.toArray(String[]::new)), rebased.toArray(String[]::new));
        String head = bare.resolve("refs/heads/release-train/cherry-pick-2-to-" + RELEASE);
        assertEquals("3", bare.git(Map.of(), "rev-list", "--count", RELEASE + ".." + head)[1], "three commits, in order");
    }

    @Test
    void aMergeCommitIsPickedAsItsChangeAgainstTheFirstParent() throws Exception {
        git(work, "switch", "-q", "-c", "fix", RELEASE);
        String a = edit("app.txt", "line 6", "line six", "fix 1");
        String b = edit("app.txt", "line 8", "line eight", "fix 2");
        git(work, "switch", "-q", "main");
        git(work, "merge", "-q", "--no-ff", "fix", "-m", "Merge pull request #2 from fix");
        String merge = git(work, "rev-parse", "HEAD");
        serve(List.of(a, b));
        deliver("pull_request", prEvent("closed", mergedPullRequest(merge, List.of(RELEASE)), "Codertocat", null));
        assertPickedTree(expectedTree("-m", "1", merge), merge);
    }

    @Test
    void pushModeMovesTheBranchItself_andAChangeAlreadyThereIsSaidSo() throws Exception {
        git(work, "switch", "-q", RELEASE);
        String onRelease = edit("app.txt", "line 4", "line four", "the same fix, already on the release");
        git(work, "branch", "release-1.29.0", "HEAD~1");
        git(work, "switch", "-q", "main");
        String fix = edit("app.txt", "line 4", "line four", "Fix the thing (#2)");
        repo.file(REPO, null, ".github/release-train.yml", "cherry-pick:\n  mode: push\n");
        serve(List.of(fix));
        deliver("pull_request", prEvent("closed", mergedPullRequest(fix, List.of(RELEASE, "release-1.29.0")), "Codertocat", null));
        assertEquals(List.of(), repo.createdPulls(), "push mode opens no pull request");
        assertEquals(onRelease, bare.resolve("refs/heads/" + RELEASE), "already there: no empty commit on " + RELEASE);
        String pushed = bare.resolve("refs/heads/release-1.29.0");
        assertEquals(expectedTreeOn("release-1.29.0", fix), bare.git(Map.of(), "rev-parse", pushed + "^{tree}")[1]);
        String report = reports().get(0);
        assertTrue(report.contains("| `" + RELEASE + "` | ✅ already on `" + RELEASE + "` |"), report);
        assertTrue(report.contains("| `release-1.29.0` | ✅ pushed "), report);
    }

    private String expectedTreeOn(String branch, String commit) throws Exception {
        Path clone = dir.resolve("expected-" + branch);
        git(dir, "clone", "-q", work.toString(), clone.toString());
        git(clone, "switch", "-q", branch);
        git(clone, "cherry-pick", "-x", commit);
        return git(clone, "rev-parse", "HEAD^{tree}");
    }

    @Test
    void githubCallsPerCherryPick() throws Exception {
        List<String> original = rebaseMergeOfThree();
        String tip = git(work, "rev-parse", "HEAD");
        Path bareDir = dir.resolve("bare.git");
        git(dir, "clone", "-q", "--bare", work.toString(), bareDir.toString());
        bare = new GitData(bareDir);
        repo.git(REPO, bare);
        repo.pullRequestCommits(REPO, 2, original);
        server = TestServer.start(TestServer.settings(github.url()), w -> List.of(new CherryPickLabelledPullRequest(new SqlCherryPickRecords(w.db(), w.clock()), w.clock()).handler()));
        github.wireMock().resetRequests();
        deliver("pull_request", prEvent("closed", mergedPullRequest(tip, List.of(RELEASE)), "Codertocat", null));
        List<String> calls = github.apiCalls();
        System.out.println("GitHub calls for a 3-commit cherry-pick into a pull request: " + calls.size() + " " + calls);
        // fixed: config, the commits to pick (1 + PR commits + 2 walking back), existing PR, target ref, target
        // commit, temp ref delete/create/delete, work ref, PR, assignee, report (list + post); per commit: 5
        assertTrue(calls.size() <= 18 + 5 * 3, calls.toString());
    }

    /** The release branch and the fix change the same line, and the fix also changes another line cleanly. */
    private String conflictingFix() throws Exception {
        git(work, "switch", "-q", RELEASE);
        edit("app.txt", "line 3", "line 3 (patched on the release)", "release-only patch");
        git(work, "switch", "-q", "main");
        write("app.txt", Files.readString(work.resolve("app.txt")).replace("line 3", "line 3 (fixed on main)").replace("line 7", "line seven"));
        write("notes.txt", "a new file the fix adds\n");
        return commit("Fix the thing (#2)");
    }

    @Test
    void aConflictInPushModeLeavesNothingHalfMadeButTheCommandsAndALabel() throws Exception {
        String fix = conflictingFix();
        repo.file(REPO, null, ".github/release-train.yml", "cherry-pick:\n  mode: push\n");
        serve(List.of(fix));
        String before = bare.resolve("refs/heads/" + RELEASE);
        deliver("pull_request", prEvent("closed", mergedPullRequest(fix, List.of(RELEASE)), "Codertocat", null));
        assertEquals(List.of(), repo.createdPulls(), "no half-made pull request");
        assertEquals(before, bare.resolve("refs/heads/" + RELEASE), "the release branch untouched");
        assertEquals("", bare.git(Map.of(), "for-each-ref", "refs/heads/release-train/")[1]);
        String report = reports().get(0);
        assertTrue(report.contains("❌ conflict while picking " + fix.substring(0, 7)), report);
        assertTrue(report.contains("git switch -c release-train/cherry-pick-2-to-" + RELEASE + " origin/" + RELEASE), report);
        assertTrue(report.contains("git cherry-pick -x " + fix), report);
        assertTrue(repo.labels(REPO, 2).contains("cherry-pick-failed"));
    }

    @Test
    void aConflictArrivesAsADraftWithGitsMarkers_itsCheckFailsUntilTheResolutionIsPushed() throws Exception {
        String fix = conflictingFix();
        repo.file(REPO, null, ".github/release-train.yml", "cherry-pick:\n  auto-merge: true\n");
        serve(List.of(fix));
        repo.review(REPO, 2, "alice", false, "APPROVED", fix);
        String releaseHead = bare.resolve("refs/heads/" + RELEASE);
        int before = github.apiCalls().size();
        deliver("pull_request", prEvent("closed", mergedPullRequest(fix, List.of(RELEASE, "bug")), "Codertocat", null));
        // a figure for the notes, not a timing: what a conflicting pick of two files costs, draft and all
        System.out.println("GitHub calls for a conflicting pick drafted with markers (2 files): " + (github.apiCalls().size() - before));

        List<JsonNode> pulls = repo.createdPulls();
        assertEquals(1, pulls.size(), "the pick still arrives as a pull request");
        JsonNode draft = pulls.get(0);
        String work = "release-train/cherry-pick-2-to-" + RELEASE;
        assertTrue(draft.path("draft").asBoolean(), "a draft: it cannot merge with markers in it");
        assertEquals(work, draft.path("head").path("ref").asText());
        assertTrue(draft.path("body").asText().contains("- `app.txt`: 1 conflict"), draft.path("body").asText());
        assertTrue(draft.path("body").asText().contains("git switch " + work), draft.path("body").asText());
        assertEquals(List.of("bug"), repo.labels(REPO, 100), "labels carried, release label not");
        assertEquals("alice", draft.path("requested_reviewers").get(0).path("login").asText());
        assertEquals("Codertocat", draft.path("assignees").get(0).path("login").asText());
        assertTrue(draft.path("auto_merge").isMissingNode(), "a pick with conflicts never merges itself");

        // the head is one commit on the release branch: clean hunks applied, the conflict between git's markers
        String head = bare.resolve("refs/heads/" + work);
        assertEquals(releaseHead, bare.git(Map.of(), "rev-parse", head + "~1")[1]);
        String app = bare.fileAt(head, "app.txt");
        assertEquals("line 1\nline 2\n<<<<<<< " + RELEASE + "\nline 3 (patched on the release)\n=======\nline 3 (fixed on main)\n>>>>>>> "
                + fix.substring(0, 7) + " (Fix the thing (#2))\nline 4\nline 5\nline 6\nline seven\nline 8\n", app);
        assertEquals("a new file the fix adds\n", bare.fileAt(head, "notes.txt"), "a file only the fix touched, taken whole");
        assertTrue(bare.git(Map.of(), "log", "-1", "--format=%B", head)[1].contains("(cherry picked from commit " + fix + ")"));
        String report = reports().get(0);
        assertTrue(report.contains("⚠️ [draft pull request #100 has conflicts in `app.txt`](https://github.com/" + REPO + "/pull/100)"), report);
        assertTrue(!repo.labels(REPO, 2).contains("cherry-pick-failed"), "nothing for a person to start from nothing");

        // GitHub announces the draft; the check names the markers' lines
        ObjectNode opened = (ObjectNode) draft.deepCopy();
        deliver("pull_request", prEvent("opened", opened, "release-train[bot]", null));
        JsonNode failing = repo.checkRuns(head, KeepConflictMarkersOut.CHECK).get(0);
        assertEquals("failure", failing.path("conclusion").asText(), failing.toString());
        assertTrue(failing.path("output").path("summary").asText().contains("- `app.txt`: lines 3, 5, 7"), failing.toString());
        assertEquals(3, failing.path("output").path("annotations").path(0).path("start_line").asInt(), failing.toString());

        // someone resolves it and pushes: the check looks again and passes
        Path clone = dir.resolve("resolve");
        git(dir, "clone", "-q", dir.resolve("bare.git").toString(), clone.toString());
        git(clone, "switch", "-q", work);
        Files.writeString(clone.resolve("app.txt"), "line 1\nline 2\nline 3 (patched on the release, fixed on main)\nline 4\nline 5\nline 6\nline seven\nline 8\n");
        git(clone, "commit", "-q", "-am", "Resolve the conflicts");
        git(clone, "push", "-q", "origin", work);
        String resolved = bare.resolve("refs/heads/" + work);
        ((ObjectNode) opened.path("head")).put("sha", resolved);
        deliver("pull_request", prEvent("synchronize", opened, "Codertocat", null));
        JsonNode passing = repo.checkRuns(resolved, KeepConflictMarkersOut.CHECK).get(0);
        assertEquals("success", passing.path("conclusion").asText(), passing.toString());

        // the pick stays a conflict in the records until the draft merges, then it is done
        deliver("pull_request", prEvent("labeled", mergedPullRequest(fix, List.of(RELEASE, "bug")), "Codertocat", RELEASE));
        assertTrue(reports().get(0).contains("⚠️ [draft pull request #100"), "a repeat keeps the conflict: " + reports());
        assertEquals(1, repo.createdPulls().size());
        ObjectNode merged = opened.deepCopy().put("state", "closed").put("merged", true);
        deliver("pull_request", prEvent("closed", merged, "Codertocat", null));
        assertTrue(reports().get(0).contains("✅ [pull request #100 merged, its conflicts resolved by hand]"), reports().toString());
    }

    @Test
    void aFixToAWorkflowIsLeftToAPersonInPlainWords() throws Exception {
        Files.createDirectories(work.resolve(".github/workflows"));
        write(".github/workflows/ci.yml", "on: push\njobs: {}\n");
        String fix = commit("Fix the CI workflow (#2)");
        serve(List.of(fix));
        deliver("pull_request", prEvent("closed", mergedPullRequest(fix, List.of(RELEASE)), "Codertocat", null));
        assertEquals(List.of(), repo.createdPulls(), "no half-made pull request");
        assertEquals("", bare.git(Map.of(), "for-each-ref", "refs/heads/release-train/")[1], "no temporary branch left");
        String report = reports().get(0);
        assertTrue(report.contains("❌ GitHub does not let Release Train change workflow files (`.github/workflows/ci.yml`)"), report);
        assertTrue(report.contains("git cherry-pick -x " + fix), report);
        assertTrue(repo.labels(REPO, 2).contains("cherry-pick-failed"));
    }

    @Test
    void repeatsOpenNoSecondPullRequest_andAReadersLabelIsRefused() throws Exception {
        git(work, "switch", "-q", "main");
        String fix = edit("app.txt", "line 1", "line one", "Fix the thing (#2)");
        serve(List.of(fix));
        ObjectNode pr = mergedPullRequest(fix, List.of());
        deliver("pull_request", prEvent("labeled", pr, "mallory", RELEASE));
        assertEquals(List.of(), repo.createdPulls());
        assertTrue(reports().get(0).contains("🚫 @mallory added the label but has no write permission"), reports().toString());

        ObjectNode labelled = mergedPullRequest(fix, List.of(RELEASE));
        deliver("pull_request", prEvent("labeled", labelled, "Codertocat", RELEASE));
        // the same signed body posted again under another id is a replay: answered, not run
        byte[] again = JSON.writeValueAsBytes(prEvent("labeled", labelled, "Codertocat", RELEASE));
        assertEquals(200, server.deliver("pull_request", UUID.randomUUID().toString(), again).statusCode());
        ObjectNode relabelled = prEvent("labeled", labelled.deepCopy().put("updated_at", "2026-11-25T10:00:00Z"), "Codertocat", RELEASE);
        // the label taken off and put on again: another event, with another body
        deliver("pull_request", relabelled);
        deliver("pull_request", prEvent("closed", labelled, "Codertocat", null));
        assertEquals(1, repo.createdPulls().size(), "repeats report the existing pull request");
        assertEquals(1, reports().size(), "one report comment, edited in place");
        assertEquals(1, Integer.parseInt(bare.git(Map.of(), "rev-list", "--count", RELEASE + "..refs/heads/release-train/cherry-pick-2-to-" + RELEASE)[1]));
    }

}
