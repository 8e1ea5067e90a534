package dev.releasetrain.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The claims this replica holds: renewed while their work runs (an expired lease means the replica is gone and
 * another takes the delivery), and handed back when a stopping replica's grace period ends.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private final DeliveryQueue queue;
    private final WorkerPool.Leases leases;
    private final Map<Long, QueuedDelivery> inHand = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });

    LeaseKeeper(DeliveryQueue queue, WorkerPool.Leases leases) {
        this.queue = queue;
        this.leases = leases;
    }

    void start() {
        long renewEvery = Math.max(100, leases.leaseMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::renew, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    long leaseUntil(long now) {
        return now + leases.leaseMillis();
    }

    void holding(QueuedDelivery q) {
        inHand.put(q.seq(), q);
    }

    void released(QueuedDelivery q) {
        inHand.remove(q.seq());
    }

    private void renew() {
        if (inHand.isEmpty()) {
            return;
        }
        try {
            queue.renew(leases.replica(), List.copyOf(inHand.keySet()), leaseUntil(System.currentTimeMillis()));
        } catch (SQLException | RuntimeException e) {
            log.warn("could not renew the leases of {} deliveries: {}", inHand.size(), e.getMessage());
        }
    }

    /** Hands back what is still in hand, so another replica (or the next start) takes it at once. */
    void handBackAll() {
        List<QueuedDelivery> left = List.copyOf(inHand.values());
        long now = System.currentTimeMillis();
        int handed = 0;
        for (QueuedDelivery q : left) {
            try {
                if (queue.handBack(q.seq(), leases.replica(), now, "handed back by a stopping replica")) {
                    handed++;
                }
            } catch (SQLException e) {
                log.warn("could not hand back delivery {} ({}); it is taken again when its lease runs out", q.id(), e.getMessage());
            }
        }
        log.warn("{} deliveries still running when the grace period ended; {} handed back to the queue", left.size(), handed);
    }

    void close() {
        heartbeat.shutdownNow();
    }
}
