package dev.releasetrain.delivery;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliverySchedulerTest {
    private static QueuedDelivery q(long seq, String key, long due) {
        return new QueuedDelivery(seq, "d" + seq, key, due, 0);
    }

    private static long take(DeliveryScheduler s, long now) {
        return s.take(now).map(QueuedDelivery::seq).orElse(-1L);
    }

    @Test
    void runsOneDeliveryPerPullRequestAtATimeInArrivalOrder() {
        DeliveryScheduler s = new DeliveryScheduler();
        s.add(q(1, "o/r#1", 0));
        s.add(q(2, "o/r#1", 0));
        s.add(q(3, "o/r#2", 0));
        assertEquals(1, take(s, 0));
        assertEquals(3, take(s, 0), "another pull request is not held up");
        assertEquals(-1, take(s, 0), "the second delivery of #1 waits for the first");
        s.finish(1);
        assertEquals(2, take(s, 0));
    }

    @Test
    void aRetryHoldsItsKeyButNotOthers() {
        DeliveryScheduler s = new DeliveryScheduler();
        s.add(q(1, "o/r#1", 0));
        s.add(q(2, "o/r#1", 0));
        s.add(q(3, null, 0));
        assertEquals(1, take(s, 0));
        s.retryAt(1, 100, true);
        assertEquals(3, take(s, 0));
        assertEquals(-1, take(s, 50), "#1's later delivery must not overtake the retry");
        assertEquals(Optional.of(100L), s.nextDueAt());
        assertEquals(1, take(s, 100));
        s.finish(1);
        assertEquals(2, take(s, 100));
        s.finish(2);
        s.finish(3);
        assertEquals(0, s.size());
    }

    @Test
    void unorderedDeliveriesRunTogether() {
        DeliveryScheduler s = new DeliveryScheduler();
        for (long i = 1; i <= 5; i++) {
            s.add(q(i, null, 0));
        }
        for (long i = 1; i <= 5; i++) {
            assertEquals(i, take(s, 0));
        }
    }

    @Test
    void aRedeliveryOfAWaitingDeliveryBringsItForward() {
        DeliveryScheduler s = new DeliveryScheduler();
        s.add(q(1, "k", 1_000));
        assertEquals(-1, take(s, 0));
        s.add(q(1, "k", 0));
        assertEquals(1, take(s, 0));
        assertTrue(s.contains(1));
    }

    @Test
    void staysFastWithAHugeQueueOnOneKey() {
        DeliveryScheduler s = new DeliveryScheduler();
        for (long i = 1; i <= 200_000; i++) {
            s.add(q(i, "o/r#1", 0));
        }
        for (long i = 1; i <= 200_000; i++) {
            assertEquals(i, take(s, 0));
            s.finish(i);
        }
        assertEquals(0, s.size());
    }
}
