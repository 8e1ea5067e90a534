package dev.releasetrain.delivery;

import dev.releasetrain.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs stored deliveries through the router. A dispatcher claims due deliveries from the store as workers free up
 * (a claim is a lease this replica renews while the work runs), and sleeps until new work is announced, by this
 * replica or another, or a retry falls due. An outcome is recorded before the worker takes more; a store that cannot
 * be reached is waited out, never a reason to drop one.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /** How often the dispatcher looks for due work when nobody announced any: retries and follow-ups falling due. */
    private static final long POLL_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 5_000;
    /**
     * After claims that found nothing, the next waits at least 10 ms, doubling to 100 ms while they keep finding
     * nothing, however often work is announced: a flood of deliveries that cannot run yet (one pull request's, behind
     * a retry) would otherwise cost a claim each. An idle replica claims at once when woken: the gap has passed.
     */
    private static final long MIN_CLAIM_GAP_MILLIS = 10;
    private static final long MAX_CLAIM_GAP_MILLIS = 100;

    private final DeliveryQueue queue;
    private final Leases leases;
    private final RunDelivery runner;
    private final LeaseKeeper held;
    private final ExecutorService executor;
    private final Semaphore free;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean woken;
    private Thread dispatcher;
    /** The app this replica runs deliveries for; set when it starts (registration may come later than the pool). */
    private long appId;
    private volatile boolean stopping;

    /**
     * @param leases who this replica is, how long its claims last, and how long a stopping replica waits for its
     *               deliveries before handing them back
     */
    public WorkerPool(DeliveryQueue queue, EventRouter router, Metrics metrics, RetryPolicy retries, int workers, Leases leases) {
        this.queue = queue;
        this.held = new LeaseKeeper(queue, leases);
        this.leases = leases;
        this.runner = new RunDelivery(queue, router, metrics, retries, leases.replica(), () -> stopping);
        this.free = new Semaphore(workers);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        metrics.queueDepth(this::depth);
    }

    /** Who this replica is and the timings of its claims. */
    public record Leases(String replica, long leaseMillis, long graceMillis) {
        public static Leases of(String replica) {
            return new Leases(replica, 20_000, 20_000);
        }
    }

    /**
     * Starts dispatching. A process that owns its store alone frees what its previous run held at once; on a shared
     * store a dead replica's claims come free when their leases run out. Only deliveries {@code appId} verified
     * are claimed.
     */
    public void start(long appId) throws SQLException {
        this.appId = appId; // before the dispatcher starts, which reads it
        queue.onWork(this::wake);
        if (queue.singleProcess()) {
            int left = queue.releaseAbandonedClaims();
            if (left > 0) {
                log.info("resuming {} deliveries a previous run was working on", left);
            }
        }
        held.start();
        dispatcher = new Thread(this::dispatch, "dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    public boolean running() {
        return dispatcher != null && dispatcher.isAlive() && !stopping;
    }

    /** New work may be due: the dispatcher looks now instead of at its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Unfinished deliveries in the store (on PostgreSQL, the fleet's). */
    public long depth() {
        try {
            return queue.unfinishedCount();
        } catch (SQLException e) {
            return -1;
        }
    }

    private void dispatch() {
        long backoff = 0;
        int emptyClaims = 0;
        while (!stopping) {
            try {
                free.acquire();
                int wanted = 1 + free.drainPermits();
                List<QueuedDelivery> claimed;
                try {
                    long now = System.currentTimeMillis();
                    claimed = queue.claim(leases.replica(), appId, wanted, now, held.leaseUntil(now));
                    backoff = 0;
                } catch (SQLException e) {
                    free.release(wanted);
                    backoff = backoff == 0 ? 250 : Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
                    log.warn("cannot claim deliveries ({}); trying again in {} ms", e.getMessage(), backoff);
                    Thread.sleep(backoff);
                    continue;
                }
                free.release(wanted - claimed.size());
                for (QueuedDelivery q : claimed) {
                    held.holding(q);
                    executor.execute(() -> {
                        try {
                            runner.run(q);
                        } finally {
                            held.released(q);
                            free.release();
                            // the next delivery of this key may run now: this replica has the free worker, so it looks (a
                            // notification to the whole fleet per finished delivery would cost every replica a claim)
                            wake();
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    long gap = Math.min(MAX_CLAIM_GAP_MILLIS, MIN_CLAIM_GAP_MILLIS << Math.min(emptyClaims++, 4));
                    long emptyAt = System.nanoTime();
                    awaitWork();
                    long early = gap - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - emptyAt);
                    if (early > 0) {
                        Thread.sleep(early);
                    }
                } else {
                    emptyClaims = 0;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("dispatcher error; carrying on", e);
            }
        }
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            if (!woken && !stopping) {
                changed.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claiming, waits up to the grace period for the deliveries in hand, and hands back the ones still running
     * so another replica (or the next start) takes them at once: what SIGTERM does.
     */
    @Override
    public void close() {
        stopping = true;
        wake();
        if (dispatcher != null) {
            dispatcher.interrupt();
            try {
                dispatcher.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(leases.graceMillis(), TimeUnit.MILLISECONDS)) {
                held.handBackAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.close();
    }
}
