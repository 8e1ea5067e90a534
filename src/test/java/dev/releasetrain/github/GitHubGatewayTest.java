package dev.releasetrain.github;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.StoredDelivery;
import dev.releasetrain.testing.CommentOnceHandler;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway against a fake GitHub: app auth, token reuse, faults, rate limits, idempotent writes, dry run. */
@NeedsSharedFixtures
class GitHubGatewayTest {
    private static final String REPO = "Codertocat/Hello-World";
    private static final String CONFIG = "/repos/" + REPO + "/contents/.github/release-train.yml";
    private static final String COMMENTS = "/repos/" + REPO + "/issues/1/comments";
    private static final byte[] ISSUE_EVENT = Fixtures.webhook("issues", "reopened.payload.json");

    private FakeGitHub github;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub(TestServer.APP_ID, dev.releasetrain.testing.TestKeys.PAIR.getPublic());
        github.serveRecorded("get-repository.json", 0, "GET", "/repos/" + REPO);
        github.wireMock().stubFor(get(urlPathEqualTo(CONFIG)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not Found\"}")));
        github.repository();
    }

    private void startServer(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(TestServer.settings(github.url()));
        env.putAll(overrides);
        server = TestServer.start(env, services -> List.of(new CommentOnceHandler().handler()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        github.close(); // fails the test if any request was not a real GitHub route
    }

    private StoredDelivery deliverIssueEvent() throws Exception {
        String id = UUID.randomUUID().toString();
        assertEquals(202, server.deliver("issues", id, ISSUE_EVENT).statusCode());
        return server.awaitFinished(id);
    }

    private long successfulPosts() {
        return github.wireMock().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST") && e.getRequest().getUrl().equals(COMMENTS))
                .filter(e -> e.getResponse().getStatus() == 201).count();
    }

    @Test
    void authenticatesAsTheAppAndReusesTheInstallationToken() throws Exception {
        startServer(Map.of());
        assertEquals(DeliveryState.DONE, deliverIssueEvent().state());
        assertEquals(DeliveryState.DONE, deliverIssueEvent().state());
        assertEquals(1, github.tokensIssued(), "the second event for the installation asks for no new token");
        for (LoggedRequest r : github.requests()) {
            if (!r.getUrl().contains("access_tokens")) {
                String auth = r.getHeader("Authorization");
                assertTrue(auth.startsWith("token " + FakeGitHub.TOKEN_PREFIX) && auth.length() > 500, "the whole long token is sent");
            }
        }
        assertEquals(1, github.repository().comments(REPO, 1).size(), "the second event finds the comment and does not post again");
        List<String> families = List.of("releasetrain_deliveries_total{event=\"issues\",outcome=\"accepted\"} 2.0",
                "releasetrain_deliveries_total{event=\"issues\",outcome=\"done\"} 2.0", "releasetrain_queue_depth 0.0",
                "releasetrain_delivery_processing_seconds_count{event=\"issues\"} 2",
                "releasetrain_github_calls_total{method=\"POST\",route=\"/repos/{owner}/{repo}/issues/{n}/comments\",status=\"201\"} 1.0",
                "releasetrain_github_rate_limit_remaining{installation=\"1\"}");
        String metrics = server.awaitMetrics(families);
        for (String family : families) {
            assertTrue(metrics.contains(family), family + " in\n" + metrics);
        }
    }

    @Test
    void aRevokedTokenIsReplacedAndTheCallTriedAgain() throws Exception {
        startServer(Map.of());
        assertEquals(DeliveryState.DONE, deliverIssueEvent().state());
        github.failNext("GET", "/repos/" + REPO, aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}"));
        StoredDelivery second = deliverIssueEvent();
        assertEquals(DeliveryState.DONE, second.state());
        assertEquals(1, second.attempts(), "handled inside the call, not by retrying the delivery");
        assertEquals(2, github.tokensIssued());
    }

    @Test
    void transientFaultsAreRetriedAndTheWriteHappensOnce() throws Exception {
        startServer(Map.of());
        github.failNext("GET", CONFIG, aResponse().withStatus(500));
        github.failNext("GET", "/repos/" + REPO, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        github.failNext("GET", COMMENTS, aResponse().withStatus(502),
                aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"rate limited\"}"));
        github.failNext("POST", COMMENTS, aResponse().withStatus(403).withHeader("Retry-After", "1")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}"));
        StoredDelivery d = deliverIssueEvent();
        assertEquals(DeliveryState.DONE, d.state());
        assertEquals(1, github.repository().comments(REPO, 1).size());
        assertEquals(1, successfulPosts(), "one write carried out");
        String metrics = server.get("/metrics").body();
        assertTrue(metrics.contains("releasetrain_github_calls_total{method=\"GET\",route=\"/repos/{owner}/{repo}/issues/{n}/comments\",status=\"502\"} 1.0"), metrics);
    }

    @Test
    void aWriteGitHubDidButFailedToConfirmIsNotDoneTwice() throws Exception {
        startServer(Map.of());
        github.repository().applyThenFail(1);
        StoredDelivery d = deliverIssueEvent();
        assertEquals(DeliveryState.DONE, d.state());
        assertEquals(2, d.attempts(), "the 502 fails the attempt; the retry looks before writing");
        assertEquals(1, github.repository().comments(REPO, 1).size(), "no second comment");
        long posts = github.requests().stream().filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().equals(COMMENTS)).count();
        assertEquals(1, posts, "the write is not sent again");
    }

    @Test
    void aLongRateLimitPutsTheDeliveryBackInTheQueueInsteadOfHoldingAWorker() throws Exception {
        startServer(Map.of());
        long reset = Instant.now().plusSeconds(7).getEpochSecond();
        github.failNext("GET", "/repos/" + REPO, aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(reset)).withBody("{\"message\":\"API rate limit exceeded\"}"));
        String id = UUID.randomUUID().toString();
        server.deliver("issues", id, ISSUE_EVENT);
        long deadline = System.currentTimeMillis() + 30_000;
        StoredDelivery waiting = server.app().store().history().find(id).orElseThrow();
        while (waiting.lastError() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            waiting = server.app().store().history().find(id).orElseThrow();
        }
        assertEquals(DeliveryState.PENDING, waiting.state());
        assertTrue(waiting.nextAttemptAt() >= reset * 1000 - 1000, "waits for x-ratelimit-reset");
        assertTrue(waiting.lastError().contains("rate limited"), waiting.lastError());
        StoredDelivery done = server.awaitFinished(id);
        assertEquals(DeliveryState.DONE, done.state());
        assertEquals(1, done.attempts(), "waiting on a limit is not a failed attempt");
    }

    @Test
    void dryRunReadsButSendsNoWrite() throws Exception {
        startServer(Map.of("DRY_RUN", "true"));
        assertEquals(DeliveryState.DONE, deliverIssueEvent().state());
        assertTrue(github.requests().stream().noneMatch(r -> r.getMethod().getName().equals("POST") && !r.getUrl().contains("access_tokens")));
        assertTrue(github.requests().stream().anyMatch(r -> r.getUrl().split("\\?")[0].equals(COMMENTS)), "reads still go to GitHub");
    }

    @Test
    void theConfigIsReadFromTheDefaultBranchAndCachedByEtag() throws Exception {
        String yaml = "review:\n  required-approvals: 2\n  requried: true\n";
        github.wireMock().stubFor(get(urlPathEqualTo(CONFIG)).atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        github.wireMock().stubFor(get(urlPathEqualTo(CONFIG)).atPriority(2).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("ETag", "\"v1\"")
                .withBody("{\"type\":\"file\",\"encoding\":\"base64\",\"size\":" + yaml.length() + ",\"name\":\"release-train.yml\","
                        + "\"path\":\".github/release-train.yml\",\"content\":\""
                        + Base64.getMimeEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8)).replace("\r\n", "\\n") + "\"}")));
        startServer(Map.of());
        deliverIssueEvent();
        String note = github.repository().comments(REPO, 1).get(0).path("body").asText();
        assertTrue(note.contains(".github/release-train.yml line 3: unknown key \"review.requried\""), note);
        github.wireMock().resetRequests();
        deliverIssueEvent();
        List<LoggedRequest> configReads = github.requests().stream().filter(r -> r.getUrl().startsWith(CONFIG)).toList();
        assertEquals(1, configReads.size());
        assertEquals("\"v1\"", configReads.get(0).getHeader("If-None-Match"), "asks only whether the file changed");
        assertTrue(configReads.stream().noneMatch(r -> r.getUrl().contains("ref=")), "no ref: the default branch");
    }
}
