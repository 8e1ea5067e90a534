package dev.releasetrain.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.migrations.CheckMigrations;
import dev.releasetrain.review.ReviewCheck;
import dev.releasetrain.size.LabelPullRequestSize;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import dev.releasetrain.testing.WorkRepo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A merge queue: GitHub sends merge_group (checks_requested) and waits for every required check on the group's
 * head. The group's pull requests are found from its commits; review and migrations judge them, size stays neutral.
 */
@NeedsSharedFixtures
class MergeQueueTest {
    private static final String REPO = "octo-org/octo-repo"; // the repository of GitHub's merge_group example
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private FakeGitHub github;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        github.close();
    }

    private String deliver(String event, byte[] body) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver(event, id, body).statusCode());
        var done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state(), done.toString());
        return id;
    }

    private static ObjectNode pr(long number, String author, String head) throws Exception {
        ObjectNode pr = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json")).get("pull_request").deepCopy();
        pr.put("number", number).put("title", "Change " + number).put("state", "open").put("draft", false).put("changed_files", 1);
        pr.putObject("user").put("login", author).put("type", "User");
        ((ObjectNode) pr.get("head")).put("sha", head);
        pr.putArray("labels");
        return pr;
    }

    /** GitHub's merge_group example, about this group. */
    private static byte[] group(String base, String head, long last) throws Exception {
        ObjectNode p = (ObjectNode) JSON.readTree(Fixtures.webhook("merge_group", "checks_requested.payload.json"));
        ((ObjectNode) p.get("merge_group")).put("base_sha", base).put("head_sha", head)
                .put("head_ref", "refs/heads/gh-readonly-queue/main/pr-" + last + "-" + head);
        return JSON.writeValueAsBytes(p);
    }

    private JsonNode check(String sha, String name) {
        List<JsonNode> runs = github.repository().checkRuns(sha, name);
        assertEquals(1, runs.size(), name + " on " + sha);
        return runs.get(0);
    }

    @Test
    void theGroupPassesReviewOnlyWhenEveryPullRequestInItDoes() throws Exception {
        WorkRepo work = new WorkRepo(dir.resolve("work"));
        work.write("app.txt", "one\n");
        String base = work.commit("Base");
        work.write("a.txt", "a\n");
        String first = work.commit("Change 31 (#31)");
        work.write("db/migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN nickname;\n");
        String head = work.commit("Change 32 (#32)");
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        FakeRepository repo = github.repository();
        repo.git(REPO, work.serve(dir.resolve("bare.git")));
        String head31 = "3".repeat(40);
        String head32 = "4".repeat(40);
        ObjectNode pr31 = pr(31, "alice", head31);
        ObjectNode pr32 = pr(32, "bob", head32);
        repo.pullRequest(REPO, 31, pr31);
        repo.pullRequest(REPO, 32, pr32);
        repo.permission(REPO, "carol", "write"); // approvals count from people who may merge
        repo.commitOf(REPO, first, 31);
        repo.commitOf(REPO, head, 32);
        repo.review(REPO, 31, "carol", false, "APPROVED", head31);
        repo.pullRequestFiles(REPO, 32, List.of(FakeRepository.changedFile("db/migrations/0002_drop.sql", 1, 0)));
        repo.file(REPO, head32, "db/migrations/0002_drop.sql", "ALTER TABLE users DROP COLUMN nickname;\n");
        server = TestServer.start(TestServer.settings(github.url()), Features::all);

        // #32's own migrations check fails (a column dropped in one step); its verdict stays with it
        ObjectNode opened = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        opened.set("pull_request", pr32);
        ((ObjectNode) opened.get("repository")).put("full_name", REPO).put("name", "octo-repo");
        deliver("pull_request", JSON.writeValueAsBytes(opened));
        assertEquals("failure", check(head32, CheckMigrations.CHECK).path("conclusion").asText());

        deliver("merge_group", group(base, head, 32));
        JsonNode review = check(head, ReviewCheck.CHECK);
        assertEquals("failure", review.path("conclusion").asText());
        assertEquals("Not reviewed: #32", review.path("output").path("title").asText());
        assertTrue(review.path("output").path("summary").asText().contains("| #31 Change 31 | ✅"), review.toString());
        assertEquals("neutral", check(head, LabelPullRequestSize.CHECK).path("conclusion").asText());
        JsonNode migrations = check(head, CheckMigrations.CHECK);
        assertEquals("failure", migrations.path("conclusion").asText());
        assertTrue(migrations.path("output").path("title").asText().contains("#32 (failure)"), migrations.toString());

        // approved, and its migration declared the second stage: the queue asks again and the group passes
        repo.review(REPO, 32, "carol", false, "APPROVED", head32);
        pr32.putArray("labels").addObject().put("name", "contract-migration");
        repo.pullRequest(REPO, 32, pr32);
        ObjectNode rerun = (ObjectNode) JSON.readTree(Fixtures.webhook("check_run", "rerequested.with-organization.payload.json"));
        ((ObjectNode) rerun.get("check_run")).put("name", CheckMigrations.CHECK).put("head_sha", head32).putArray("pull_requests")
                .addObject().put("number", 32);
        ((ObjectNode) rerun.get("repository")).put("full_name", REPO).put("name", "octo-repo");
        rerun.putObject("installation").put("id", 1);
        deliver("check_run", JSON.writeValueAsBytes(rerun));
        assertEquals("success", check(head32, CheckMigrations.CHECK).path("conclusion").asText());
        deliver("merge_group", group(base, head, 32));
        assertEquals("success", check(head, ReviewCheck.CHECK).path("conclusion").asText());
        assertEquals("success", check(head, CheckMigrations.CHECK).path("conclusion").asText());
    }
}
