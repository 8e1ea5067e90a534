package dev.releasetrain.delivery;

import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's contract, on SQLite and on a real PostgreSQL: dedupe, claims as leases, per-key order, outcomes. */
class DeliveryStoreTest {
    private static final long LEASE = 20_000;
    @TempDir
    Path dir;

    private static Delivery delivery(String id, long at, Long number) {
        byte[] body = ("{\"action\":\"opened\",\"number\":" + number + ",\"installation\":{\"id\":1},"
                + "\"repository\":{\"full_name\":\"o/r\"}}").getBytes(StandardCharsets.UTF_8);
        return new Delivery(id, "pull_request", new PayloadSummary("opened", 1L, "o/r", number), body, at, "sha256=" + id, 1L);
    }

    private static Delivery delivery(String id, long at) {
        return delivery(id, at, 2L);
    }

    private static List<String> ids(List<QueuedDelivery> claimed) {
        return claimed.stream().map(QueuedDelivery::id).toList();
    }

    private Database open(Stores.Kind kind) throws Exception {
        return Database.open(Stores.freshUrl(kind, dir));
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aRedeliveryIsQueuedAgainOnlyWhenTheFirstDidNotSucceed(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            assertEquals(IngestOutcome.QUEUED, store.intake().ingest(delivery("a", 1)).join());
            assertEquals(IngestOutcome.ALREADY_QUEUED, store.intake().ingest(delivery("a", 2)).join());
            QueuedDelivery a = store.queue().claim("r1", 1L, 10, 3, 3 + LEASE).get(0);
            assertEquals("o/r#2", a.orderingKey());
            assertEquals(1, a.attempts());
            assertTrue(store.queue().markFailed(a.seq(), "r1", "boom", 100L, 3));
            assertEquals(IngestOutcome.REQUEUED, store.intake().ingest(delivery("a", 4)).join());
            assertEquals(DeliveryState.PENDING, store.history().find("a").orElseThrow().state());
            QueuedDelivery again = store.queue().claim("r1", 1L, 10, 5, 5 + LEASE).get(0);
            assertTrue(store.queue().markDone(again.seq(), "r1", 5, 1));
            assertEquals(IngestOutcome.ALREADY_DONE, store.intake().ingest(delivery("a", 6)).join());
            assertTrue(store.intake().requeue("a", 7));
            QueuedDelivery third = store.queue().claim("r1", 1L, 10, 7, 7 + LEASE).get(0);
            assertTrue(store.queue().markFailed(third.seq(), "r1", "gave up", null, 7));
            assertEquals(DeliveryState.DEAD, store.history().find("a").orElseThrow().state());
            assertEquals(IngestOutcome.REQUEUED, store.intake().ingest(delivery("a", 8)).join(), "a dead delivery can be redelivered");
            assertFalse(store.intake().requeue("nope", 3));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void oneRepositorysFailingBacklogNeverHidesAnothersNewDelivery(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            for (int i = 0; i < 600; i++) { // a poisoned repository: 600 pull requests whose every attempt fails
                store.intake().ingest(new Delivery("poisoned-" + i, "pull_request", new PayloadSummary("opened", 1L, "o/poisoned", (long) i),
                        new byte[] {'{', '}'}, 1, null, 1L)).join();
            }
            List<QueuedDelivery> claimed;
            while (!(claimed = store.queue().claim("r1", 1L, 600, 2, 2 + LEASE)).isEmpty()) { // each tried once and failed
                for (QueuedDelivery q : claimed) {
                    store.queue().markFailed(q.seq(), "r1", "GitHub answered 502", 3L, 2); // due again from 3 on
                }
            }
            store.intake().ingest(new Delivery("healthy", "pull_request", new PayloadSummary("opened", 1L, "o/healthy", 1L),
                    new byte[] {'{', '}'}, 4, null, 1L)).join();
            assertEquals(List.of("healthy"), ids(store.queue().claim("r1", 1L, 1, 5, 5 + LEASE)),
                    "the healthy repository's new delivery first, behind 600 due retries");
            assertEquals(4, store.queue().claim("r1", 1L, 4, 5, 5 + LEASE).size(), "then the retries, as workers free up");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void oneRepositorysFloodOfNewDeliveriesNeverHoldsBackAnothers(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            for (int i = 0; i < 300; i++) { // all new at once, before the other repository's one
                store.intake().ingest(new Delivery("flood-" + i, "pull_request", new PayloadSummary("opened", 1L, "o/flood", (long) i),
                        new byte[] {'{', '}'}, 1, null, 1L)).join();
            }
            store.intake().ingest(new Delivery("other", "pull_request", new PayloadSummary("opened", 1L, "o/other", 1L),
                    new byte[] {'{', '}'}, 2, null, 1L)).join();
            assertEquals(List.of("flood-0", "other"), ids(store.queue().claim("r1", 1L, 2, 3, 3 + LEASE)),
                    "each repository's oldest new delivery first: the other repository's is not behind 300");
            assertEquals(List.of("flood-1", "flood-2"), ids(store.queue().claim("r1", 1L, 2, 3, 3 + LEASE)), "then the flood, in order");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aDeliveryThatKillsEveryProcessRunningItIsDeadAfterItsAttempts(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db, 3);
            store.intake().ingest(delivery("poison", 1, 7L)).join();
            store.intake().ingest(delivery("healthy", 1, 8L)).join();
            long now = 10;
            for (int crash = 1; crash <= 3; crash++) { // claimed, then its replica dies: the lease runs out with no outcome
                List<QueuedDelivery> claimed = store.queue().claim("r" + crash, 1L, 10, now, now + LEASE);
                assertTrue(ids(claimed).contains("poison"), "claimed again after crash " + (crash - 1));
                claimed.stream().filter(q -> q.id().equals("healthy")).forEach(q -> {
                    try {
                        store.queue().markDone(q.seq(), "r1", 11, 1);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                now += LEASE + 1;
            }
            assertEquals(List.of(), store.queue().claim("r4", 1L, 10, now, now + LEASE), "not claimed a fourth time");
            StoredDelivery poison = store.history().find("poison").orElseThrow();
            assertEquals(DeliveryState.DEAD, poison.state());
            assertTrue(poison.lastError().contains("stopped while running it 3 times"), poison.lastError());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void theSameSignedBodyUnderAnotherIdIsAReplayAndNotQueued(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            Delivery original = delivery("a", 1);
            assertEquals(IngestOutcome.QUEUED, store.intake().ingest(original).join());
            Delivery replay = new Delivery("b", original.event(), original.summary(), original.payload(), 2, original.fingerprint(), 1L);
            assertEquals(IngestOutcome.REPLAYED, store.intake().ingest(replay).join());
            assertEquals(Optional.empty(), store.history().find("b"), "the replay is not stored");
            assertEquals(IngestOutcome.ALREADY_QUEUED, store.intake().ingest(original).join(), "GitHub's own redelivery keeps its id");
            assertEquals(List.of("a"), ids(store.queue().claim("r1", 1L, 10, 3, 3 + LEASE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void payloadsComeBackAsSent(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            Delivery d = delivery("p", 1);
            store.intake().ingest(d).join();
            long seq = store.queue().claim("r1", 1L, 1, 1, LEASE).get(0).seq();
            assertArrayEquals(d.payload(), store.queue().load(seq).payload());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void oneDeliveryPerPullRequestAtATimeInArrivalOrder(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            store.intake().ingest(delivery("1a", 0, 1L)).join();
            store.intake().ingest(delivery("1b", 0, 1L)).join();
            store.intake().ingest(delivery("2a", 0, 2L)).join();
            store.intake().ingest(delivery("none", 0, null)).join();
            List<QueuedDelivery> first = store.queue().claim("r1", 1L, 10, 0, LEASE);
            assertEquals(List.of("1a", "2a", "none"), ids(first), "#1's second delivery waits for its first; others are not held up");
            assertEquals(List.of(), ids(store.queue().claim("r2", 1L, 10, 0, LEASE)), "another replica finds nothing to take");
            assertTrue(store.queue().markDone(first.get(0).seq(), "r1", 1, 1));
            assertEquals(List.of("1b"), ids(store.queue().claim("r2", 1L, 10, 1, LEASE)));
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aRetryHoldsItsKeyUntilItIsDue(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            store.intake().ingest(delivery("1a", 0, 1L)).join();
            store.intake().ingest(delivery("1b", 0, 1L)).join();
            QueuedDelivery a = store.queue().claim("r1", 1L, 1, 0, LEASE).get(0);
            assertTrue(store.queue().markFailed(a.seq(), "r1", "boom", 100L, 0));
            assertEquals(List.of(), ids(store.queue().claim("r1", 1L, 10, 50, LEASE)), "#1's later delivery must not overtake the retry");
            QueuedDelivery retried = store.queue().claim("r1", 1L, 10, 100, LEASE).get(0);
            assertEquals("1a", retried.id());
            assertEquals(2, retried.attempts());
            assertTrue(store.queue().handBack(retried.seq(), "r1", 100, "rate limited"));
            assertEquals(2, store.queue().claim("r1", 1L, 1, 100, LEASE).get(0).attempts(), "a handed-back attempt is not counted: this is still the second");
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aDeadReplicasClaimIsTakenOverWhenItsLeaseRunsOut(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            store.intake().ingest(delivery("x", 0)).join();
            QueuedDelivery held = store.queue().claim("dead", 1L, 1, 0, 1_000).get(0);
            store.queue().renew("dead", List.of(held.seq()), 2_000);
            assertEquals(List.of(), ids(store.queue().claim("alive", 1L, 1, 1_500, 1_500 + LEASE)), "a renewed lease holds");
            QueuedDelivery taken = store.queue().claim("alive", 1L, 1, 2_001, 2_001 + LEASE).get(0);
            assertEquals("x", taken.id());
            assertFalse(store.queue().markDone(held.seq(), "dead", 2_002, 1), "the old holder's outcome no longer counts");
            assertTrue(store.queue().markDone(taken.seq(), "alive", 2_003, 1));
            assertEquals(DeliveryState.DONE, store.history().find("x").orElseThrow().state());
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aFollowUpJoinsItsPullRequestsLineWhenItFallsDueNotWhenPlanned(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            store.intake().scheduleFollowUp(delivery("poll", 0, 1L), 1_000);
            store.intake().scheduleFollowUp(delivery("poll", 0, 1L), 5); // planned twice: the first plan stands
            store.intake().ingest(delivery("push", 10, 1L)).join();
            QueuedDelivery push = store.queue().claim("r", 1L, 10, 10, LEASE).get(0);
            assertEquals("push", push.id(), "the poll planned for later does not hold up the push");
            assertTrue(store.queue().markDone(push.seq(), "r", 11, 1));
            assertEquals(List.of(), ids(store.queue().claim("r", 1L, 10, 999, LEASE)));
            store.intake().ingest(delivery("push-2", 1_000, 1L)).join();
            List<QueuedDelivery> due = store.queue().claim("r", 1L, 10, 1_000, LEASE);
            assertEquals(List.of("push-2"), ids(due), "due now, the poll queues behind what arrived before");
            assertTrue(store.queue().markDone(due.get(0).seq(), "r", 1_001, 1));
            assertEquals(List.of("poll"), ids(store.queue().claim("r", 1L, 10, 1_001, LEASE)));
            store.intake().scheduleFollowUp(delivery("poll", 0, 1L), 2_000);
            assertEquals(List.of(), ids(store.queue().claim("r", 1L, 10, 3_000, LEASE)), "a follow-up already run is not planned again");
        }
    }

    /**
     * A replica registered to another app on the same database (a stranger's setup) stores what its secret verifies;
     * this app's replicas never run it, and it never runs this app's.
     */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aReplicaClaimsOnlyWhatItsOwnAppVerified(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            Delivery ours = delivery("ours", 1, 1L);
            Delivery theirs = delivery("theirs", 1, 2L);
            // the stranger's delivery of the same pull request, first: not a line this app waits in
            store.intake().ingest(new Delivery("theirs-first", ours.event(), ours.summary(), ours.payload(), 1, null, 666L)).join();
            store.intake().ingest(ours).join();
            store.intake().ingest(new Delivery(theirs.id(), theirs.event(), theirs.summary(), theirs.payload(), 1, null, 666L)).join();
            store.intake().scheduleFollowUp(new Delivery("their-poll", ours.event(), new PayloadSummary("opened", 1L, "o/r", 3L), ours.payload(), 1,
                    null, 666L), 1);
            // a row stored before deliveries named their app is anyone's
            db.update("INSERT INTO deliveries (id, event, received_at, state, next_attempt_at, payload) VALUES ('older', 'ping', 1, 'pending', 1, ?)",
                    (Object) new byte[] {'{', '}'});
            assertEquals(List.of("older", "ours"), ids(store.queue().claim("r1", 1L, 10, 2, 2 + LEASE)).stream().sorted().toList());
            assertEquals(List.of("their-poll", "theirs", "theirs-first"), ids(store.queue().claim("stranger", 666L, 10, 2, 2 + LEASE)).stream().sorted().toList());
        }
    }

    /** Replicas claiming at once each get different deliveries, and never two of one pull request. */
    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void concurrentClaimsNeverShareADeliveryOrAKey(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            for (int i = 0; i < 400; i++) {
                store.intake().ingest(delivery("d" + i, 0, (long) (i % 40))).join();
            }
            Set<String> done = ConcurrentHashMap.newKeySet();
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            Set<String> runningKeys = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> replicas = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                String replica = "r" + r;
                replicas.add(pool.submit(() -> {
                    go.await();
                    int idle = 0;
                    while (idle < 20) {
                        List<QueuedDelivery> got = store.queue().claim(replica, 1L, 3, 0, LEASE);
                        if (got.isEmpty()) {
                            idle++;
                            Thread.sleep(5);
                        }
                        for (QueuedDelivery q : got) {
                            assertTrue(runningKeys.add(q.orderingKey()), "two deliveries of " + q.orderingKey() + " at once");
                            assertTrue(done.add(q.id()), q.id() + " claimed twice");
                            order.add(q.id());
                            runningKeys.remove(q.orderingKey());
                            assertTrue(store.queue().markDone(q.seq(), replica, 1, 1));
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : replicas) {
                f.get();
            }
            pool.shutdown();
            assertEquals(400, done.size());
            for (int key = 0; key < 40; key++) {
                int k = key;
                List<Integer> seen = order.stream().map(id -> Integer.parseInt(id.substring(1))).filter(i -> i % 40 == k).toList();
                assertEquals(seen.stream().sorted().toList(), seen, "key " + key + " ran out of arrival order");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void pruningForgetsOldFinishedDeliveriesButKeepsDeadOnes(Stores.Kind kind) throws Exception {
        try (Database db = open(kind)) {
            DeliveryStore store = new DeliveryStore(db);
            store.intake().ingest(delivery("old", 1_000, 1L)).join();
            store.intake().ingest(delivery("dead", 1_000, 2L)).join();
            store.intake().ingest(delivery("recent", 9_000, 3L)).join();
            List<QueuedDelivery> all = store.queue().claim("r", 1L, 3, 9_000, LEASE);
            assertTrue(store.queue().markDone(all.get(0).seq(), "r", 1_001, 1));
            assertTrue(store.queue().markFailed(all.get(1).seq(), "r", "gave up", null, 1_001));
            assertTrue(store.queue().markDone(all.get(2).seq(), "r", 9_001, 1));
            assertEquals(1, store.history().prune(5_000).join());
            assertEquals(Optional.empty(), store.history().find("old"));
            assertTrue(store.history().find("dead").isPresent() && store.history().find("recent").isPresent());
            assertEquals(Set.of("dead", "recent"), store.history().stored(List.of("old", "dead", "recent", "never")));
        }
    }
}
