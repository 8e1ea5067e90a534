package dev.releasetrain.delivery;

import dev.releasetrain.testing.NeedsSharedFixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.CrashTestServer;
import dev.releasetrain.testing.Fixtures;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries acknowledged, the server killed with SIGKILL mid-flood, restarted on the same database: every
 * acknowledged delivery is processed, each completed once except those a worker held at the kill (re-run, which
 * is why features write idempotently).
 */
@NeedsSharedFixtures
class CrashRecoveryTest {
    private static final int WORKERS = 4;
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedDeliverySurvivesASigkill() throws Exception {
        Path db = dir.resolve("crash.db");
        Path record = dir.resolve("completed.txt");
        List<byte[]> bodies = pullRequestsPayloads(25);
        Set<String> acked = ConcurrentHashMap.newKeySet();

        Process first = startChild(db, record);
        int port = awaitReady(first);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        for (int t = 0; t < 8; t++) {
            senders.execute(() -> {
                for (int i = 0; i < 150; i++) {
                    byte[] body = bodies.get(sent.getAndIncrement() % bodies.size());
                    String id = UUID.randomUUID().toString();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                                .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request")
                                .header("X-GitHub-Delivery", id)
                                .header("X-Hub-Signature-256", SignatureVerifier.sign(TestServer.SECRET, body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            acked.add(id);
                        }
                    } catch (Exception refusedOrKilled) {
                        // not acknowledged: GitHub would redeliver it; nothing is promised for it
                    }
                }
            });
        }
        while (acked.size() < 400) {
            Thread.sleep(5);
        }
        first.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
        first.waitFor(10, TimeUnit.SECONDS);
        senders.shutdown();
        senders.awaitTermination(60, TimeUnit.SECONDS);
        long completedBeforeKill = Files.readAllLines(record).size();
        assertTrue(completedBeforeKill < acked.size(), "the kill came before the work was done (" + completedBeforeKill + " of " + acked.size() + ")");

        Process second = startChild(db, record);
        int port2 = awaitReady(second);
        awaitQueueEmpty(http, port2);
        second.destroy(); // SIGTERM: the graceful path
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the server");

        Map<String, Long> completions = Files.readAllLines(record).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        try (Database database = Database.open("jdbc:sqlite:" + db)) {
            DeliveryStore store = new DeliveryStore(database);
            for (String id : acked) {
                assertEquals(DeliveryState.DONE, store.history().find(id).orElseThrow(() -> new AssertionError("lost: " + id)).state());
                assertTrue(completions.containsKey(id), "processed: " + id);
            }
            assertEquals(0, store.queue().unfinishedCount());
            assertEquals(List.of(), store.history().recent(Optional.of(DeliveryState.DEAD), 10));
        }
        long repeated = completions.values().stream().filter(n -> n > 1).count();
        assertTrue(repeated <= WORKERS, "only deliveries in a worker's hands at the kill run twice: " + repeated);
    }

    private Process startChild(Path db, Path record) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, CrashTestServer.class.getName());
        Map<String, String> env = pb.environment();
        env.putAll(TestServer.settings("http://127.0.0.1:9"));
        env.put("PRIVATE_KEY", TestKeys.privatePem());
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", "jdbc:sqlite:" + db);
        env.put("WORKERS", Integer.toString(WORKERS));
        env.put("RECORD_FILE", record.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static int awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new ArrayList<>();
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty so the child never blocks on its output
                        }
                    } catch (Exception ignored) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(6).strip());
            }
            seen.add(line);
        }
        throw new AssertionError("the child server did not start: " + seen);
    }

    private static void awaitQueueEmpty(HttpClient http, int port) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.contains("releasetrain_queue_depth 0.0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the restarted server did not drain its queue");
    }

    /** The real pull_request.opened payload, made about {@code n} different pull requests (so ordering is exercised). */
    private static List<byte[]> pullRequestsPayloads(int n) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ObjectNode payload = (ObjectNode) json.readTree(Fixtures.webhook("pull_request", "opened.payload.json"));
            payload.put("number", i);
            ((ObjectNode) payload.get("pull_request")).put("number", i);
            out.add(json.writeValueAsBytes(payload));
        }
        return out;
    }
}
