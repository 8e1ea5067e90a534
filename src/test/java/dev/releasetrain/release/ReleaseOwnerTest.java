package dev.releasetrain.release;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.cli.LedgerCommand;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.store.Database;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release owner's month through the webhook door, against a fake GitHub whose git data is a real repository:
 * start, bump, tag (refused, then forced), sync, status, cancel, and the calendar's own start and reminder.
 */
@NeedsSharedFixtures
class ReleaseOwnerTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String BRANCH = "release-1.30.0";
    private static final String CONFIG = ".github/release-train.yml";
    private static final String VERSION_FILES = "release:\n  version-files:\n    - path: app/version.py\n      pattern: 'VERSION = \"([^\"]*)\"'\n"
            + "    - path: app/versions.json\n      json-list: \"\"\n";
    /** Freeze day of November 2026's train (the release is Monday the 30th), mid-morning. */
    private static final Instant FREEZE_DAY = Instant.parse("2026-11-25T10:00:00Z");
    private static final String AFTER_THE_CUT = "2026-11-25T11:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicLong commentIds = new AtomicLong(7_000);
    @TempDir
    Path dir;
    private WorkRepo work;
    private GitData bare;
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;
    private String frozenHead;

    @BeforeEach
    void history() throws Exception {
        work = new WorkRepo(dir.resolve("work"));
        work.write("app/version.py", "# the version users see\nVERSION = \"1.29.0\"\n");
        work.write("app/versions.json", "[\n  \"1.28.0\",\n  \"1.29.0\"\n]\n");
        work.write("app.txt", "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");
        work.commit("Release 1.29.0");
        work.git("tag", "-a", "1.29.0", "-m", "Release 1.29.0");
        work.as("Alice", "alice@example.com").edit("app.txt", "line 1", "line one", "Make line one friendlier");
        work.as("Bob", "bob@example.com").write("db/migrations/0042_add_column.sql", "ALTER TABLE t ADD COLUMN c int;\n");
        frozenHead = work.commit("Add a column for the new report");
        work.as("Octo Cat", "octocat@example.com");
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        repo.permission(REPO, "Codertocat", "admin");
        repo.permission(REPO, "alice", "write");
        repo.permission(REPO, "reader", "read");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        github.close();
    }

    /** What the server's clock says: comments are made then. */
    private Instant now = Instant.now();

    private void serve(String config, Instant now) throws Exception {
        this.now = now;
        bare = work.serve(dir.resolve("bare.git"));
        repo.git(REPO, bare);
        repo.file(REPO, null, CONFIG, config);
        // the clock starts at `now` and runs: the checklist's gathering windows (and their follow-ups' ids) move on as
        // they do in production, so a refresh that ran early does not stand for every later event of the test
        server = TestServer.start(TestServer.settings(github.url()), Features::all,
                Clock.offset(Clock.systemUTC(), java.time.Duration.between(Instant.now(), now)));
    }

    // ---- deliveries ----

    /** A real issue_comment payload, changed to carry the command (and the repository's default branch, main here). */
    private ObjectNode comment(String body, String actor, long issue, String issueBody) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
        ((ObjectNode) p.get("comment")).put("body", body).put("id", commentIds.incrementAndGet()).put("created_at", now.toString());
        ((ObjectNode) p.get("issue")).put("number", issue).put("body", issueBody);
        ((ObjectNode) p.get("sender")).put("login", actor).put("type", "User");
        ((ObjectNode) p.get("repository")).put("default_branch", "main");
        return p;
    }

    private String deliver(String event, ObjectNode payload) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver(event, id, JSON.writeValueAsBytes(payload)).statusCode());
        var done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state(), done.toString());
        return id;
    }

    /** Runs the commands as a comment on the issue and returns the bot's reply to that comment. */
    private String command(String body, String actor, long issue) throws Exception {
        ObjectNode c = comment(body, actor, issue, issue == 1 ? "" : checklist().path("body").asText());
        int before = github.apiCalls().size();
        deliver("issue_comment", c);
        // a figure for the notes, not a timing: how many GitHub calls each command costs
        System.out.println("GitHub calls for " + body.replace("\n", " | ") + " by " + actor + ": " + (github.apiCalls().size() - before));
        return reply(issue, c.path("comment").path("id").asLong());
    }

    private String reply(long issue, long commentId) {
        List<String> replies = repo.comments(REPO, issue).stream().map(c -> c.path("body").asText())
                .filter(b -> b.startsWith("<!-- release-train:release-reply " + commentId + " -->")).toList();
        assertEquals(1, replies.size(), "one reply per command comment: " + replies);
        return replies.get(0);
    }

    private JsonNode checklist() {
        List<JsonNode> issues = repo.issues(REPO).stream().filter(i -> i.path("title").asText().equals("Release 1.30.0")).toList();
        assertEquals(1, issues.size(), "one checklist issue");
        return issues.get(0);
    }

    private long checklistNumber() {
        return checklist().path("number").asLong();
    }

    private String show(String rev, String path) {
        return bare.git(Map.of(), "show", rev + ":" + path)[1];
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    // ---- the scenarios ----

    @Test
    void startCutsTheBranchAtTheDefaultHeadAndOpensTheChecklist() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        String reply = command("Freeze time.\n/release start", "Codertocat", 1);

        assertEquals(frozenHead, bare.resolve("refs/heads/" + BRANCH), "cut from main's head");
        assertTrue(reply.contains("> /release start\n\n✅ Cut `" + BRANCH + "`"), reply);
        JsonNode issue = checklist();
        assertTrue(reply.contains("Opened #" + issue.path("number").asLong()), reply);
        assertEquals("release", issue.path("labels").get(0).path("name").asText());
        assertEquals("Codertocat", issue.path("assignees").get(0).path("login").asText());
        String body = issue.path("body").asText();
        assertTrue(body.startsWith("<!-- release-train:checklist 1.30.0 -->"), body);
        assertTrue(body.contains("| Code freeze | Wednesday 25 November 2026 |") && body.contains("| Release | Monday 30 November 2026 |"), body);
        assertTrue(body.contains("- [x] Cut and publish `" + BRANCH + "`"), body);
        assertTrue(body.contains("↳ `" + BRANCH + "` at [`" + frozenHead.substring(0, 7) + "`]"), body);
        assertTrue(body.matches("(?s).*by @Codertocat, 2026-11-25 10:\\d\\d UTC.*"), body);
        assertTrue(body.contains("- [ ] Bump the version files") && body.contains("- [ ] Deploy `" + BRANCH + "`"), body);
        assertTrue(body.contains("2 commits by 2 authors since 1.29.0."), body);
        assertTrue(body.contains("Make line one friendlier (@alice)") && body.contains("Add a column for the new report (@bob)"), body);
        assertTrue(body.contains("- `db/migrations/0042_add_column.sql`"), body);
        assertTrue(body.contains("Release owner: <!-- release-train:section owner -->@Codertocat<!-- release-train:end owner -->"), body);
        long commentId = commentIds.get();
        assertEquals(List.of("eyes", "rocket"), repo.reactions(commentId));
    }

    @Test
    void aPatchIsCutFromItsLinesTagWithItsPickLabel() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        String reply = command("/release start 1.29.1", "Codertocat", 1);

        String released = work.git("rev-parse", "1.29.0^{commit}");
        assertEquals(released, bare.resolve("refs/heads/release-1.29.1"), "the annotated tag's commit, not main's month of work");
        assertTrue(reply.contains("✅ Cut `release-1.29.1` at [`" + released.substring(0, 7) + "`]") && reply.contains("from the tag 1.29.0"), reply);
        String body = repo.issues(REPO).stream().filter(i -> i.path("title").asText().equals("Release 1.29.1")).findFirst().orElseThrow()
                .path("body").asText();
        assertTrue(body.contains("since 1.29.0") && !body.contains("Make line one friendlier"), body);
        assertEquals("Cherry-picks the merged fix into release-1.29.1", repo.repoLabel(REPO, "release-1.29.1").path("description").asText());
    }

    @Test
    void aFixLabelledBeforeTheCutWaitsAndIsOnTheBranchFromTheCut() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        mergeFix(5, frozenHead);
        await(() -> repo.comments(REPO, 5).stream().anyMatch(c -> c.path("body").asText().contains("will be in 1.30.0")), "the pick's answer");
        assertTrue(repo.comments(REPO, 5).stream().anyMatch(c -> c.path("body").asText().contains("| `" + BRANCH + "` | ⏳ will be in 1.30.0 when `"
                + BRANCH + "` is cut from the default branch |")), repo.comments(REPO, 5).toString());
        assertFalse(repo.labels(REPO, 5).contains("cherry-pick-failed"), "never cherry-pick-failed: " + repo.labels(REPO, 5));

        command("/release start", "Codertocat", 1);
        deliver("create", created(BRANCH, "branch"));
        await(() -> checklist().path("body").asText().contains("| #5 | ✅ already there | on `" + BRANCH + "` from the cut |"), "the fix on the branch");
        assertFalse(command("/release tag", "Codertocat", checklistNumber()).contains("#5"), "not a blocker");
    }

    @Test
    void aFixMergedStraightIntoTheReleaseBranchBelongsToTheRelease() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        String fix = work.edit("app.txt", "line 2", "line two", "Fix line 2 on the release branch (#9)");
        repo.pullRequestCommits(REPO, 9, List.of(fix));
        ObjectNode direct = merged(9, fix);
        ((ObjectNode) direct.get("pull_request").get("base")).put("ref", BRANCH);
        ((ObjectNode) direct.get("pull_request")).putArray("labels");
        ((ObjectNode) direct.get("pull_request").get("user")).put("login", "alice");
        deliver("pull_request", direct);

        String refused = command("/release tag", "Codertocat", n);
        assertTrue(refused.contains("#9 was merged without review"), "unreviewed, like any change in the release: " + refused);
        assertTrue(checklist().path("body").asText().contains("Fix #9"), "in the notes: " + checklist().path("body").asText());
    }

    @Test
    void bumpTagSyncAndEveryRepeatChangesNothingTwice() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();

        // after the freeze: a change on main, a fix that depends on it (its pick conflicts: a draft), and a fix that picks cleanly
        Path bareDir = dir.resolve("bare.git");
        String conflicting = fixThatConflicts();
        String clean = work.edit("app.txt", "line 7", "line seven", "Fix line 7 (#7)");
        work.git("push", "-q", bareDir.toString(), "main");
        mergeFix(7, clean);
        mergeFix(8, conflicting);
        JsonNode pick = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("release-train/cherry-pick-7-to-" + BRANCH))
                .findFirst().orElseThrow();
        assertTrue(command("/release status", "Codertocat", checklistNumber()).contains("open (#7)"), "a pick is not done while its pull request is open");
        closePick(pick, true);

        String tooEarly = command("/release tag", "Codertocat", n);
        assertTrue(tooEarly.contains("- the version files on `" + BRANCH + "` do not say 1.30.0 yet (`app/version.py`, `app/versions.json`): "
                + "`/release bump` first"), tooEarly);

        String bump = command("/release bump", "Codertocat", n);
        String bumped = bare.resolve("refs/heads/" + BRANCH);
        assertTrue(bump.contains("✅ Committed [`" + bumped.substring(0, 7) + "`]"), bump);
        assertEquals(frozenHead, bare.git(Map.of(), "rev-parse", bumped + "^")[1], "one commit on the freeze");
        assertEquals("app/version.py\napp/versions.json", bare.git(Map.of(), "diff", "--name-only", frozenHead, bumped)[1]);
        assertEquals("# the version users see\nVERSION = \"1.30.0\"", show(bumped, "app/version.py"));
        assertEquals("[\n  \"1.28.0\",\n  \"1.29.0\",\n  \"1.30.0\"\n]", show(bumped, "app/versions.json"));
        assertTrue(checklist().path("body").asText().contains("- [x] Bump the version files"), checklist().toString());

        String refused = command("/release tag", "Codertocat", n);
        assertTrue(refused.contains("❌ Not tagged: 1 thing blocks the release."), refused);
        assertTrue(refused.contains("the pick of #8 into `" + BRANCH + "` has conflicts to resolve in its draft pull request"), refused);
        assertNull(bare.resolve("refs/tags/1.30.0"));
        assertEquals(List.of(), repo.releases(REPO));

        String forced = command("/release tag --force", "Codertocat", n);
        assertTrue(forced.contains("✅ Tagged 1.30.0 at [`" + bumped.substring(0, 7) + "`]"), forced);
        assertEquals("tag", bare.git(Map.of(), "cat-file", "-t", "refs/tags/1.30.0")[1], "an annotated tag");
        assertTrue(bare.git(Map.of(), "cat-file", "-p", "refs/tags/1.30.0")[1].endsWith("\n\nVersion 1.30.0"), "the handbook's tag message");
        assertEquals("chore: Bump version to 1.30.0", bare.git(Map.of(), "log", "-1", "--format=%s", bumped)[1], "the handbook's bump message");
        assertEquals(bumped, bare.resolve("refs/tags/1.30.0"), "at the branch head");
        assertEquals(1, repo.releases(REPO).size());
        JsonNode release = repo.releases(REPO).get(0);
        assertEquals("1.30.0", release.path("tag_name").asText());
        assertTrue(release.path("body").asText().startsWith("## Release 1.30.0"), release.toString());
        String body = checklist().path("body").asText();
        assertTrue(body.matches("(?s).*### Overrides\n\n- `/release tag --force` by @Codertocat, 2026-11-25 10:\\d\\d UTC, over: the pick of #8 into `"
                + BRANCH + "` has conflicts.*"), body);
        assertTrue(body.contains("- [x] Tag 1.30.0"), body);
        assertTrue(body.contains("| #8 | ⚠️ conflicts to resolve |") && body.contains("| #7 | ✅ done |"), body);

        String sync = command("/release sync", "Codertocat", n);
        List<JsonNode> syncs = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).toList();
        assertEquals(1, syncs.size());
        assertEquals("main", syncs.get(0).path("base").path("ref").asText());
        assertTrue(sync.contains("✅ Opened [#" + syncs.get(0).path("number").asLong() + "]"), sync);
        String syncHead = bare.resolve("refs/heads/sync-1.30.0");
        assertEquals(work.git("rev-parse", "main"), bare.git(Map.of(), "rev-parse", syncHead + "^")[1], "the bump on top of main");
        assertEquals("# the version users see\nVERSION = \"1.30.0\"", show(syncHead, "app/version.py"));
        assertTrue(show(syncHead, "app.txt").contains("line seven"), "main's own changes kept");

        // every command again, in one comment, and the last delivery again: nothing new anywhere
        int commentsBefore = repo.comments(REPO, n).size();
        String again = command("/release start\n/release bump\n/release tag\n/release sync", "Codertocat", n);
        assertTrue(again.contains("was already cut") && again.contains("already say 1.30.0") && again.contains("The tag 1.30.0 exists already")
                && again.contains("The sync pull request exists already"), again);
        assertEquals(bumped, bare.resolve("refs/heads/" + BRANCH));
        assertEquals(bumped, bare.resolve("refs/tags/1.30.0"));
        assertEquals(syncHead, bare.resolve("refs/heads/sync-1.30.0"));
        assertEquals(1, repo.releases(REPO).size());
        assertEquals(1, repo.issues(REPO).size());
        assertEquals(1, repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).count());
        assertEquals(commentsBefore + 1, repo.comments(REPO, n).size(), "only the new comment's reply");
        ObjectNode last = comment("/release tag --force", "Codertocat", n, checklist().path("body").asText());
        String id = deliver("issue_comment", last);
        assertEquals(200, server.deliver("issue_comment", id, JSON.writeValueAsBytes(last)).statusCode(), "a redelivery is acknowledged, not redone");
        assertEquals(commentsBefore + 2, repo.comments(REPO, n).size());
        assertEquals(1, checklist().path("body").asText().split("/release tag --force` by", -1).length - 1, "one override record");
        assertEquals("", bare.git(Map.of(), "for-each-ref", "refs/heads/release-train/tmp-*")[1], "no temporary branch left");
    }

    /**
     * The handbook's month in the default pick mode (pull requests), through the door: a fix labelled before the cut,
     * picks that land as pull requests (one merged; one closed unmerged, then picked again and merged), a fix merged
     * straight into the release branch without review, tag and sync asked for too early, the tag once all is
     * resolved, a sync that brings back the direct fix and the bump, a late label answered without a write, and the
     * next patch cut from the tag.
     */
    @Test
    void theHandbooksMonthInTheDefaultPickMode() throws Exception {
        String early = work.edit("app.txt", "line 6", "line six", "Fix line 6 (#5)");
        serve(VERSION_FILES, FREEZE_DAY);
        Path bareDir = dir.resolve("bare.git");
        mergeFix(5, early);
        await(() -> repo.comments(REPO, 5).stream().anyMatch(c -> c.path("body").asText().contains("will be in 1.30.0")), "the early label's answer");

        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        assertTrue(checklist().path("body").asText().contains("| #5 | ⏳ waiting for a pick |"), checklist().toString());
        deliver("create", created(BRANCH, "branch")); // GitHub's word that the branch was made
        await(() -> checklist().path("body").asText().contains("| #5 | ✅ already there | on `" + BRANCH + "` from the cut |"),
                "the fix that waited is on the branch from the cut");
        assertTrue(repo.comments(REPO, 5).stream().anyMatch(c -> c.path("body").asText().contains("✅ already on `" + BRANCH + "`")),
                "and its comment says so: " + repo.comments(REPO, 5));

        // after the cut: two fixes on main, labelled for the release; each pick arrives as a pull request
        String seven = work.edit("app.txt", "line 7", "line seven", "Fix line 7 (#7)");
        String eight = work.edit("app.txt", "line 8", "line eight", "Fix line 8 (#8)");
        work.git("push", "-q", bareDir.toString(), "main");
        mergeFix(7, seven, AFTER_THE_CUT);
        mergeFix(8, eight, AFTER_THE_CUT);
        String tooEarly = command("/release tag", "Codertocat", n);
        assertTrue(tooEarly.contains("the version files on `" + BRANCH + "` do not say 1.30.0 yet"), tooEarly);
        assertTrue(tooEarly.contains("the pick of #7 into `" + BRANCH + "` is an open pull request") && tooEarly.contains("the pick of #8"), tooEarly);
        assertTrue(command("/release sync", "Codertocat", n).contains("1.30.0 is not tagged yet. `/release tag` first"));

        mergePick(pickPullRequest(7));
        closePick(pickPullRequest(8), false);
        String missing = command("/release status", "Codertocat", n);
        assertTrue(missing.contains("missing (#8)"), missing);
        ObjectNode pr8 = (ObjectNode) merged(8, eight).get("pull_request").deepCopy();
        pr8.put("merged_at", AFTER_THE_CUT);
        repo.pullRequest(REPO, 8, pr8);
        ObjectNode again = comment("/cherry-pick " + BRANCH, "Codertocat", 8, "");
        ((ObjectNode) again.get("issue")).putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/8");
        deliver("issue_comment", again);
        assertEquals(2, repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("release-train/cherry-pick-8-to-" + BRANCH)).count(),
                "closed unmerged, picked again: a new pull request");
        mergePick(pickPullRequest(8));

        // a fix made on the release branch itself, merged without review
        work.git("fetch", "-q", bareDir.toString(), BRANCH + ":" + BRANCH);
        work.git("switch", "-q", BRANCH);
        String direct = work.as("Alice", "alice@example.com").edit("app.txt", "line 2", "line two", "Fix line 2 on the release branch (#9)");
        work.git("push", "-q", bareDir.toString(), BRANCH);
        work.git("switch", "-q", "main");
        work.as("Octo Cat", "octocat@example.com");
        repo.pullRequestCommits(REPO, 9, List.of(direct));
        ObjectNode nine = merged(9, direct);
        ((ObjectNode) nine.get("pull_request").get("base")).put("ref", BRANCH);
        ((ObjectNode) nine.get("pull_request")).putArray("labels");
        ((ObjectNode) nine.get("pull_request").get("user")).put("login", "alice");
        deliver("pull_request", nine);

        command("/release bump", "Codertocat", n);
        String unreviewed = command("/release tag", "Codertocat", n);
        assertTrue(unreviewed.contains("❌ Not tagged: 1 thing blocks the release.") && unreviewed.contains("#9 was merged without review"), unreviewed);
        assertNull(bare.resolve("refs/tags/1.30.0"));
        ObjectNode review = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request_review", "submitted.payload.json"));
        ((ObjectNode) review.get("review")).put("state", "approved").put("commit_id", direct).putObject("user").put("login", "Codertocat").put("type", "User");
        ObjectNode reviewed = (ObjectNode) review.get("pull_request");
        reviewed.put("number", 9).put("state", "closed").put("merged_at", "2026-11-25T09:00:00Z");
        ((ObjectNode) reviewed.get("user")).put("login", "alice");
        deliver("pull_request_review", review);

        String tagged = command("/release tag", "Codertocat", n);
        assertTrue(tagged.contains("✅ Tagged 1.30.0"), tagged);
        String branchHead = bare.resolve("refs/heads/" + BRANCH);
        assertEquals(branchHead, bare.resolve("refs/tags/1.30.0"));
        String body = checklist().path("body").asText();
        assertTrue(body.contains("| #7 | ✅ done |") && body.contains("| #8 | ✅ done |"), body);
        assertTrue(body.contains("Fix #9 (#9) @alice, fixed on the release branch"), "the direct fix in the notes, as such: " + body);

        String sync = command("/release sync", "Codertocat", n);
        assertTrue(sync.contains("✅ Opened"), sync);
        JsonNode syncPr = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).findFirst().orElseThrow();
        String syncHead = bare.resolve("refs/heads/sync-1.30.0");
        assertEquals(work.git("rev-parse", "main"), bare.git(Map.of(), "rev-parse", syncHead + "~2")[1], "two commits on main: the fix and the bump");
        assertTrue(show(syncHead, "app.txt").contains("line two"), "the direct fix brought back");
        assertEquals("# the version users see\nVERSION = \"1.30.0\"", show(syncHead, "app/version.py"), "the bump brought back");
        assertTrue(syncPr.path("body").asText().contains(direct.substring(0, 7)) && syncPr.path("body").asText().contains("Not brought back: 2 cherry-pick(s)"),
                syncPr.path("body").asText());
        // the ledger holds the month as it happened, and follows the sync pull request's merge on GitHub
        ObjectNode syncMerged = merged(syncPr.path("number").asLong(), syncHead);
        ((ObjectNode) syncMerged.get("pull_request")).put("merged_at", AFTER_THE_CUT);
        ((ObjectNode) syncMerged.get("pull_request").get("head")).put("ref", "sync-1.30.0").putObject("repo").put("full_name", REPO);
        ((ObjectNode) syncMerged.get("pull_request").get("user")).put("login", "release-train[bot]").put("type", "Bot");
        ((ObjectNode) syncMerged.get("pull_request")).putArray("labels");
        deliver("pull_request", syncMerged);
        assertEquals(List.of("cut cut", "taken #5 merged", "pick #5 already", "pick #7 done", "pick #8 done", "fix #9 merged", "bump done", "tag done",
                "sync merged"), ledger("1.30.0"));

        // a label for the tagged release, late: answered, nothing written to the shipped branch
        String late = work.edit("app.txt", "line 4", "line four", "Fix line 4 (#11)");
        work.git("push", "-q", bareDir.toString(), "main");
        repo.pullRequestCommits(REPO, 11, List.of(late));
        int pulls = repo.createdPulls().size();
        deliver("pull_request", merged(11, late));
        assertEquals(branchHead, bare.resolve("refs/heads/" + BRANCH), "the tagged branch untouched");
        assertEquals(pulls, repo.createdPulls().size(), "no pick pull request");
        assertTrue(repo.comments(REPO, 11).stream().anyMatch(c -> c.path("body").asText().contains("1.30.0 is tagged, so nothing was picked into `"
                + BRANCH + "`: to ship this fix in the next patch, label it `release-1.30.1`")), repo.comments(REPO, 11).toString());

        String patch = command("/release start 1.30.1", "Codertocat", 1);
        assertEquals(branchHead, bare.resolve("refs/heads/release-1.30.1"), "the patch is cut from the tag: " + patch);
    }

    /**
     * The handbook's steps taken by hand reach the ledger and the checklist without a command: a bump pushed to the
     * release branch, a tag pushed, and the tag deleted again.
     */
    @Test
    void stepsTakenByHandReachTheLedgerAndTheChecklist() throws Exception {
        serve("release:\n  version-files:\n    - path: app/version.py\n      pattern: 'VERSION = \"([^\"]*)\"'\n", FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        Path bareDir = dir.resolve("bare.git");
        work.git("fetch", "-q", bareDir.toString(), BRANCH + ":" + BRANCH);
        work.git("switch", "-q", BRANCH);
        String bump = work.edit("app/version.py", "1.29.0", "1.30.0", "chore: Bump version to 1.30.0");
        work.git("push", "-q", bareDir.toString(), BRANCH);
        work.git("switch", "-q", "main");
        ObjectNode push = (ObjectNode) JSON.readTree(Fixtures.webhook("push", "with-installation.payload.json"));
        push.put("ref", "refs/heads/" + BRANCH).put("after", bump);
        ((ObjectNode) push.get("repository")).put("default_branch", "main");
        deliver("push", push);
        await(() -> checklist().path("body").asText().contains("- [x] Bump"), "the bump ticked after the push");
        assertTrue(checklist().path("body").asText().contains("seen after a push to `" + BRANCH + "`"), checklist().toString());
        assertEquals(List.of("cut cut", "bump done"), ledger("1.30.0"));

        bare.git(Map.of(), "tag", "1.30.0", bump);
        ObjectNode create = created("1.30.0", "tag");
        ((ObjectNode) create.get("sender")).put("login", "alice").put("type", "User");
        deliver("create", create);
        assertEquals(List.of("cut cut", "bump done", "tag done"), ledger("1.30.0"));
        await(() -> checklist().path("body").asText().contains("pushed by @alice"), "the tag ticked, with who pushed it");

        ObjectNode delete = (ObjectNode) JSON.readTree(Fixtures.webhook("delete", "with-installation.payload.json"));
        delete.put("ref", "1.30.0").put("ref_type", "tag");
        deliver("delete", delete);
        assertEquals(List.of("cut cut", "bump done"), ledger("1.30.0"), "a tag deleted is gone from the ledger");
        ObjectNode other = create.deepCopy().put("ref", "v9-not-a-release");
        deliver("create", other);
        assertEquals(List.of("cut cut", "bump done"), ledger("1.30.0"), "a tag of no release changes nothing");
    }

    @Test
    void aPickWhoseConflictsWereResolvedByHandNeedsAReviewOfItsOwn() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        Path bareDir = dir.resolve("bare.git");
        String conflicting = fixThatConflicts();
        work.git("push", "-q", bareDir.toString(), "main");
        mergeFix(8, conflicting);
        JsonNode draft = pickPullRequest(8);
        assertTrue(draft.path("draft").asBoolean(), draft.toString());

        // a person resolves the markers on the pick's branch, and the draft merges without anyone reviewing that
        String branch = draft.path("head").path("ref").asText();
        work.git("fetch", "-q", bareDir.toString(), branch + ":" + branch);
        work.git("switch", "-q", branch);
        work.write("app.txt", "line one\nline 2\nline 3 (fixed)\nline 4\nline 5\nline 6\nline 7\nline 8\n");
        work.commit("Resolve the conflicts");
        work.git("push", "-q", bareDir.toString(), branch);
        work.git("switch", "-q", "main");
        mergePick(draft);
        await(() -> checklist().path("body").asText().contains("| #8 | ✅ done, conflicts resolved by hand |"), "the checklist's pick row");

        command("/release bump", "Codertocat", n);
        long pick = draft.path("number").asLong();
        String refused = command("/release tag", "Codertocat", n);
        assertTrue(refused.contains("#" + pick + " was merged without review"), "the resolution is a change of its own: " + refused);
        ObjectNode review = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request_review", "submitted.payload.json"));
        ((ObjectNode) review.get("review")).put("state", "approved").putObject("user").put("login", "alice").put("type", "User");
        ObjectNode reviewed = (ObjectNode) review.get("pull_request");
        reviewed.put("number", pick).put("state", "closed").put("merged_at", "2026-11-25T10:00:00Z");
        ((ObjectNode) reviewed.get("user")).put("login", "release-train[bot]").put("type", "Bot");
        deliver("pull_request_review", review);
        assertTrue(command("/release tag", "Codertocat", n).contains("✅ Tagged 1.30.0"), "reviewed: nothing blocks the tag");
    }

    /** The newest pull request the bot opened to pick {@code fix} into the release branch. */
    private JsonNode pickPullRequest(long fix) {
        List<JsonNode> picks = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("release-train/cherry-pick-" + fix + "-to-" + BRANCH))
                .toList();
        return picks.get(picks.size() - 1);
    }

    /** The pick's pull request merged on GitHub (a fast-forward of the release branch here) and the delivery saying so. */
    private void mergePick(JsonNode created) throws Exception {
        String head = bare.resolve("refs/heads/" + created.path("head").path("ref").asText());
        bare.git(Map.of(), "update-ref", "refs/heads/" + BRANCH, head);
        closePick(created, true);
    }

    /** The pick's pull request closed on GitHub, merged or not, and the delivery saying so. */
    private void closePick(JsonNode created, boolean merged) throws Exception {
        ObjectNode open = (ObjectNode) created;
        open.put("state", "closed");
        if (merged) {
            open.put("merged_at", "2026-11-25T10:00:00Z");
        }
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "closed.payload.json"));
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("number", created.path("number").asLong()).put("merged", merged).put("state", "closed").put("html_url", created.path("html_url").asText())
                .put("merged_at", merged ? "2026-11-25T10:00:00Z" : null);
        ((ObjectNode) pr.get("head")).put("ref", created.path("head").path("ref").asText());
        ((ObjectNode) pr.get("base")).put("ref", created.path("base").path("ref").asText());
        pr.putArray("labels");
        ((ObjectNode) pr.get("user")).put("login", "release-train[bot]").put("type", "Bot"); // the bot opened it
        payload.put("number", created.path("number").asLong());
        deliver("pull_request", payload);
    }

    /** A change on main after the cut, and a fix (#8) that rewrites what it changed: its pick into the release conflicts. */
    private String fixThatConflicts() throws Exception {
        work.edit("app.txt", "line 3", "line 3 (reworded on main)", "Reword line 3");
        return work.edit("app.txt", "line 3 (reworded on main)", "line 3 (fixed)", "Fix line 3 (#8)");
    }

    /** A fix on the default branch, approved by alice and merged with the release's label: the bot picks it. */
    private void mergeFix(long number, String sha) throws Exception {
        mergeFix(number, sha, "2026-11-25T09:00:00Z");
    }

    /** A reviewed fix merged into main at {@code when} (the server's clock stands at the freeze day's 10:00). */
    private void mergeFix(long number, String sha, String when) throws Exception {
        repo.pullRequestCommits(REPO, number, List.of(sha));
        repo.review(REPO, number, "alice", false, "APPROVED", sha);
        ObjectNode payload = merged(number, sha);
        ((ObjectNode) payload.get("pull_request")).put("merged_at", when);
        deliver("pull_request", payload);
    }

    /** GitHub's {@code create} event for a branch or tag {@code ref}. */
    private static ObjectNode created(String ref, String type) throws Exception {
        return ((ObjectNode) JSON.readTree(Fixtures.webhook("create", "with-installation.payload.json"))).put("ref", ref).put("ref_type", type);
    }

    /** The release's ledger as the {@code ledger} command gives it: "kind #number state", a row each. */
    private List<String> ledger(String version) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new LedgerCommand(ServerSettings.load(Map.of("DATABASE_URL", server.databaseUrl()), Path.of("no.env")))
                .run(List.of("--repo", REPO, "--release", version, "--json"), new java.io.PrintStream(out, true));
        List<String> rows = new java.util.ArrayList<>();
        for (JsonNode r : JSON.readTree(out.toString())) {
            rows.add(r.path("kind").asText() + (r.path("number").isNull() ? "" : " #" + r.path("number").asLong()) + " " + r.path("state").asText());
        }
        return rows;
    }

    private ObjectNode merged(long number, String sha) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "closed.payload.json"));
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("number", number).put("merged", true).put("merge_commit_sha", sha).put("state", "closed").put("title", "Fix #" + number)
                .put("merged_at", "2026-11-25T09:00:00Z");
        ((ObjectNode) pr.get("base")).put("ref", "main");
        ArrayNode labels = pr.putArray("labels");
        labels.addObject().put("name", BRANCH);
        payload.put("number", number);
        ((ObjectNode) payload.get("sender")).put("login", "Codertocat");
        return payload;
    }

    @Test
    void theChecklistFollowsPicksWithoutACommand_aBurstBeingFewerEdits() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        assertTrue(checklist().path("body").asText().contains("None yet. Label a merged fix"), "no picks at the start");
        Path bareDir = dir.resolve("bare.git");
        List<String> fixes = List.of(work.edit("app.txt", "line 7", "line seven", "Fix line 7 (#7)"),
                work.edit("app.txt", "line 2", "line two", "Fix line 2 (#9)"), work.edit("app.txt", "line 5", "line five", "Fix line 5 (#11)"));
        work.git("push", "-q", bareDir.toString(), "main");
        int editsBefore = checklistEdits(n);
        // a burst: the three merges arrive together, as when a queue merges them
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < fixes.size(); i++) {
            repo.pullRequestCommits(REPO, 7 + 2L * i, List.of(fixes.get(i)));
            ids.add(UUID.randomUUID().toString());
            assertEquals(202, server.deliver("pull_request", ids.get(i), JSON.writeValueAsBytes(merged(7 + 2L * i, fixes.get(i)))).statusCode());
        }
        for (String id : ids) {
            assertEquals(DeliveryState.DONE, server.awaitFinished(id).state());
        }
        await(() -> List.of("#7", "#9", "#11").stream().allMatch(checklist().path("body").asText()::contains),
                "the cherry-picks section listing all three, with no /release command");
        Thread.sleep(KeepChecklistCurrent.GATHER_MILLIS + 2_000); // any refresh still due has run
        int edits = checklistEdits(n) - editsBefore;
        // the merges fall in at most two gathering windows: fewer edits than events (one when they share a window)
        assertTrue(edits >= 1 && edits < fixes.size(), edits + " edits for " + fixes.size() + " merges");
    }

    /** How many times the bot has changed the checklist issue's body. */
    private int checklistEdits(long n) {
        return (int) github.requests().stream().filter(r -> r.getMethod().getName().equals("PATCH")
                && r.getUrl().equals("/repos/" + REPO + "/issues/" + n) && r.getBodyAsString().contains("\"body\"")).count();
    }

    @Test
    void aBumpMadeByHandIsWhatSyncBringsBack() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        Path bareDir = dir.resolve("bare.git");
        // the handbook's way: the release owner bumps the version files on the release branch; a fix is picked there too
        work.git("fetch", "-q", bareDir.toString(), BRANCH + ":" + BRANCH);
        work.git("switch", "-q", BRANCH);
        String fix = work.edit("app.txt", "line 5", "line five", "Fix line 5 (#9)");
        work.as("Alice", "alice@example.com").write("app/version.py", "# the version users see\nVERSION = \"1.30.0\"\n");
        work.write("app/versions.json", "[\n  \"1.28.0\",\n  \"1.29.0\",\n  \"1.30.0\"\n]\n");
        String byHand = work.commit("Version 1.30.0");
        work.git("push", "-q", bareDir.toString(), BRANCH);
        work.git("switch", "-q", "main");
        String onMain = work.edit("app.txt", "line 8", "line eight", "Reword line 8 on main");
        work.git("push", "-q", bareDir.toString(), "main");
        work.git("switch", "-q", BRANCH); // main's change picked onto the release too, as git cherry-pick -x marks it
        work.git("cherry-pick", "-x", onMain);
        work.git("push", "-q", bareDir.toString(), BRANCH);
        work.git("switch", "-q", "main");
        work.edit("app.txt", "line 3", "line three", "Reword line 3 on main");
        work.git("push", "-q", bareDir.toString(), "main");
        work.git("switch", "-q", BRANCH); // the same change made again on the release branch by hand: no trailer, another subject
        String typedAgain = work.edit("app.txt", "line 3", "line three", "Same wording for line 3 on the release");
        work.git("push", "-q", bareDir.toString(), BRANCH);
        work.git("switch", "-q", "main");

        String status = command("/release status", "Codertocat", n);
        assertTrue(status.contains(byHand.substring(0, 7)), "status names the bump commit: " + status);
        String early = command("/release sync", "alice", n);
        assertTrue(early.contains("❌ Not synced: 1.30.0 is not tagged yet. `/release tag` first"), early);
        assertEquals(List.of(), repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).toList());
        String tagged = command("/release tag", "Codertocat", n);
        assertTrue(tagged.contains("✅ Tagged 1.30.0"), "the hand bump lets the tag through: " + tagged);
        String sync = command("/release sync", "alice", n);
        assertTrue(sync.contains("✅ Opened"), sync);
        List<JsonNode> syncs = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).toList();
        assertEquals(1, syncs.size());
        assertTrue(syncs.get(0).path("body").asText().contains(byHand.substring(0, 7)), "the pull request names the commit");
        String syncHead = bare.resolve("refs/heads/sync-1.30.0");
        assertEquals(work.git("rev-parse", "main"), bare.git(Map.of(), "rev-parse", syncHead + "^^")[1], "two commits on top of main");
        assertEquals("# the version users see\nVERSION = \"1.30.0\"", show(syncHead, "app/version.py"));
        assertTrue(show(syncHead, "app.txt").contains("line eight") && show(syncHead, "app.txt").contains("line five"),
                "main's own change kept, and the fix made on the release branch brought back");
        assertTrue(bare.git(Map.of(), "log", "-1", "--format=%B", syncHead)[1].contains("(cherry picked from commit " + byHand + ")"));
        assertTrue(bare.git(Map.of(), "log", "-1", "--format=%B", syncHead + "^")[1].contains("(cherry picked from commit " + fix + ")"));
        String body = syncs.get(0).path("body").asText();
        assertTrue(body.contains(fix.substring(0, 7) + "`](") && body.contains("Not brought back: 1 cherry-pick(s)"), body);
        assertTrue(body.contains("Not brought back either, `main` has the same change already: [`" + typedAgain.substring(0, 7)), body);
        assertTrue(show(syncHead, "app.txt").contains("line three"), "main's wording, the same as the release's");

        ((ObjectNode) syncs.get(0)).put("state", "closed"); // closed without merging: the sync is not done
        String again = command("/release sync", "alice", n);
        assertTrue(again.contains("✅ Opened"), again);
        assertEquals(2, repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).count());
        assertEquals(syncHead, bare.resolve("refs/heads/sync-1.30.0"), "the branch already carries it: nothing picked twice");
        assertTrue(checklist().path("body").asText().contains(byHand.substring(0, 7)), "the checklist's evidence names it");
    }

    @Test
    void statusRechecksAnUntickedBotStep_notesAndCancel() throws Exception {
        serve(VERSION_FILES, FREEZE_DAY);
        command("/release start", "Codertocat", 1);
        long n = checklistNumber();
        command("/release bump", "Codertocat", n);
        String ticked = checklist().path("body").asText();
        repo.editIssueBody(REPO, n, ticked.replace("- [x] Bump the version files", "- [ ] Bump the version files")
                .replace("- [ ] Deploy", "- [x] Deploy"));

        String status = command("/release status", "reader", n);
        String body = checklist().path("body").asText();
        assertTrue(body.contains("- [x] Bump the version files"), "re-checked against git and ticked again: " + body);
        assertTrue(body.contains("- [x] Deploy"), "a person's tick is theirs");
        assertTrue(status.contains("✅ **1.30.0**: owner @Codertocat (#" + n + "). Code freeze Wed 25 Nov, release Mon 30 Nov."), status);
        assertTrue(status.contains("Steps: 4 of 9 done. Left:"), status);
        assertTrue(status.contains("Migrations in the release: `db/migrations/0042_add_column.sql`."), status);

        String notes = command("/release notes", "Codertocat", n);
        assertTrue(notes.contains("✅ Regenerated the notes in #" + n), notes);
        String owner = command("/release owner @alice", "Codertocat", n);
        assertTrue(owner.contains("@alice owns 1.30.0 now, taking over from @Codertocat."), owner);
        assertEquals("alice", checklist().path("assignees").get(0).path("login").asText());
        assertTrue(checklist().path("body").asText().contains("section owner -->@alice<!--"));

        String cancel = command("/release cancel", "alice", n);
        assertTrue(cancel.contains("✅ Cancelled 1.30.0 (#" + n + ")"), cancel);
        assertEquals("closed", checklist().path("state").asText());
        assertEquals("not_planned", checklist().path("state_reason").asText());
        assertTrue(checklist().path("body").asText().contains("**Cancelled** by @alice"), checklist().toString());
        assertTrue(command("/release bump", "alice", n).contains("❌ 1.30.0 was cancelled"));
        assertTrue(bare.resolve("refs/heads/" + BRANCH) != null, "nothing deleted");
    }

    @Test
    void onFreezeDayTheCalendarStartsTheReleaseWithTheNextOwner_once() throws Exception {
        serve(VERSION_FILES + "  auto-start: true\n  owners: [Codertocat, alice]\n", FREEZE_DAY);
        ObjectNode push = (ObjectNode) JSON.readTree(Fixtures.webhook("push", "with-installation.payload.json"));
        push.put("ref", "refs/heads/main");
        ((ObjectNode) push.get("repository")).put("default_branch", "main");
        deliver("push", push);
        await(() -> repo.issues(REPO).size() == 1, "the checklist");
        await(() -> checklist().path("body").asText().contains("- [x] Cut"), "the cut ticked");
        assertEquals(frozenHead, bare.resolve("refs/heads/" + BRANCH));
        assertEquals("Codertocat", checklist().path("assignees").get(0).path("login").asText(), "the first of the rotation");
        assertTrue(checklist().path("body").asText().matches("(?s).*on schedule, 2026-11-25 10:\\d\\d UTC.*"), checklist().toString());

        deliver("push", push);
        assertEquals(1, repo.issues(REPO).size(), "a month's start runs once");
        // the freeze follow-up schedules next month's once its start is done: wait for it, not for the ticked box
        await(() -> {
            try {
                return server.app().store().history().find("release-calendar:" + REPO + ":2026-11:freeze").map(d -> d.state() == DeliveryState.DONE)
                        .orElse(false);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "the freeze follow-up done");
        try (Database db = Database.open(server.databaseUrl())) {
            assertEquals(List.of("release-calendar:" + REPO + ":2026-11:freeze", "release-calendar:" + REPO + ":2026-12:freeze",
                            "release-calendar:" + REPO + ":2026-12:reminder"),
                    db.query("SELECT id FROM deliveries WHERE event = ? UNION SELECT id FROM follow_ups WHERE event = ? ORDER BY id",
                            rs -> rs.getString(1), FollowReleaseCalendar.EVENT, FollowReleaseCalendar.EVENT), "run, or waiting for their day");
            Release started = new SqlReleaseRecords(db).find(REPO, Version.parse("1.30.0").orElseThrow()).orElseThrow();
            assertEquals("alice", FollowReleaseCalendar.nextOwner(new dev.releasetrain.config.RepoConfigParser()
                    .settings(VERSION_FILES + "  owners: [Codertocat, alice]\n").release(), List.of(started)), "next month: the next in the rotation");
        }
    }

    @Test
    void withoutAutoStartTheLastChecklistGetsAReminderTwoDaysBefore() throws Exception {
        serve(VERSION_FILES, Instant.parse("2026-11-23T10:00:00Z"));
        ObjectNode last = repo.issue(REPO, "Release 1.29.0", "<!-- release-train:checklist 1.29.0 -->\nlast month's");
        try (Database db = Database.open(server.databaseUrl())) {
            new SqlReleaseRecords(db).save(new Release(REPO, Version.parse("1.29.0").orElseThrow(), last.path("number").asLong(), "alice", false,
                    Optional.of("1.28.0"), frozenHead, Instant.parse("2026-10-21T10:00:00Z").toEpochMilli(), null));
        }
        ObjectNode push = (ObjectNode) JSON.readTree(Fixtures.webhook("push", "with-installation.payload.json"));
        push.put("ref", "refs/heads/main");
        ((ObjectNode) push.get("repository")).put("default_branch", "main");
        deliver("push", push);
        long number = last.path("number").asLong();
        await(() -> !repo.comments(REPO, number).isEmpty(), "the reminder");
        String reminder = repo.comments(REPO, number).get(0).path("body").asText();
        assertTrue(reminder.contains("the code freeze for the next release is on Wednesday 25 November, and the release on Monday 30 November"), reminder);
        assertTrue(reminder.contains("`/release start 1.30.0`"), reminder);
        assertNull(bare.resolve("refs/heads/" + BRANCH), "no start without auto-start");
        deliver("push", push);
        assertEquals(1, repo.comments(REPO, number).size());
        assertFalse(repo.issues(REPO).stream().anyMatch(i -> i.path("title").asText().equals("Release 1.30.0")));
    }
}
