package dev.releasetrain.fleet;

import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.FakeGitHub;
import dev.releasetrain.testing.RecordingHandler;
import dev.releasetrain.testing.Stores;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped for 20 seconds under load, then started again: the door answers 503 for what it cannot store
 * (never a 2xx), readiness says why, and once the database is back everything acknowledged is processed, with no
 * restart of the server.
 */
class DatabaseOutageTest {
    @TempDir
    Path dir;

    @Test
    void anUnreachableDatabaseAtStartIsOneLineAndANonZeroExit() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                "dev.releasetrain.Main", "serve").redirectErrorStream(true);
        pb.environment().putAll(TestServer.settings("http://127.0.0.1:9"));
        pb.environment().put("PRIVATE_KEY", TestKeys.privatePem());
        pb.environment().put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/rt?user=rt&password=hunter2");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        List<String> lines = output.lines().toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("release-train: PostgreSQL at jdbc:postgresql://127.0.0.1:" + closed + "/rt?user=rt&password=*** cannot be reached: "),
                output);
    }

    @Test
    void aDatabaseOutageUnderLoadLosesNothingAndNeedsNoRestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres pg = Stores.startOwn(data, port);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE outage");
        }
        String url = pg.getJdbcUrl("postgres", "outage");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        RecordingHandler recorder = RecordingHandler.onDone(handled::add);
        try (FakeGitHub github = new FakeGitHub(TestServer.APP_ID, TestKeys.PAIR.getPublic())) {
            Map<String, String> env = TestServer.settings(github.url());
            env.put("DATABASE_URL", url);
            try (TestServer server = TestServer.start(env, services -> List.of(recorder.handler()))) {
                Set<String> acked = ConcurrentHashMap.newKeySet();
                AtomicInteger refused = new AtomicInteger();
                AtomicInteger other = new AtomicInteger();
                AtomicBoolean outage = new AtomicBoolean();
                AtomicBoolean loading = new AtomicBoolean(true);
                AtomicInteger sent = new AtomicInteger();
                ExecutorService load = Executors.newFixedThreadPool(4);
                for (int t = 0; t < 4; t++) {
                    load.execute(() -> {
                        while (loading.get()) {
                            int n = sent.incrementAndGet();
                            String id = Ids.id("d" + n);
                            byte[] body = ("{\"action\":\"opened\",\"number\":" + (n % 50) + ",\"installation\":{\"id\":1},"
                                    + "\"repository\":{\"full_name\":\"o/r\"},\"pull_request\":{\"number\":" + (n % 50) + "}}")
                                    .getBytes(StandardCharsets.UTF_8);
                            try {
                                int status = server.deliver("pull_request", id, body).statusCode();
                                if (status == 202) {
                                    acked.add(id);
                                } else if (status == 503 && outage.get()) {
                                    refused.incrementAndGet();
                                } else {
                                    other.incrementAndGet();
                                }
                                Thread.sleep(5);
                            } catch (Exception e) {
                                other.incrementAndGet();
                            }
                        }
                    });
                }
                Thread.sleep(2_000);
                int beforeOutage = acked.size();
                outage.set(true);
                pg.close();
                long stoppedAt = System.currentTimeMillis();
                Thread.sleep(4_000);
                HttpResponse<String> ready = server.get("/readyz");
                assertEquals(503, ready.statusCode());
                assertTrue(ready.body().contains("PostgreSQL cannot be reached"), ready.body());
                Thread.sleep(Math.max(0, 20_000 - (System.currentTimeMillis() - stoppedAt)));
                pg = Stores.startOwn(data, port);
                long restartedAt = System.currentTimeMillis();
                Thread.sleep(5_000);
                outage.set(false);
                Thread.sleep(3_000);
                loading.set(false);
                load.shutdown();
                assertTrue(load.awaitTermination(60, TimeUnit.SECONDS));
                System.out.printf("outage: %d acknowledged before, %d refused with 503 during, %d acknowledged in all, %d other answers%n",
                        beforeOutage, refused.get(), acked.size(), other.get());
                assertTrue(refused.get() > 0, "the door refused what it could not store");
                assertEquals(0, other.get(), "nothing but 202 and, while the database was away, 503");
                assertTrue(acked.size() > beforeOutage + 100, "deliveries were taken again after the outage: " + acked.size());

                long deadline = System.currentTimeMillis() + 60_000;
                while (!handled.containsAll(acked) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                System.out.println("everything acknowledged was processed " + (System.currentTimeMillis() - restartedAt)
                        + " ms after PostgreSQL came back");
                for (String id : acked) {
                    assertEquals(DeliveryState.DONE, server.app().store().history().find(id).orElseThrow(() -> new AssertionError("lost: " + id)).state());
                }
                assertTrue(handled.containsAll(acked));
                assertEquals(200, server.get("/readyz").statusCode(), "ready again without a restart");
            }
        } finally {
            pg.close();
        }
    }
}
