package dev.releasetrain.delivery;

import dev.releasetrain.metrics.Metrics;
import dev.releasetrain.store.Database;
import dev.releasetrain.testing.RecordingHandler;
import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replica told to stop (SIGTERM) waits out its grace period, then hands back what it could not finish. */
class WorkerPoolTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Stores.Kind.class)
    void aStoppingReplicaHandsBackWhatItCannotFinishInItsGracePeriod(Stores.Kind kind) throws Exception {
        try (Database db = Database.open(Stores.freshUrl(kind, dir))) {
            DeliveryStore store = new DeliveryStore(db);
            CountDownLatch started = new CountDownLatch(1);
            EventRouter router = new EventRouter(2, 60_000);
            // longer than the grace period
            router.install(List.of(new RecordingHandler(id -> started.countDown(), 10_000, id -> { }).handler()), new EventContext.Resolver(null, null, null));
            WorkerPool pool = new WorkerPool(store.queue(), router, new Metrics(), new RetryPolicy(3, 10, 100), 2,
                    new WorkerPool.Leases("stopping", 20_000, 300));
            byte[] body = "{\"action\":\"opened\",\"number\":7,\"installation\":{\"id\":1},\"repository\":{\"full_name\":\"o/r\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            store.intake().ingest(new Delivery("slow", "pull_request", PayloadSummary.parse(body), body, System.currentTimeMillis(), null, 1L)).join();
            pool.start(1L);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            long stopping = System.nanoTime();
            pool.close();
            assertTrue(System.nanoTime() - stopping < TimeUnit.SECONDS.toNanos(5), "the grace period bounds the stop");
            StoredDelivery row = store.history().find("slow").orElseThrow();
            assertEquals(DeliveryState.PENDING, row.state(), "handed back to the queue");
            assertEquals(0, row.attempts(), "the cut-off attempt does not count");
            long now = System.currentTimeMillis();
            assertEquals("slow", store.queue().claim("another", 1L, 1, now, now + 20_000).get(0).id(), "another replica takes it at once");
        }
    }
}
