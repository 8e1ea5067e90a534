package dev.releasetrain.cli;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.App;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.testing.CommentOnceHandler;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NeedsSharedFixtures
class CommandLineTest {
    private static final String REPO = "Codertocat/Hello-World";
    @TempDir
    Path dir;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String output() {
        String s = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        return s;
    }

    private FakeGitHub fakeGitHub() {
        FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic());
        github.serveRecorded("get-repository.json", 0, "GET", "/repos/" + REPO);
        github.wireMock().stubFor(get(urlPathEqualTo("/repos/" + REPO + "/contents/.github/release-train.yml"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"Not Found\"}")));
        github.repository();
        return github;
    }

    private Map<String, String> env(FakeGitHub github) {
        Map<String, String> env = new HashMap<>(TestServer.settings(github.url()));
        env.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("cli.db"));
        return env;
    }

    private static final String FIRST = Ids.id("first-delivery");

    @Test
    void listsRedeliversAndReplays() throws Exception {
        try (FakeGitHub github = fakeGitHub()) {
            Map<String, String> env = env(github);
            try (TestServer server = TestServer.start(env, services -> List.of(new CommentOnceHandler().handler()))) {
                server.deliver("issues", FIRST, Fixtures.webhook("issues", "reopened.payload.json"));
                server.awaitFinished(FIRST);
            }
            ServerSettings settings = ServerSettings.load(env, dir.resolve(".env"));

            assertEquals(0, new DeliveriesCommand(settings).run(List.of("--json", "--state", "done"), out));
            JsonNode list = new ObjectMapper().readTree(output());
            assertEquals(FIRST, list.get(0).path("id").asText());
            assertEquals("issues", list.get(0).path("event").asText());
            assertEquals("reopened", list.get(0).path("action").asText());
            assertEquals("done", list.get(0).path("state").asText());
            assertEquals(0, new DeliveriesCommand(settings).run(List.of(), out));
            assertTrue(output().contains("issues.reopened"));

            assertEquals(0, new RedeliverCommand(settings).run(List.of(FIRST), out));
            assertEquals(1, new RedeliverCommand(settings).run(List.of("no-such-delivery"), out));
            assertTrue(output().contains("No delivery no-such-delivery"));
            try (TestServer server = TestServer.start(env, services -> List.of(new CommentOnceHandler().handler()))) {
                // the restarted server resumes the redelivered one; the handler finds its comment and writes nothing
                server.awaitIdle();
                var again = server.app().store().history().find(FIRST).orElseThrow();
                assertEquals(dev.releasetrain.delivery.DeliveryState.DONE, again.state());
                assertEquals(1, again.attempts(), "redeliver starts the count afresh and it ran once more");
            }
            assertEquals(1, github.repository().comments(REPO, 1).size());

            Path payload = Fixtures.WEBHOOKS.resolve("issues/reopened.payload.json");
            assertEquals(0, new ReplayCommand(settings, services -> List.of(new CommentOnceHandler().handler()))
                    .run(List.of(payload.toString(), "--event", "issues"), out));
            assertTrue(output().contains("(issues.reopened): done"));
            assertEquals(1, github.repository().comments(REPO, 1).size(), "a replay sends no write");

            assertThrows(UsageException.class, () -> new ReplayCommand(settings, s -> List.of()).run(List.of(payload.toString()), out));
            assertThrows(UsageException.class, () -> new DeliveriesCommand(settings).run(List.of("--state", "lost"), out));
        }
    }

    @Test
    void replayInDryRunSendsNoWrite() throws Exception {
        try (FakeGitHub github = fakeGitHub()) {
            Map<String, String> env = env(github);
            env.put("DRY_RUN", "true");
            ServerSettings settings = ServerSettings.load(env, dir.resolve(".env"));
            Path payload = Fixtures.WEBHOOKS.resolve("issues/reopened.payload.json");
            assertEquals(0, new ReplayCommand(settings, services -> List.of(new CommentOnceHandler().handler()))
                    .run(List.of(payload.toString(), "--event", "issues"), out));
            assertTrue(github.apiCalls().stream().noneMatch(c -> c.startsWith("POST")), github.apiCalls().toString());
            assertTrue(github.apiCalls().stream().anyMatch(c -> c.startsWith("GET /repos/" + REPO + "/issues/1/comments")), "reads happen");
        }
    }

    @Test
    void replayPrintsEachWriteItWouldMakeAndTouchesNoStoredDelivery() throws Exception {
        try (FakeGitHub github = fakeGitHub()) {
            Map<String, String> env = env(github);
            ServerSettings settings = ServerSettings.load(env, dir.resolve(".env"));
            try (App app = App.start(settings, s -> List.of(), false)) {
                // a follow-up the server has not run: replay must leave it as it is
                app.store().intake().scheduleFollowUp(new dev.releasetrain.delivery.Delivery("waiting", "issues",
                        dev.releasetrain.delivery.PayloadSummary.parse("{}".getBytes()), "{}".getBytes(), 0, null, 1L), Long.MAX_VALUE);
            }
            Path payload = Fixtures.WEBHOOKS.resolve("issues/reopened.payload.json");
            assertEquals(0, new ReplayCommand(settings, services -> List.of(new CommentOnceHandler().handler()))
                    .run(List.of(payload.toString(), "--event", "issues"), out));
            String printed = output();
            assertTrue(printed.contains("would send POST /repos/" + REPO + "/issues/1/comments body=\"config ok\""), printed);
            assertTrue(printed.contains("(issues.reopened): done, 1 write(s) GitHub would get."), printed);
            assertTrue(github.apiCalls().stream().noneMatch(c -> c.startsWith("POST /repos")), github.apiCalls().toString());
            try (App app = App.start(settings, s -> List.of(), false);
                 dev.releasetrain.store.Database db = dev.releasetrain.store.Database.open(settings.database())) {
                assertEquals(List.of("waiting"), db.query("SELECT id FROM follow_ups", rs -> rs.getString(1)), "still waiting for its day");
                assertTrue(app.store().history().recent(java.util.Optional.empty(), 10).stream().noneMatch(d -> d.id().startsWith("replay-")),
                        "the replay is not stored with the server's deliveries");
            }
        }
    }

    @Test
    void replayWhenGitHubCannotBeReachedIsOneLine() throws Exception {
        Map<String, String> env = TestServer.settings("http://127.0.0.1:1");
        env.put("DATABASE_URL", "jdbc:sqlite:" + dir.resolve("unreachable.db"));
        ServerSettings settings = ServerSettings.load(env, dir.resolve(".env"));
        Path payload = Fixtures.WEBHOOKS.resolve("issues/reopened.payload.json");
        long started = System.nanoTime();
        assertEquals(1, new ReplayCommand(settings, services -> List.of(new CommentOnceHandler().handler()))
                .run(List.of(payload.toString(), "--event", "issues"), out));
        assertTrue(System.nanoTime() - started < 60_000_000_000L, "no ten minutes of retries");
        List<String> lines = output().lines().toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("GitHub could not be reached at http://127.0.0.1:1"), lines.get(0));
    }
}
