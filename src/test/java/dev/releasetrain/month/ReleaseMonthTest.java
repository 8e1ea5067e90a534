package dev.releasetrain.month;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.ChildServer;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.GitData;
import dev.releasetrain.testing.Stores;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import dev.releasetrain.testing.WorkRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole release month through the webhook door, every feature on, against a fake GitHub whose git data is a real
 * repository: a dozen pull requests (reviewed, self-approved, an emergency, highlights, a destructive and a safe
 * migration), the freeze, fixes picked cleanly and with a conflict, the owner's commands, the blockers resolved,
 * the tag and the sync. Then the same month with deliveries doubled and reordered, and under a GitHub failing a
 * fifth of its calls: the end state must be the same, with nothing made twice.
 */
@NeedsSharedFixtures
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT) // five independent months
class ReleaseMonthTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String BRANCH = "release-1.30.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = "cherry-pick:\n  mode: push\nrelease:\n  version-files:\n    - path: app/version.py\n"
            + "      pattern: 'VERSION = \"([^\"]*)\"'\n    - path: app/versions.json\n      json-list: \"\"\n";
    @TempDir
    Path dir;
    private WorkRepo work;
    private GitData bare;
    private Path bareDir;
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;
    private final Map<Long, ObjectNode> prs = new HashMap<>();
    private final AtomicLong ids = new AtomicLong(50_000);
    private final List<String[]> held = new ArrayList<>();
    private Mode mode;
    private Random random;

    /**
     * How deliveries travel: as sent; each twice with the events between merges reordered; through a GitHub failing a
     * fifth of its calls; to a server (a child JVM) killed with SIGKILL at three random points and started again; to
     * a fleet of three replicas on PostgreSQL taking turns, one SIGKILLed and another stopped and started again.
     */
    enum Mode { PLAIN, DOUBLED_AND_REORDERED, GITHUB_FAILING, KILLED, FLEET }

    private ChildServer child;
    private final List<ChildServer> fleet = new ArrayList<>();
    private int turn;
    private int terminateAt;
    private final Set<Integer> killAt = new HashSet<>();
    private int sent;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (child != null) {
            child.close();
        }
        fleet.forEach(ChildServer::close);
        if (github != null) {
            github.close();
        }
    }

    @Test
    void theMonth() throws Exception {
        month(Mode.PLAIN, 1);
    }

    @Test
    void theMonthWithEveryDeliveryTwiceAndSomeOutOfOrder() throws Exception {
        month(Mode.DOUBLED_AND_REORDERED, Long.getLong("month.seed", 7));
    }

    @Test
    void theMonthWhileAFifthOfGitHubCallsFail() throws Exception {
        month(Mode.GITHUB_FAILING, Long.getLong("month.seed", 20_261_122));
    }

    @Test
    void theMonthWithTheServerKilledThreeTimes() throws Exception {
        month(Mode.KILLED, Long.getLong("month.seed", 42));
    }

    @Test
    void theMonthOnAFleetOfThreeReplicasOneKilledOneRestarted() throws Exception {
        month(Mode.FLEET, Long.getLong("month.seed", 3));
    }

    // ---- the month ----

    private void month(Mode mode, long seed) throws Exception {
        this.mode = mode;
        this.random = new Random(seed);
        System.out.println("the month, " + mode + ", seed " + seed + " (-Dmonth.seed to replay)");
        history();
        Map<String, String> env = TestServer.settings(github.url());
        env.put("MAX_ATTEMPTS", "60"); // a failing GitHub costs attempts; every step resumes where the last one stopped
        if (mode == Mode.KILLED) {
            env.put("PRIVATE_KEY", TestKeys.privatePem());
            child = new ChildServer(env, dir.resolve("month.db")).start();
            while (killAt.size() < 3) {
                killAt.add(5 + random.nextInt(80)); // among the ~90 deliveries of the month
            }
        } else if (mode == Mode.FLEET) {
            env.put("PRIVATE_KEY", TestKeys.privatePem());
            String url = Stores.freshPostgresUrl();
            for (int i = 0; i < 3; i++) {
                fleet.add(new ChildServer(env, url).start());
            }
            killAt.add(5 + random.nextInt(20)); // both within the month's first pull requests
            terminateAt = 30 + random.nextInt(20);
        } else {
            server = TestServer.start(env, Features::all);
        }
        if (mode == Mode.GITHUB_FAILING) {
            github.failRandomly(0.2, seed);
        }

        // 1. a dozen pull requests
        pr(11, "alice", "docs/intro.md", lines("Welcome", 3), "Say hello in the docs", List.of("highlight"));
        approveAndMerge(11, "bob");
        pr(12, "bob", "src/report.py", lines("report", 120), "A report of the week", List.of());
        approveAndMerge(12, "alice");
        pr(13, "carol", "src/big.py", lines("big", 600), "The big refactor", List.of());
        approveAndMerge(13, "alice");
        pr(14, "alice", "src/tweak.py", lines("tweak", 5), "A tweak, self-approved", List.of());
        approveAndMerge(14, "alice"); // her own approval does not count
        pr(15, "bob", "src/hotfix.py", lines("hotfix", 4), "Stop the bleeding", List.of());
        label(15, "emergency", "bob");
        merge(15, "bob");
        pr(16, "carol", "db/migrations/0002_drop_legacy.sql", "ALTER TABLE users DROP COLUMN legacy;\n", "Drop the legacy column", List.of());
        approveAndMerge(16, "alice");
        pr(17, "alice", "db/migrations/0003_nickname.sql", "ALTER TABLE users ADD COLUMN nickname text;\n", "Users get nicknames", List.of("highlight"));
        approveAndMerge(17, "bob");
        for (long n = 18; n <= 22; n++) {
            pr(n, n % 2 == 0 ? "bob" : "carol", "docs/page" + n + ".md", lines("page", (int) n), "Docs page " + n, List.of());
            approveAndMerge(n, "alice");
        }
        String frozen = work.git("rev-parse", "main");

        // 2. the freeze
        command("/release start", "Codertocat", 1);
        long checklist = checklistNumber();

        // 3. fixes after the freeze: one picks cleanly; one depends on a change the release does not have
        pr(23, "bob", "app.txt", null, "Fix line 7", List.of(BRANCH));
        approveAndMerge(23, "alice");
        pr(25, "carol", "app.txt", null, "Reword line 3", List.of());
        approveAndMerge(25, "alice");
        pr(24, "alice", "app.txt", null, "Fix line 3", List.of(BRANCH));
        approveAndMerge(24, "bob");

        // 4. the owner's commands
        String status = command("/release status", "Codertocat", checklist);
        assertTrue(status.contains("1 failed (#24)"), status);
        command("/release notes", "Codertocat", checklist);
        String bump = command("/release bump", "Codertocat", checklist);
        // under faults an attempt may have done the work before failing: its retry then finds it done, and says so
        assertTrue(bump.contains("✅ Committed") || bump.contains("✅ The version files on `" + BRANCH + "` already say 1.30.0"), bump);
        String refused = command("/release tag", "Codertocat", checklist);
        assertTrue(refused.contains("❌ Not tagged: 4 things block the release."), refused);
        assertTrue(refused.contains("the cherry-pick of #24") && refused.contains("#16's migrations are not known to be safe")
                && refused.contains("#14 was merged without review") && refused.contains("#15 was merged without review"), refused);

        // the blockers resolved: a pick by hand, reviews after the fact, the migration declared the contract stage
        pickByHand(24);
        comment("/cherry-pick " + BRANCH, "alice", 24, true);
        review(14, "carol");
        review(15, "alice");
        label(16, "contract-migration", "Codertocat");
        rerunMigrationCheck(16);
        String tagged = command("/release tag", "Codertocat", checklist);
        assertTrue(tagged.contains("✅ Tagged 1.30.0") || tagged.contains("✅ The tag 1.30.0 exists already"), tagged);
        String sync = command("/release sync", "Codertocat", checklist);
        assertTrue(sync.contains("✅ Opened") || sync.contains("✅ The sync pull request exists already"), sync);

        // 5. the end state
        assertEndState(frozen);
    }

    private void assertEndState(String frozen) throws Exception {
        String head = bare.resolve("refs/heads/" + BRANCH);
        String log = bare.git(Map.of(), "log", "--format=%s", frozen + ".." + head)[1];
        assertEquals(List.of("Fix line 3 (#24), by hand", "chore: Bump version to 1.30.0", "Fix line 7 (#23)"), log.lines().toList(),
                "the release branch, newest first: the clean pick, the bump, the pick by hand, each once");
        assertEquals("tag", bare.git(Map.of(), "cat-file", "-t", "refs/tags/1.30.0")[1]);
        assertEquals(head, bare.resolve("refs/tags/1.30.0"), "tagged at the branch head");
        assertTrue(bare.git(Map.of(), "show", head + ":app/version.py")[1].contains("VERSION = \"1.30.0\""));

        List<JsonNode> releases = repo.releases(REPO);
        assertEquals(1, releases.size());
        String notes = releases.get(0).path("body").asText();
        assertTrue(notes.contains("### Highlights\n\n- Say hello in the docs (#11)\n- Users get nicknames (#17)"), notes);
        assertTrue(notes.contains("#23") && notes.contains("#24") && notes.contains("#13"), notes);
        assertFalse(notes.contains("#25"), "a change after the freeze that was not picked is not in the release: " + notes);

        List<JsonNode> syncs = repo.createdPulls().stream().filter(p -> p.path("head").path("ref").asText().equals("sync-1.30.0")).toList();
        assertEquals(1, syncs.size());
        assertEquals(1, repo.createdPulls().size(), "push mode: no other pull request was opened");

        List<JsonNode> issues = repo.issues(REPO);
        assertEquals(1, issues.size());
        String body = issues.get(0).path("body").asText();
        for (String step : List.of("Cut and publish", "List what changed", "Bump the version files", "Tag 1.30.0", "Bring the version bump back")) {
            assertTrue(body.contains("- [x] " + step), step + ": " + body);
        }
        assertTrue(body.contains("- [ ] Deploy") && body.contains("- [ ] Announce"), "people's steps are theirs");
        assertTrue(body.contains("| #23 | ✅ done |") && body.contains("| #24 | ✅ already there |"), body);
        assertTrue(body.contains("None: every pull request in the release was reviewed."), body);
        assertTrue(body.contains("- `db/migrations/0002_drop_legacy.sql`\n- `db/migrations/0003_nickname.sql`"), body);
        assertFalse(body.contains("### Overrides"), "nothing was forced");

        for (long n : prs.keySet()) {
            List<String> labels = repo.labels(REPO, n);
            assertEquals(1, labels.stream().filter(l -> l.startsWith("size/") && !l.equals("size/skip-hint")).count(), "#" + n + ": " + labels);
            assertFalse(labels.contains("needs-post-merge-review"), "#" + n + " reviewed: " + labels);
            assertFalse(labels.contains("cherry-pick-failed"), "#" + n + ": " + labels);
            assertEquals(labels.size(), new HashSet<>(labels).size(), "#" + n + " has no label twice");
            String sha = prs.get(n).path("head").path("sha").asText();
            for (String check : List.of("release-train/review", "release-train/size", "release-train/migrations")) {
                assertEquals(1, repo.checkRuns(sha, check).size(), "#" + n + " " + check + " exactly once");
            }
        }
        assertEquals("success", conclusion(16, "release-train/migrations"));
        assertEquals("failure", conclusion(14, "release-train/review"), "a self-approval never counted");
        assertEquals("success", conclusion(15, "release-train/review"), "the emergency override");

        for (long issue : allIssueNumbers()) {
            Set<String> purposes = new HashSet<>();
            for (JsonNode c : repo.comments(REPO, issue)) {
                String first = c.path("body").asText().lines().findFirst().orElse("");
                assertTrue(purposes.add(first), "#" + issue + " has a comment twice: " + first);
            }
        }
        String store = switch (mode) {
            case KILLED -> child.databaseUrl();
            case FLEET -> fleet.get(0).databaseUrl();
            default -> server.databaseUrl();
        };
        try (Database db = Database.open(store)) {
            assertEquals(List.of("14 closed", "15 closed"), db.query("SELECT number || ' ' || CASE WHEN closed_at IS NULL THEN 'open' ELSE 'closed' END "
                    + "FROM post_merge_reviews ORDER BY number", rs -> rs.getString(1)), "the audit: both reviewed after the fact");
            assertEquals(List.of("15 bob"), db.query("SELECT DISTINCT number || ' ' || actor FROM emergency_overrides", rs -> rs.getString(1)));
            assertEquals(List.of(), db.query("SELECT id FROM deliveries WHERE state <> 'done' AND event NOT LIKE 'release_train.%'",
                    rs -> rs.getString(1)), "every delivery processed");
        }
        if (mode == Mode.GITHUB_FAILING) {
            System.out.println("GitHub calls failed on purpose during the month: " + github.faultsInjected());
            assertTrue(github.faultsInjected() > 50, "the faults were real: " + github.faultsInjected());
        }
    }

    private String conclusion(long n, String check) {
        return repo.checkRuns(prs.get(n).path("head").path("sha").asText(), check).get(0).path("conclusion").asText();
    }

    private List<Long> allIssueNumbers() {
        List<Long> all = new ArrayList<>(prs.keySet());
        all.add(1L);
        repo.issues(REPO).forEach(i -> all.add(i.path("number").asLong()));
        return all;
    }

    // ---- the repository's history ----

    private void history() throws Exception {
        work = new WorkRepo(dir.resolve("work"));
        work.write("app/version.py", "VERSION = \"1.29.0\"\n");
        work.write("app/versions.json", "[\n  \"1.29.0\"\n]\n");
        work.write("app.txt", "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7\nline 8\n");
        work.write("db/migrations/0001_init.sql", "CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\n");
        work.commit("Release 1.29.0");
        work.git("tag", "-a", "1.29.0", "-m", "Release 1.29.0");
        bareDir = dir.resolve("bare.git");
        bare = work.serve(bareDir);
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        repo.git(REPO, bare);
        repo.file(REPO, null, ".github/release-train.yml", CONFIG);
        for (String[] p : new String[][] {{"Codertocat", "admin"}, {"alice", "write"}, {"bob", "write"}, {"carol", "write"}}) {
            repo.permission(REPO, p[0], p[1]);
        }
    }

    private static String lines(String word, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            s.append(word).append(' ').append(i).append('\n');
        }
        return s.toString();
    }

    /** A branch off main with one commit (app.txt: the fixes the scenario names), pushed, and its pull request opened. */
    private void pr(long n, String author, String path, String text, String title, List<String> labels) throws Exception {
        work.git("switch", "-q", "-c", "pr-" + n, "main");
        if (text == null) {
            String app = work.read("app.txt");
            work.write("app.txt", switch ((int) n) {
                case 23 -> app.replace("line 7", "line seven");
                case 25 -> app.replace("line 3", "line 3 (reworded)");
                default -> app.replace("line 3 (reworded)", "line 3 (fixed)");
            });
        } else {
            work.write(path, text);
        }
        String head = work.as(author, author + "@example.com").commit(title);
        work.as("Octo Cat", "octocat@example.com").git("switch", "-q", "main");
        work.git("push", "-q", "-f", bareDir.toString(), "pr-" + n);
        List<ObjectNode> files = new ArrayList<>();
        int additions = 0;
        for (String line : work.git("diff", "--numstat", "main...pr-" + n).lines().toList()) {
            String[] f = line.split("\t");
            files.add(FakeRepository.changedFile(f[2], Integer.parseInt(f[0]), Integer.parseInt(f[1])));
            additions += Integer.parseInt(f[0]);
        }
        repo.pullRequestFiles(REPO, n, files);
        repo.pullRequestCommits(REPO, n, List.of(head));
        ObjectNode pr = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json")).get("pull_request").deepCopy();
        pr.put("number", n).put("title", title).put("state", "open").put("draft", false).put("merged", false).put("body", "")
                .put("changed_files", files.size()).put("additions", additions).put("deletions", 0).put("author_association", "MEMBER");
        ((ObjectNode) pr.get("user")).put("login", author).put("type", "User");
        ((ObjectNode) pr.get("head")).put("sha", head).put("ref", "pr-" + n);
        ((ObjectNode) pr.get("base")).put("sha", work.git("rev-parse", "main")).put("ref", "main");
        ArrayNode l = pr.putArray("labels");
        labels.forEach(name -> l.addObject().put("name", name));
        prs.put(n, pr);
        repo.pullRequest(REPO, n, pr);
        send("pull_request", prEvent("opened", n, author));
    }

    private ObjectNode prEvent(String action, long n, String sender) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        p.put("action", action).put("number", n).set("pull_request", prs.get(n).deepCopy());
        ((ObjectNode) p.get("sender")).put("login", sender).put("type", "User");
        return p;
    }

    private void review(long n, String reviewer) throws Exception {
        String head = prs.get(n).path("head").path("sha").asText();
        repo.review(REPO, n, reviewer, false, "APPROVED", head);
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request_review", "submitted.payload.json"));
        ObjectNode review = ((ObjectNode) p.get("review")).put("state", "approved").put("commit_id", head).put("id", ids.incrementAndGet());
        review.putObject("user").put("login", reviewer).put("type", "User");
        p.set("pull_request", prs.get(n).deepCopy());
        ((ObjectNode) p.get("sender")).put("login", reviewer).put("type", "User");
        send("pull_request_review", p);
    }

    private void label(long n, String name, String by) throws Exception {
        ((ArrayNode) prs.get(n).get("labels")).addObject().put("name", name);
        ObjectNode p = prEvent("labeled", n, by);
        p.putObject("label").put("name", name);
        send("pull_request", p);
    }

    private void approveAndMerge(long n, String reviewer) throws Exception {
        review(n, reviewer);
        merge(n, prs.get(n).path("user").path("login").asText());
    }

    /** A squash merge onto main; what happened before it reaches the bot first (in any order in the reordering mode). */
    private void merge(long n, String by) throws Exception {
        flush();
        ObjectNode pr = prs.get(n);
        work.git("merge", "-q", "--squash", "pr-" + n);
        String author = pr.path("user").path("login").asText();
        String sha = work.as(author, author + "@example.com").commit(pr.path("title").asText() + " (#" + n + ")");
        work.as("Octo Cat", "octocat@example.com");
        work.git("push", "-q", bareDir.toString(), "main");
        pr.put("state", "closed").put("merged", true).put("merge_commit_sha", sha).put("merged_at", Instant.now().toString());
        pr.putObject("merged_by").put("login", by);
        repo.pullRequestCommits(REPO, n, List.of(sha));
        send("pull_request", prEvent("closed", n, by));
        flush();
    }

    /** A person picks the fix onto the release branch, resolving the conflict the bot reported. */
    private void pickByHand(long n) throws Exception {
        Path clone = dir.resolve("by-hand");
        WorkRepo.git(dir, "clone", "-q", "-b", BRANCH, bareDir.toString(), clone.toString());
        Files.writeString(clone.resolve("app.txt"), Files.readString(clone.resolve("app.txt")).replace("line 3\n", "line 3 (fixed)\n"));
        WorkRepo.git(clone, "commit", "-q", "-am", "Fix line 3 (#" + n + "), by hand");
        WorkRepo.git(clone, "push", "-q", "origin", BRANCH);
    }

    /** "Re-run" on the migration check of a merged pull request: GitHub lists no pull request on such a check run. */
    private void rerunMigrationCheck(long n) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("check_run", "rerequested.payload.json"));
        ObjectNode run = (ObjectNode) p.get("check_run");
        run.put("name", "release-train/migrations").put("head_sha", prs.get(n).path("head").path("sha").asText()).putArray("pull_requests");
        p.putObject("installation").put("id", 1);
        ((ObjectNode) p.get("repository")).put("full_name", REPO);
        send("check_run", p);
    }

    // ---- comments ----

    private String command(String body, String actor, long issue) throws Exception {
        return comment(body, actor, issue, false);
    }

    /** Comments are sent as they are written (a person waits for the bot's answer); the reply to it is returned. */
    private String comment(String body, String actor, long issue, boolean onPullRequest) throws Exception {
        flush();
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
        long id = ids.incrementAndGet();
        ((ObjectNode) p.get("comment")).put("body", body).put("id", id).put("created_at", Instant.now().toString());
        String issueBody = repo.issues(REPO).stream().filter(i -> i.path("number").asLong() == issue).map(i -> i.path("body").asText())
                .findFirst().orElse("");
        ((ObjectNode) p.get("issue")).put("number", issue).put("body", issueBody);
        if (onPullRequest) {
            ((ObjectNode) p.get("issue")).putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/" + issue);
        }
        ((ObjectNode) p.get("sender")).put("login", actor).put("type", "User");
        ((ObjectNode) p.get("repository")).put("default_branch", "main");
        send("issue_comment", p);
        flush();
        return repo.comments(REPO, issue).stream().map(c -> c.path("body").asText())
                .filter(b -> b.startsWith("<!-- release-train:release-reply " + id + " -->")).findFirst().orElse("");
    }

    private long checklistNumber() {
        return repo.issues(REPO).stream().filter(i -> i.path("title").asText().equals("Release 1.30.0")).findFirst().orElseThrow()
                .path("number").asLong();
    }

    // ---- how deliveries travel ----

    private void send(String event, ObjectNode payload) throws Exception {
        String[] d = {event, UUID.randomUUID().toString(), payload.toString()};
        if (mode == Mode.DOUBLED_AND_REORDERED && !event.equals("issue_comment")) {
            held.add(d);
            return;
        }
        post(d);
        if (mode == Mode.DOUBLED_AND_REORDERED) {
            post(d);
        }
        if (mode == Mode.FLEET) {
            fleetEvents(++sent);
        }
        if (mode == Mode.KILLED && killAt.contains(++sent)) {
            Thread.sleep(random.nextInt(40)); // somewhere in the handling of an acknowledged delivery
            child.kill();
            System.out.println("killed the server after delivery " + sent + " (" + d[0] + "), starting it again");
            child.start();
        }
        awaitDone(d[1]);
    }

    /** A replica SIGKILLed in the middle of a delivery (the others take over its work); another stopped and started. */
    private void fleetEvents(int n) throws Exception {
        if (killAt.contains(n)) {
            Thread.sleep(random.nextInt(40));
            fleet.remove(Math.floorMod(turn - 1, fleet.size())).kill(); // the replica that took this delivery
            System.out.println("SIGKILLed the replica that took delivery " + n + "; " + fleet.size() + " carry on");
        }
        if (n == terminateAt) {
            ChildServer stopping = fleet.remove(0);
            stopping.terminate();
            fleet.add(stopping.start());
            System.out.println("stopped a replica with SIGTERM after delivery " + n + " and started it again");
        }
    }

    /** What the reordering mode held back goes out shuffled and each twice; then everything is waited for. */
    private void flush() throws Exception {
        if (held.isEmpty()) {
            return;
        }
        List<String[]> out = new ArrayList<>(held);
        held.clear();
        Collections.shuffle(out, random);
        for (String[] d : out) {
            post(d);
            post(d);
        }
        for (String[] d : out) {
            awaitDone(d[1]);
        }
    }

    private void post(String[] d) throws Exception {
        byte[] body = d[2].getBytes(StandardCharsets.UTF_8);
        int status = switch (mode) {
            case KILLED -> child.deliver(d[0], d[1], body);
            case FLEET -> fleet.get(Math.floorMod(turn++, fleet.size())).deliver(d[0], d[1], body);
            default -> server.deliver(d[0], d[1], body).statusCode();
        };
        assertTrue(status == 202 || status == 200, d[0] + " answered " + status);
    }

    private void awaitDone(String id) throws Exception {
        if (mode == Mode.KILLED || mode == Mode.FLEET) {
            assertEquals("done", (mode == Mode.KILLED ? child : fleet.get(0)).awaitFinished(id), id);
            return;
        }
        StoredDelivery d = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, d.state(), d.toString());
    }
}
