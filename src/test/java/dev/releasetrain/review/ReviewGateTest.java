package dev.releasetrain.review;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.size.LabelPullRequestSize;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Review before merge through the webhook door, against the fake GitHub. */
@NeedsSharedFixtures
class ReviewGateTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String AUTHOR = "Codertocat";
    private static final String HEAD = "a".repeat(40);
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        repo.pullRequest(REPO, 2, pr("open", HEAD, List.of()));
        repo.permission(REPO, "alice", "write");
        repo.permission(REPO, "bob", "maintain");
        repo.permission(REPO, "carol", "read");
        repo.permission(REPO, "mallory", "triage");
        server = TestServer.start(TestServer.settings(github.url()), Features::all);
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    // ---- payloads, derived from GitHub's own ----

    private static ObjectNode pr(String state, String head, List<String> labels) throws Exception {
        ObjectNode pr = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json")).get("pull_request").deepCopy();
        pr.put("state", state);
        ((ObjectNode) pr.get("head")).put("sha", head);
        ArrayNode l = pr.putArray("labels");
        labels.forEach(n -> l.addObject().put("name", n));
        return pr;
    }

    private static byte[] pullRequestEvent(String action, ObjectNode pr, String sender, String label) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.put("action", action);
        payload.set("pull_request", pr);
        ((ObjectNode) payload.get("sender")).put("login", sender);
        if (label != null) {
            payload.putObject("label").put("name", label);
        }
        return JSON.writeValueAsBytes(payload);
    }

    private static byte[] reviewEvent(String reviewer, String state, String prState) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request_review", "submitted.payload.json"));
        ObjectNode review = (ObjectNode) payload.get("review");
        review.put("state", state.toLowerCase());
        ((ObjectNode) review.get("user")).put("login", reviewer).put("type", reviewer.endsWith("[bot]") ? "Bot" : "User");
        ((ObjectNode) payload.get("pull_request")).put("state", prState);
        return JSON.writeValueAsBytes(payload);
    }

    private static byte[] commentEvent(String commenter, String body) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment", "created.with-installation.payload.json"));
        ObjectNode issue = (ObjectNode) payload.get("issue");
        issue.put("number", 2);
        issue.putObject("pull_request").put("url", "https://api.github.com/repos/" + REPO + "/pulls/2");
        ((ObjectNode) payload.get("comment")).put("body", body).put("created_at", java.time.Instant.now().toString());
        ((ObjectNode) payload.get("sender")).put("login", commenter);
        return JSON.writeValueAsBytes(payload);
    }

    private void deliver(String event, byte[] body) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver(event, id, body).statusCode());
        var done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state(), done.toString());
    }

    private JsonNode reviewCheck(String head) {
        List<JsonNode> runs = repo.checkRuns(head, ReviewCheck.CHECK);
        assertEquals(1, runs.size(), "one review check run per commit");
        return runs.get(0);
    }

    private void review(String login, String state) {
        repo.review(REPO, 2, login, login.endsWith("[bot]"), state, HEAD);
    }

    // ---- the rules ----

    @Test
    void anEmergencyFromAWriterPassesAndIsRecorded_fromAReaderItIsRefused() throws Exception {
        deliver("pull_request", pullRequestEvent("opened", pr("open", HEAD, List.of()), AUTHOR, null));
        deliver("pull_request", pullRequestEvent("labeled", pr("open", HEAD, List.of("emergency")), "mallory", "emergency"));
        assertEquals("failure", reviewCheck(HEAD).path("conclusion").asText(), "a reader's label changes nothing");
        assertTrue(repo.comments(REPO, 2).stream().anyMatch(c -> c.path("body").asText().contains("@mallory, only people with write permission")));
        try (Database db = Database.open(server.databaseUrl())) {
            assertEquals(List.of(), new SqlReviewAudit(db).overrides());
        }

        deliver("issue_comment", commentEvent("alice", "Deploy is blocked.\n/emergency checkout is down in production"));
        JsonNode check = reviewCheck(HEAD);
        assertEquals("success", check.path("conclusion").asText());
        assertEquals("Emergency override by @alice: checkout is down in production", check.path("output").path("title").asText());
        try (Database db = Database.open(server.databaseUrl())) {
            List<ReviewAudit.Recorded> overrides = new SqlReviewAudit(db).overrides();
            assertEquals(1, overrides.size());
            assertEquals("alice", overrides.get(0).override().actor());
            assertEquals(HEAD, overrides.get(0).override().headSha());
        }

        deliver("pull_request", pullRequestEvent("labeled", pr("open", HEAD, List.of("emergency")), "bob", "emergency"));
        assertEquals("Emergency override by @bob: label `emergency` added", reviewCheck(HEAD).path("output").path("title").asText());
    }

    @Test
    void githubCallsPerEventAreFewAndRepeatsWriteNothing() throws Exception {
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 10, 2)));
        deliver("pull_request", pullRequestEvent("opened", pr("open", HEAD, List.of()), AUTHOR, null));
        java.util.Map<String, Integer> figures = new java.util.LinkedHashMap<>();

        String next = "f".repeat(40);
        repo.pullRequest(REPO, 2, pr("open", next, List.of("size/S"))); // the push, as GitHub now reports the PR
        github.wireMock().resetRequests();
        deliver("pull_request", pullRequestEvent("synchronize", pr("open", next, List.of("size/S")), AUTHOR, null));
        List<String> sync = github.apiCalls();
        figures.put("pull_request.synchronize", sync.size());
        assertEquals(1, sync.stream().filter(c -> c.contains("/pulls/2/files")).count());
        assertEquals(1, sync.stream().filter(c -> c.contains("/pulls/2/reviews")).count(), "one review listing");
        assertEquals(3, sync.stream().filter(c -> c.startsWith("POST /repos/" + REPO + "/check-runs")).count(), "one per check: review, size, migrations");
        assertTrue(sync.stream().noneMatch(c -> c.contains("/labels") || c.contains("/comments")), "nothing else changed: " + sync);

        repo.review(REPO, 2, "alice", false, "APPROVED", next);
        github.wireMock().resetRequests();
        deliver("pull_request_review", reviewEvent("alice", "APPROVED", "open"));
        figures.put("pull_request_review.submitted", github.apiCalls().size());
        assertEquals("success", reviewCheck(next).path("conclusion").asText());

        github.wireMock().resetRequests();
        deliver("pull_request_review", reviewEvent("alice", "APPROVED", "open")); // a repeat, under a new delivery id
        List<String> repeat = github.apiCalls();
        figures.put("pull_request_review.submitted (repeat)", repeat.size());
        assertTrue(repeat.stream().allMatch(c -> c.startsWith("GET")), "a repeat writes nothing: " + repeat);

        github.wireMock().resetRequests();
        deliver("issue_comment", commentEvent("carol", "/emergency please"));
        figures.put("issue_comment /emergency (refused)", github.apiCalls().size());
        System.out.println("GitHub calls per event (review, size and migrations checks; config and .gitattributes read conditionally): " + figures);
        assertTrue(figures.get("pull_request.synchronize") <= 12, figures.toString());
    }

    @Test
    void draftsStayInProgressAndABrokenConfigShowsInBothChecks() throws Exception {
        ObjectNode draft = pr("open", HEAD, List.of());
        draft.put("draft", true);
        deliver("pull_request", pullRequestEvent("opened", draft, AUTHOR, null));
        JsonNode check = reviewCheck(HEAD);
        assertEquals("in_progress", check.path("status").asText());
        assertTrue(check.path("output").path("title").asText().startsWith("Draft"));

        String next = "e".repeat(40);
        repo.file(REPO, null, ".github/release-train.yml", "review:\n  required-approvals: two\n");
        deliver("push", pushTouching(".github/release-train.yml")); // as GitHub sends when the file lands on the default branch
        deliver("pull_request", pullRequestEvent("synchronize", pr("open", next, List.of()), AUTHOR, null));
        for (String name : List.of(ReviewCheck.CHECK, LabelPullRequestSize.CHECK)) {
            JsonNode run = repo.checkRuns(next, name).get(0);
            assertEquals("failure", run.path("conclusion").asText(), name);
            assertTrue(run.path("output").path("summary").asText().contains("line 2: review.required-approvals must be a whole number"), run.toString());
        }
    }

    @Test
    void aValueOfTheRightTypeButWrongMeaningFailsTheChecksQuotingIt() throws Exception {
        repo.file(REPO, null, ".github/release-train.yml",
                "release:\n  schedule:\n    release-day: funday\ncherry-pick:\n  label-pattern: 'release-(\\d+'\n");
        deliver("pull_request", pullRequestEvent("opened", pr("open", HEAD, List.of()), AUTHOR, null)); // asserts the delivery is done
        for (String name : List.of(ReviewCheck.CHECK, LabelPullRequestSize.CHECK)) {
            JsonNode run = repo.checkRuns(HEAD, name).get(0);
            assertEquals("failure", run.path("conclusion").asText(), name);
            String summary = run.path("output").path("summary").asText();
            assertTrue(summary.contains("line 3: release.schedule.release-day: \"funday\" is not one of monday"), summary);
            assertTrue(summary.contains("line 5: cherry-pick.label-pattern is not a valid regex"), summary);
        }
    }

    /** The real push payload, moved to the default branch, with one commit touching {@code path}. */
    private static byte[] pushTouching(String path) throws Exception {
        ObjectNode push = (ObjectNode) JSON.readTree(Fixtures.webhook("push", "with-installation.payload.json"));
        push.put("ref", "refs/heads/master").put("created", false).put("deleted", false).put("forced", false);
        ObjectNode commit = push.putArray("commits").addObject().put("id", "f".repeat(40)).put("message", "Configure Release Train");
        commit.putArray("added");
        commit.putArray("removed");
        commit.putArray("modified").add(path);
        return JSON.writeValueAsBytes(push);
    }
}
