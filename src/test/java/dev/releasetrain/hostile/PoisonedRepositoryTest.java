package dev.releasetrain.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.Features;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.FakeRepository;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A poisoned repository beside a healthy one, through the door with every feature: 300 pull requests of a repository
 * on which every GitHub call fails arrive first, then one of a healthy repository. Its checks appear without waiting
 * for the 300 to be tried, with production's retry timing (the transport's own retries of a 502 take seconds).
 */
@NeedsSharedFixtures
class PoisonedRepositoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRepositoryWhoseEveryCallFailsNeverHoldsBackAnothersChecks() throws Exception {
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            FakeRepository repo = github.repository();
            github.failAlways("/repos/octo/poisoned(/.*)?");
            Map<String, String> env = TestServer.settings(github.url());
            env.put("RETRY_BASE_MS", "2000"); // production's: a failing call is retried for seconds before it fails
            try (TestServer server = TestServer.start(env, Features::all)) {
                JsonNode opened = JSON.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
                for (int i = 1; i <= 300; i++) {
                    ObjectNode p = opened.deepCopy();
                    p.put("number", i);
                    ((ObjectNode) p.get("pull_request")).put("number", i);
                    ((ObjectNode) p.get("repository")).put("full_name", "octo/poisoned").put("name", "poisoned");
                    assertEquals(202, server.deliver("pull_request", Ids.id("poisoned-" + i), JSON.writeValueAsBytes(p)).statusCode());
                }
                String head = opened.path("pull_request").path("head").path("sha").asText();
                long start = System.nanoTime();
                String healthy = Ids.id("healthy");
                assertEquals(202, server.deliver("pull_request", healthy, JSON.writeValueAsBytes(opened)).statusCode());
                server.awaitFinished(healthy);
                long millis = (System.nanoTime() - start) / 1_000_000;
                // a figure for the notes, not a timing the test judges
                System.out.println("the healthy repository's delivery finished " + millis + " ms after it arrived behind 300 poisoned ones");
                List<String> checks = List.of("release-train/review", "release-train/size", "release-train/migrations");
                for (String check : checks) {
                    assertTrue(!repo.checkRuns(head, check).isEmpty(), check + " on the healthy pull request");
                }
            }
        }
    }
}
