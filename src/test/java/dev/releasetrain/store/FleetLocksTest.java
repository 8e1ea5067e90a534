package dev.releasetrain.store;

import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Work one replica at a time may do: advisory locks and leased jobs, on two connections pools to one PostgreSQL. */
class FleetLocksTest {

    @Test
    void twoReplicasNeverHoldTheSameLockAtOnce() throws Exception {
        String url = Stores.freshPostgresUrl();
        try (Database a = Database.open(url); Database b = Database.open(url)) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Database replica = i % 2 == 0 ? a : b;
                all.add(pool.submit(() -> replica.exclusively("checklist:o/r@1.30.0", () -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                    inside.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            assertEquals(1, most.get(), "one holder at a time, across both replicas");
            assertEquals("other", a.exclusively("checklist:o/r@1.31.0", () -> b.exclusively("checklist:o/r@1.30.0", () -> "other")),
                    "another release's lock is another lock");
        }
    }

    @Test
    void workAnnouncedOnOneReplicaWakesTheOthersAtOnce() throws Exception {
        String url = Stores.freshPostgresUrl();
        try (Database a = Database.open(url); Database b = Database.open(url)) {
            AtomicInteger woken = new AtomicInteger();
            b.onWork(woken::incrementAndGet);
            Thread.sleep(1_000); // b's listener connects (and wakes once, for what it may have missed)
            int before = woken.get();
            long announced = System.nanoTime();
            a.announceWork();
            while (woken.get() == before && System.nanoTime() - announced < 30_000_000_000L) {
                Thread.sleep(1);
            }
            // the store itself never polls (the workers' one-second poll is theirs): a wake here is a notification
            assertTrue(woken.get() > before, "the other replica was told");
        }
    }

    @Test
    void aJobIsHeldByOneReplicaUntilItFinishesOrItsLeaseRunsOut() throws Exception {
        try (Database db = Database.open(Stores.freshPostgresUrl())) {
            FleetJobs jobs = new FleetJobs(db);
            assertEquals(Optional.of(new FleetJobs.Held(OptionalLong.empty())), jobs.take("fetch-back", "a", 1_000, 600_000), "never ran");
            assertTrue(jobs.take("fetch-back", "b", 2_000, 600_000).isEmpty(), "a holds it");
            jobs.finish("fetch-back", "a", 1_000);
            assertEquals(Optional.of(new FleetJobs.Held(OptionalLong.of(1_000))), jobs.take("fetch-back", "b", 3_000, 600_000));
            assertTrue(jobs.take("fetch-back", "a", 4_000, 600_000).isEmpty());
            assertEquals(Optional.of(new FleetJobs.Held(OptionalLong.of(1_000))), jobs.take("fetch-back", "a", 603_001, 600_000),
                    "b died holding it: its lease ran out");
        }
    }
}
