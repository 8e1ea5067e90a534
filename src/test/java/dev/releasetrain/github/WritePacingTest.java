package dev.releasetrain.github;

import dev.releasetrain.store.Database;
import dev.releasetrain.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each installation's write budget: the bucket's arithmetic, and one budget shared by every replica. */
class WritePacingTest {
    private static final TokenBucket.Rate SIXTY = TokenBucket.Rate.perMinute(60); // one a second, bursts of 15

    @ParameterizedTest(name = "{0} tokens counted at {1}, taken at {2}: {3} left, wait {4} ms")
    @CsvSource({
            "15,  0,    0, 14,    0",   // a full bucket: at once
            "0,   0,    0, -1, 1000",   // empty: the next token in a second
            "-2,  0,    0, -3, 3000",   // owed: behind those already waiting
            "0,   0, 1000,  0,    0",   // a second later one has come back
            "14,  0, 60000, 14,   0",   // never more than the burst
            "0, 5000, 4000, -1, 2000"}) // a replica whose clock is behind refills nothing, and waits for the other's
    void theBucketsArithmetic(double tokens, long countedAt, long now, double left, long wait) {
        TokenBucket.Taken taken = new TokenBucket(tokens, countedAt).take(SIXTY, now);
        assertEquals(left, taken.after().tokens(), 1e-9);
        assertEquals(wait, taken.waitMillis());
    }

    @Test
    void replicasDrawOnOneBudgetPerInstallation() throws Exception {
        String url = Stores.freshPostgresUrl();
        try (Database a = Database.open(url); Database b = Database.open(url)) {
            List<WritePacing> replicas = List.of(new SharedWritePacing(a, 60), new SharedWritePacing(b, 60));
            long now = System.currentTimeMillis();
            for (int i = 0; i < 15; i++) {
                assertEquals(0, replicas.get(i % 2).take(7, now), "the burst, whichever replica writes");
            }
            assertTrue(replicas.get(1).take(7, now) >= 999, "the sixteenth write waits, on either replica");
            assertEquals(0, replicas.get(0).take(8, now), "another installation has its own budget");
            assertTrue(replicas.get(0).take(7, now) > 1_500, "and the next waits behind it");
        }
    }

    @Test
    void aLongWaitHandsTheDeliveryBackInsteadOfSleeping() throws Exception {
        WritePacing pacing = WritePacing.inMemory(2); // one every thirty seconds, a burst of 1
        assertEquals(0, pacing.take(1, 0));
        assertEquals(30_000, pacing.take(1, 0), "too long to sleep: not taken");
        assertEquals(30_000, pacing.take(1, 0), "so the next asks the same");
        assertEquals(0, pacing.take(1, 30_000));
    }
}
