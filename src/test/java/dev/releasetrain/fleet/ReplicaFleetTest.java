package dev.releasetrain.fleet;

import dev.releasetrain.delivery.DeliveryState;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Ids;
import dev.releasetrain.testing.ChildServer;
import dev.releasetrain.testing.Stores;
import dev.releasetrain.testing.TestKeys;
import dev.releasetrain.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three replicas (child JVMs) on one PostgreSQL, deliveries about many pull requests sent round-robin to all of
 * them; one replica SIGKILLed mid-work, another stopped with SIGTERM and started again. Every acknowledged delivery
 * ends done, each pull request's deliveries complete in arrival order, and only what the killed replica held runs
 * twice.
 */
class ReplicaFleetTest {
    private static final int WORKERS = 4;
    private static final int PULL_REQUESTS = 30;
    private static final int PER_PULL_REQUEST = 20;
    @TempDir
    Path dir;
    private final List<ChildServer> replicas = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(ChildServer::close);
    }

    private ChildServer replica(String url, Path record) throws Exception {
        Map<String, String> env = TestServer.settings("http://127.0.0.1:9");
        env.put("PRIVATE_KEY", TestKeys.privatePem());
        env.put("WORKERS", Integer.toString(WORKERS));
        ChildServer replica = new ChildServer(env, url).recording(record, 40).start();
        replicas.add(replica);
        return replica;
    }

    private static byte[] payload(int pr, int n) {
        return ("{\"action\":\"synchronize\",\"number\":" + pr + ",\"seq\":" + n + ",\"installation\":{\"id\":1},"
                + "\"repository\":{\"full_name\":\"o/r\"},\"pull_request\":{\"number\":" + pr + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReplicaWithoutCredentialsBesideARegisteredOneRunsNothing() throws Exception {
        String url = Stores.freshPostgresUrl();
        Path record = dir.resolve("completed.txt");
        Files.createFile(record);
        ChildServer registered = replica(url, record);
        Map<String, String> bare = TestServer.settings("http://127.0.0.1:9");
        bare.keySet().removeAll(List.of("APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET")); // started before the setup ran
        ChildServer unregistered = new ChildServer(bare, url).recording(record, 0).start();
        replicas.add(unregistered);
        List<String> ids = new ArrayList<>();
        for (int pr = 0; pr < 20; pr++) {
            String id = Ids.id("alone-" + pr);
            assertEquals(202, registered.deliver("pull_request", id, payload(pr, 0)));
            ids.add(id);
        }
        for (String id : ids) {
            assertEquals("done", registered.awaitFinished(id));
        }
        // a delivery the unregistered replica had claimed would have been finished there unrun, and be missing here
        assertEquals(Set.copyOf(ids), Set.copyOf(Files.readAllLines(record)), "every delivery reached the registered replica's features");
    }

    /** A replica registered to another app on the same database (a stranger's setup page): neither runs the other's. */
    @Test
    void eachReplicaRunsOnlyWhatItsOwnAppVerified() throws Exception {
        String url = Stores.freshPostgresUrl();
        Path ours = dir.resolve("ours.txt");
        Path theirs = dir.resolve("theirs.txt");
        Files.createFile(ours);
        Files.createFile(theirs);
        ChildServer registered = replica(url, ours);
        Map<String, String> other = TestServer.settings("http://127.0.0.1:9");
        other.put("PRIVATE_KEY", TestKeys.privatePem());
        other.put("APP_ID", "666");
        other.put("WEBHOOK_SECRET", "a stranger's own secret");
        ChildServer stranger = new ChildServer(other, url).recording(theirs, 0).start();
        replicas.add(stranger);
        List<String> mine = new ArrayList<>();
        List<String> strangers = new ArrayList<>();
        for (int pr = 0; pr < 10; pr++) { // the same pull requests on both sides: neither waits in the other's line
            String a = Ids.id("ours-" + pr);
            String b = Ids.id("theirs-" + pr);
            assertEquals(202, stranger.deliver("pull_request", b, payload(pr, 0)));
            assertEquals(202, registered.deliver("pull_request", a, payload(pr, 1)));
            mine.add(a);
            strangers.add(b);
        }
        for (int i = 0; i < mine.size(); i++) {
            assertEquals("done", registered.awaitFinished(mine.get(i)));
            assertEquals("done", stranger.awaitFinished(strangers.get(i)));
        }
        assertEquals(Set.copyOf(mine), Set.copyOf(Files.readAllLines(ours)), "this app's replica ran this app's deliveries, and only those");
        assertEquals(Set.copyOf(strangers), Set.copyOf(Files.readAllLines(theirs)), "the stranger's replica ran only what its own secret verified");
    }

    @Test
    void aFleetLosesNothingThroughAKillAndARollingRestart() throws Exception {
        String url = Stores.freshPostgresUrl();
        Path record = dir.resolve("completed.txt");
        Files.createFile(record);
        List<ChildServer> alive = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            alive.add(replica(url, record));
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger turn = new AtomicInteger();
        // each sender owns some pull requests and sends each one's deliveries in order, waiting for every answer,
        // so arrival order per pull request is send order whichever replica takes it
        ExecutorService senders = Executors.newFixedThreadPool(6);
        Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>(); // delivery id -> "pull request-n"
        List<Future<?>> sending = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            int first = s;
            sending.add(senders.submit(() -> {
                for (int n = 0; n < PER_PULL_REQUEST; n++) {
                    for (int pr = first; pr < PULL_REQUESTS; pr += 6) {
                        String id = Ids.id("pr" + pr + "-" + n);
                        labels.put(id, pr + "-" + n);
                        byte[] body = payload(pr, n);
                        while (true) { // a replica going away refuses or drops the request: the next one is asked
                            ChildServer to = alive.get(Math.floorMod(turn.getAndIncrement(), alive.size()));
                            try {
                                int status = to.deliver("pull_request", id, body);
                                if (status == 202 || status == 200) {
                                    acked.add(id);
                                    break;
                                }
                            } catch (Exception gone) {
                                // try another replica
                            }
                        }
                    }
                }
                return null;
            }));
        }
        awaitAcked(acked, 200);
        ChildServer killed = alive.remove(0);
        killed.kill();
        long killedAt = System.currentTimeMillis();
        System.out.println("SIGKILLed a replica after " + acked.size() + " acknowledged deliveries");
        awaitAcked(acked, 400);
        ChildServer restarted = alive.remove(0);
        restarted.terminate();
        System.out.println("SIGTERMed a replica after " + acked.size() + " acknowledged deliveries; starting it again");
        alive.add(replica(url, record));
        for (Future<?> f : sending) {
            f.get();
        }
        senders.shutdown();
        assertEquals(PULL_REQUESTS * PER_PULL_REQUEST, acked.size());

        try (Database db = Database.open(url)) {
            DeliveryStore store = new DeliveryStore(db);
            long deadline = System.currentTimeMillis() + 90_000;
            while (store.queue().unfinishedCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            System.out.println("the fleet finished everything " + (System.currentTimeMillis() - killedAt) + " ms after the kill");
            for (String id : acked) {
                assertEquals(DeliveryState.DONE, store.history().find(id).orElseThrow(() -> new AssertionError("lost: " + id)).state(), id);
            }
        }
        List<String> lines = Files.readAllLines(record);
        Map<String, Long> completions = lines.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(acked, completions.keySet(), "every acknowledged delivery reached the feature");
        long repeated = completions.values().stream().filter(n -> n > 1).count();
        assertTrue(repeated <= WORKERS, "only what the killed replica held runs twice: " + repeated);
        Map<Integer, List<Integer>> order = new HashMap<>();
        for (String id : lines.stream().distinct().toList()) { // first completions, in the order they happened
            String[] parts = labels.get(id).split("-");
            order.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>()).add(Integer.parseInt(parts[1]));
        }
        for (Map.Entry<Integer, List<Integer>> e : order.entrySet()) {
            assertEquals(e.getValue().stream().sorted().toList(), e.getValue(), "pull request " + e.getKey() + " ran out of arrival order");
        }
    }

    private static void awaitAcked(Set<String> acked, int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (acked.size() < n) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("only " + acked.size() + " deliveries acknowledged");
            }
            Thread.sleep(5);
        }
    }
}
