package dev.releasetrain.reconcile;

import dev.releasetrain.cli.ReconcileCommand;
import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.RecordingHandler;
import dev.releasetrain.testing.Stores;
import dev.releasetrain.testing.Payloads;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import dev.releasetrain.testing.WebhookLog;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GitHub never redelivers on its own: deliveries it could not make while the app was down are read back from the
 * app's delivery log at start and asked for again, once each; what succeeded or is stored already is not.
 */
class FetchBackTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void whatGitHubCouldNotDeliverWhileTheAppWasDownIsFetchedBackOnceAtStart(Stores.Kind kind) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = Stores.freshUrl(kind, dir);
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            WebhookLog log = github.webhooks();
            log.target(() -> "http://127.0.0.1:" + port + "/webhook");
            Map<String, String> env = TestServer.settings(github.url());
            env.put("PORT", Integer.toString(port));
            env.put("DATABASE_URL", url);

            try (TestServer server = TestServer.start(env, services -> List.of(RecordingHandler.onDone(id -> { }).handler()))) {
                assertEquals(202, log.send("pull_request", Ids.id("delivered"), Payloads.pullRequestOpened(1)));
                // stored, but GitHub gave up waiting for the answer and logged a timeout
                assertEquals(202, server.deliver("pull_request", Ids.id("answer-lost"), Payloads.pullRequestOpened(2)).statusCode());
                log.record("pull_request", Ids.id("answer-lost"), Payloads.pullRequestOpened(2), 504);
                server.awaitFinished(Ids.id("delivered"));
                server.awaitFinished(Ids.id("answer-lost"));
            }
            // the app is down: GitHub's attempts find nothing listening, and it does not try again by itself
            assertEquals(0, log.send("pull_request", Ids.id("missed-1"), Payloads.pullRequestOpened(3)));
            assertEquals(0, log.send("pull_request", Ids.id("missed-2"), Payloads.pullRequestOpened(4)));
            assertEquals(0, log.send("pull_request", Ids.id("missed-2-twin"), Payloads.pullRequestOpened(4)));

            env.put("RECONCILE_MINUTES", "5");
            ConcurrentMap<String, AtomicInteger> handled = new ConcurrentHashMap<>();
            RecordingHandler counting = RecordingHandler.onDone(id -> handled.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet());
            try (TestServer server = TestServer.start(env, services -> List.of(counting.handler()))) {
                for (String id : List.of(Ids.id("missed-1"), Ids.id("missed-2"), Ids.id("missed-2-twin"))) {
                    awaitDone(server, id);
                }
                assertEquals(List.of(Ids.id("missed-1"), Ids.id("missed-2"), Ids.id("missed-2-twin")), log.redeliveriesAskedFor(),
                        "each missed delivery asked for once, oldest first; nothing that succeeded or is stored");
                assertEquals(new java.util.TreeMap<>(Map.of(Ids.id("missed-1"), 1, Ids.id("missed-2"), 1, Ids.id("missed-2-twin"), 1)), counts(handled));
                String requested = "releasetrain_reconcile_deliveries_total{outcome=\"requested\"} 3.0";
                String metrics = server.awaitMetrics(List.of(requested));
                assertTrue(metrics.contains(requested), metrics);

                // a second pass, from the command line: GitHub's log now shows the redeliveries answered
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ServerSettings settings = ServerSettings.load(env, dir.resolve("none.env"));
                assertEquals(0, new ReconcileCommand(settings).run(List.of("--since", "1h"), new PrintStream(out, true, StandardCharsets.UTF_8)));
                String printed = out.toString(StandardCharsets.UTF_8);
                assertTrue(printed.contains("; 0 missed; 0 asked for again"), printed);
                assertEquals(3, log.redeliveriesAskedFor().size(), "the second pass asked for nothing");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aDryRunListsWhatItWouldAskForAndAsksForNothing(Stores.Kind kind) throws Exception {
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            WebhookLog log = github.webhooks();
            for (int i = 0; i < 150; i++) { // two pages of GitHub's log
                log.send("pull_request", Ids.id("down-" + i), Payloads.pullRequestOpened(i));
            }
            Map<String, String> env = TestServer.settings(github.url());
            env.put("DATABASE_URL", Stores.freshUrl(kind, dir));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = new ReconcileCommand(ServerSettings.load(env, dir.resolve("none.env")))
                    .run(List.of("--dry-run"), new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, printed);
            assertTrue(printed.contains(Ids.id("down-0") + " ") && printed.contains(Ids.id("down-149") + " ") && printed.contains("(would ask again)"), printed);
            assertTrue(printed.contains("150 deliveries in GitHub's log") && printed.contains("150 missed; dry run: nothing asked for"), printed);
            assertEquals(List.of(), log.redeliveriesAskedFor());
        }
    }

    private static Map<String, Integer> counts(Map<String, AtomicInteger> handled) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        handled.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static void awaitDone(TestServer server, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            var row = server.app().store().history().find(id);
            if (row.isPresent() && row.get().state() == DeliveryState.DONE) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " was not fetched back");
    }
}
