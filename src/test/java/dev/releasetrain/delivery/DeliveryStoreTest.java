package dev.releasetrain.delivery;

import dev.releasetrain.testing.NeedsSharedFixtures;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@NeedsSharedFixtures
class DeliveryStoreTest {
    @TempDir
    Path dir;

    private static Delivery delivery(String id, long at) throws Exception {
        byte[] body = Fixtures.webhook("pull_request", "opened.payload.json");
        return new Delivery(id, "pull_request", PayloadSummary.parse(body), body, at);
    }

    @Test
    void aRedeliveryIsQueuedAgainOnlyWhenTheFirstDidNotSucceed() throws Exception {
        try (Database db = new Database("jdbc:sqlite:" + dir.resolve("s.db"))) {
            DeliveryStore store = new DeliveryStore(db);
            DeliveryStore.Ingested first = store.ingest(delivery("a", 1)).join();
            assertEquals(IngestOutcome.QUEUED, first.outcome());
            assertEquals("Codertocat/Hello-World#2", first.queued().orderingKey());
            assertEquals(IngestOutcome.ALREADY_QUEUED, store.ingest(delivery("a", 2)).join().outcome());
            long seq = first.queued().seq();
            store.markProcessing(seq).join();
            store.markFailed(seq, "boom", 100L, 3).join();
            assertEquals(IngestOutcome.REQUEUED, store.ingest(delivery("a", 4)).join().outcome());
            assertEquals(DeliveryState.PENDING, store.find("a").orElseThrow().state());
            store.markDone(seq, 5, 1).join();
            assertEquals(IngestOutcome.ALREADY_DONE, store.ingest(delivery("a", 6)).join().outcome());
            store.markFailed(seq, "gave up", null, 7).join();
            assertEquals(DeliveryState.DEAD, store.find("a").orElseThrow().state());
            assertEquals(IngestOutcome.REQUEUED, store.ingest(delivery("a", 8)).join().outcome(), "a dead delivery can be redelivered");
        }
    }

    @Test
    void payloadsComeBackAsSentAndTheStoreReopens() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("r.db");
        Delivery d = delivery("p", 1);
        long seq;
        try (Database db = new Database(url)) {
            seq = new DeliveryStore(db).ingest(d).join().queued().seq();
        }
        try (Database db = new Database(url)) {
            DeliveryStore store = new DeliveryStore(db);
            assertArrayEquals(d.payload(), store.payload(seq));
            assertEquals(1, store.unfinished().size(), "what was pending is resumed after a restart");
        }
    }

    @Test
    void redeliverFromTheCommandLineIsSeenByARunningServer() throws Exception {
        try (Database db = new Database("jdbc:sqlite:" + dir.resolve("q.db"))) {
            DeliveryStore store = new DeliveryStore(db);
            long seq = store.ingest(delivery("x", 1)).join().queued().seq();
            store.markDone(seq, 2, 1).join();
            assertTrue(store.requeue("x", 3));
            assertEquals(1, store.takeRequeued().size());
            assertEquals(0, store.takeRequeued().size(), "taken once");
            assertEquals(false, store.requeue("nope", 3));
        }
    }

    @Test
    void pruningForgetsOldFinishedDeliveriesButKeepsDeadOnes() throws Exception {
        try (Database db = new Database("jdbc:sqlite:" + dir.resolve("p.db"))) {
            DeliveryStore store = new DeliveryStore(db);
            long old = store.ingest(delivery("old", 1_000)).join().queued().seq();
            long dead = store.ingest(delivery("dead", 1_000)).join().queued().seq();
            long recent = store.ingest(delivery("recent", 9_000)).join().queued().seq();
            store.markDone(old, 1_001, 1).join();
            store.markFailed(dead, "gave up", null, 1_001).join();
            store.markDone(recent, 9_001, 1).join();
            assertEquals(1, store.prune(5_000).join());
            assertEquals(Optional.empty(), store.find("old"));
            assertTrue(store.find("dead").isPresent() && store.find("recent").isPresent());
        }
    }
}
