package dev.releasetrain.size;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size hints through the webhook door, against the fake GitHub: label, sticky comment, check run. */
@NeedsSharedFixtures
class SizeHintsTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeGitHub github;
    private FakeRepository repo;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        repo = github.repository();
        // the size handler alone, so its calls can be counted apart from the review check's
        server = TestServer.start(TestServer.settings(github.url()), w -> List.of(new LabelPullRequestSize(w.checks()).handler()));
    }

    @AfterEach
    void stop() {
        server.close();
        github.close();
    }

    /** The real pull_request payload, at another head, with the given files count and labels. */
    private static byte[] pullRequest(String action, String headSha, int changedFiles, List<String> labels) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
        payload.put("action", action);
        ObjectNode pr = (ObjectNode) payload.get("pull_request");
        pr.put("changed_files", changedFiles);
        ((ObjectNode) pr.get("head")).put("sha", headSha);
        ArrayNode l = pr.putArray("labels");
        labels.forEach(name -> l.addObject().put("name", name));
        return JSON.writeValueAsBytes(payload);
    }

    private void deliver(byte[] body) throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("pull_request", id, body).statusCode());
        var finished = server.awaitFinished(id);
        assertEquals(dev.releasetrain.delivery.DeliveryState.DONE, finished.state(), finished.toString());
    }

    private static String sha(char c) {
        return String.valueOf(c).repeat(40);
    }

    @Test
    void aHundredTwentyLineChangeBesideAHugeLockFileIsLarge_andShrinkingItClearsTheHint() throws Exception {
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 100, 20),
                FakeRepository.changedFile("package-lock.json", 4000, 1000)));
        deliver(pullRequest("opened", sha('a'), 2, List.of("bug")));

        assertEquals(List.of("size/L"), repo.labels(REPO, 2));
        assertEquals("a14c05", repo.repoLabel(REPO, "size/L").path("color").asText(), "created with its colour");
        List<JsonNode> comments = repo.comments(REPO, 2);
        assertEquals(1, comments.size());
        assertTrue(comments.get(0).path("body").asText().contains(LabelPullRequestSize.MARKER));
        assertTrue(comments.get(0).path("body").asText().contains("feature flag"));
        List<JsonNode> checks = repo.checkRuns(sha('a'), LabelPullRequestSize.CHECK);
        assertEquals(1, checks.size());
        assertEquals("neutral", checks.get(0).path("conclusion").asText());
        assertEquals("size/L: 120 changed lines in 1 files", checks.get(0).path("output").path("title").asText());
        assertTrue(checks.get(0).path("output").path("summary").asText().contains("`package-lock.json` | 5000 | lock file"));

        // the author pushes a smaller version
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 15, 5)));
        deliver(pullRequest("synchronize", sha('b'), 1, List.of("bug", "size/L")));
        assertEquals(List.of("size/S"), repo.labels(REPO, 2), "exactly one size label");
        assertEquals(0, repo.comments(REPO, 2).size(), "the hint is removed when the PR shrinks");
        assertEquals("size/S: 20 changed lines in 1 files",
                repo.checkRuns(sha('b'), LabelPullRequestSize.CHECK).get(0).path("output").path("title").asText());
    }

    @Test
    void repeatsChangeNothingAndASynchronizeCostsFewCalls() throws Exception {
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 300, 0)));
        byte[] opened = pullRequest("opened", sha('c'), 1, List.of());
        String id = UUID.randomUUID().toString();
        server.deliver("pull_request", id, opened);
        server.awaitFinished(id);
        assertEquals(200, server.deliver("pull_request", id, opened).statusCode(), "GitHub's redelivery: not processed again");
        github.wireMock().resetRequests();
        deliver(opened); // the same (now stale) event under a new id, as a retry would run it
        List<String> writes = github.apiCalls().stream().filter(c -> !c.startsWith("GET")).toList();
        // the stale payload lacks the label the first run added: adding it again is GitHub's no-op, nothing else is sent
        assertEquals(List.of("POST /repos/" + REPO + "/issues/2/labels"), writes);
        assertEquals(List.of("size/L"), repo.labels(REPO, 2));
        assertEquals(1, repo.comments(REPO, 2).size());
        assertEquals(1, repo.checkRuns(sha('c'), LabelPullRequestSize.CHECK).size());

        github.wireMock().resetRequests();
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 310, 0)));
        deliver(pullRequest("synchronize", sha('d'), 1, List.of("size/L")));
        List<String> calls = github.apiCalls();
        System.out.println("GitHub calls for one synchronize (size only): " + calls.size() + " " + calls);
        assertEquals(1, calls.stream().filter(c -> c.contains("/pulls/2/files")).count(), "one page of files");
        assertEquals(1, calls.stream().filter(c -> c.startsWith("POST /repos/" + REPO + "/check-runs")).count());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("PATCH /repos/" + REPO + "/issues/comments/")).count(), "the hint edited in place");
        assertTrue(calls.stream().noneMatch(c -> c.contains("/labels")), "the label was right already");
        assertTrue(calls.size() <= 6, calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.contains("/check-runs?")), "no look-up before creating a run nobody created");
        assertTrue(calls.stream().noneMatch(c -> c.contains("/contents/")), "a missing config and .gitattributes are remembered");
    }

    @Test
    void pullRequestsArrivingTogetherReadTheConfigAndCreateTheirLabelOnce() throws Exception {
        // GitHub slow to answer that there is no config, so every delivery asks before the first answer is back
        github.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/" + REPO + "/contents/.github/release-train.yml"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(404).withFixedDelay(500)
                        .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= 4; n++) { // four pull requests: the four workers take them at once
            repo.pullRequestFiles(REPO, n, List.of(FakeRepository.changedFile("src/app" + n + ".js", 10, 0)));
            ObjectNode payload = (ObjectNode) JSON.readTree(pullRequest("opened", sha((char) ('a' + n)), 1, List.of()));
            payload.put("number", n);
            ((ObjectNode) payload.get("pull_request")).put("number", n);
            String id = UUID.randomUUID().toString();
            assertEquals(202, server.deliver("pull_request", id, JSON.writeValueAsBytes(payload)).statusCode());
            ids.add(id);
        }
        for (String id : ids) {
            assertEquals(dev.releasetrain.delivery.DeliveryState.DONE, server.awaitFinished(id).state());
        }
        List<String> calls = github.apiCalls();
        assertEquals(1, calls.stream().filter(c -> c.contains("/contents/.github/release-train.yml")).count(), calls.toString());
        assertEquals(1, calls.stream().filter(c -> c.startsWith("GET /repos/" + REPO + "/labels/")).count(), calls.toString());
        assertEquals(1, calls.stream().filter(c -> c.equals("POST /repos/" + REPO + "/labels")).count(), calls.toString());
        for (int n = 1; n <= 4; n++) {
            assertEquals(List.of("size/S"), repo.labels(REPO, n));
        }
    }

    @Test
    void aPullRequestOverGitHubsFileCapIsAtLeastTheLargestSize() throws Exception {
        List<ObjectNode> files = new ArrayList<>();
        for (int i = 0; i < 3500; i++) {
            files.add(FakeRepository.changedFile("src/f" + i + ".txt", 0, 0));
        }
        repo.pullRequestFiles(REPO, 2, files);
        deliver(pullRequest("opened", sha('e'), 3500, List.of()));
        assertEquals(List.of("size/XXL"), repo.labels(REPO, 2));
        JsonNode check = repo.checkRuns(sha('e'), LabelPullRequestSize.CHECK).get(0);
        assertTrue(check.path("output").path("title").asText().contains("first 3000 of 3500 files"), check.toString());
        assertEquals(30, github.apiCalls().stream().filter(c -> c.contains("/pulls/2/files")).count(), "every page up to the cap");
    }

    @Test
    void generatedFilesAtTheBaseAndConfigGlobsAreNotCounted() throws Exception {
        repo.file(REPO, "master", ".gitattributes", "gen/** linguist-generated\n");
        repo.file(REPO, null, ".github/release-train.yml", "size:\n  exclude: ['fixtures/**']\n  fail-from: size/M\n");
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("gen/api.ts", 900, 0),
                FakeRepository.changedFile("fixtures/data.json", 700, 0), FakeRepository.changedFile("src/a.ts", 25, 5)));
        deliver(pullRequest("opened", sha('f'), 3, List.of()));
        assertEquals(List.of("size/M"), repo.labels(REPO, 2));
        JsonNode check = repo.checkRuns(sha('f'), LabelPullRequestSize.CHECK).get(0);
        assertEquals("failure", check.path("conclusion").asText(), "this repository fails from size/M");
        String summary = check.path("output").path("summary").asText();
        assertTrue(summary.contains("linguist-generated") && summary.contains("size.exclude (fixtures/**)"), summary);
    }

    @Test
    void aBrokenConfigFailsTheCheckWithItsLine() throws Exception {
        repo.file(REPO, null, ".github/release-train.yml", "size:\n  comment-form: size/M\n");
        repo.pullRequestFiles(REPO, 2, List.of(FakeRepository.changedFile("src/app.js", 1, 0)));
        deliver(pullRequest("opened", sha('9'), 1, List.of()));
        JsonNode check = repo.checkRuns(sha('9'), LabelPullRequestSize.CHECK).get(0);
        assertEquals("failure", check.path("conclusion").asText());
        assertTrue(check.path("output").path("summary").asText().contains(".github/release-train.yml line 2: unknown key \"size.comment-form\""),
                check.toString());
        assertEquals(List.of(), repo.labels(REPO, 2), "no label from a config that cannot be read");
    }

}
