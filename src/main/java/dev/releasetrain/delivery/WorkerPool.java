package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.github.RateLimitedException;
import dev.releasetrain.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final ObjectMapper JSON = new ObjectMapper(PayloadSummary.JSON);
    /** How often the dispatcher looks for due work when nobody announced any: retries and follow-ups falling due. */
    private static final long POLL_MILLIS = 1_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /**
     * After claims that found nothing, the next waits at least 10 ms, doubling to 100 ms while they keep finding
     * nothing, however often work is announced: a flood of deliveries that cannot run yet (one pull request's, behind
     * a retry) would otherwise cost a claim each. An idle replica claims at once when woken: the gap has passed.
     */
    private static final long MIN_CLAIM_GAP_MILLIS = 10;
    private static final long MAX_CLAIM_GAP_MILLIS = 100;

    private final DeliveryStore store;
    private final EventRouter router;
    private final Metrics metrics;
    private final RetryPolicy retries;
    private final Leases leases;
    private final ExecutorService executor;
    private final Semaphore free;
    private final Map<Long, QueuedDelivery> inHand = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lease-renewal");
        t.setDaemon(true);
        return t;
    });
    private boolean woken;
    private Thread dispatcher;
    private volatile boolean stopping;

    /**
     * @param leases who this replica is, how long its claims last, and how long a stopping replica waits for its
     *               deliveries before handing them back
     */
    public WorkerPool(DeliveryStore store, EventRouter router, Metrics metrics, RetryPolicy retries, int workers, Leases leases) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.retries = retries;
        this.leases = leases;
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
     * store a dead replica's claims come free when their leases run out.
     */
    public void start() throws SQLException {
        store.onWork(this::wake);
        if (store.singleProcess()) {
            int left = store.releaseAbandonedClaims();
            if (left > 0) {
                log.info("resuming {} deliveries a previous run was working on", left);
            }
        }
        long renewEvery = Math.max(100, leases.leaseMillis() / 4);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
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
            return store.unfinishedCount();
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
                    claimed = store.claim(leases.replica(), wanted, now, now + leases.leaseMillis());
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
                    inHand.put(q.seq(), q);
                    executor.execute(() -> {
                        try {
                            process(q);
                        } finally {
                            inHand.remove(q.seq());
                            free.release();
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

    private void renewLeases() {
        if (inHand.isEmpty()) {
            return;
        }
        try {
            store.renew(leases.replica(), List.copyOf(inHand.keySet()), System.currentTimeMillis() + leases.leaseMillis());
        } catch (SQLException | RuntimeException e) {
            log.warn("could not renew the leases of {} deliveries: {}", inHand.size(), e.getMessage());
        }
    }

    private void process(QueuedDelivery q) {
        long started = System.nanoTime();
        String event = "unknown";
        StoredDelivery row = null;
        try {
            DeliveryStore.Loaded loaded = store.load(q.seq());
            row = loaded.row();
            event = row.event();
            JsonNode payload = JSON.readTree(loaded.payload());
            WebhookEvent e = new WebhookEvent(row.id(), row.event(), row.action(), row.installationId(), row.repository(),
                    payload, q.attempts());
            boolean handled = router.route(e);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String outcome = handled ? "done" : "ignored";
            record(q, () -> store.markDone(q.seq(), leases.replica(), System.currentTimeMillis(), ms));
            metrics.delivery(event, outcome);
            logLine(row, outcome, ms, null);
        } catch (Exception failure) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            failed(q, row, event, failure, ms);
        } finally {
            metrics.processed(event, System.nanoTime() - started);
            // the next delivery of this key may run now: this replica has the free worker, so it looks (a notification
            // to the whole fleet per finished delivery would cost every replica a claim)
            wake();
        }
    }

    private void failed(QueuedDelivery q, StoredDelivery row, String event, Exception failure, long ms) {
        long now = System.currentTimeMillis();
        String error = describe(failure);
        Optional<RateLimitedException> limited = RateLimitedException.in(failure);
        if (limited.isPresent()) {
            long at = Math.max(now, limited.get().retryAt().toEpochMilli());
            record(q, () -> store.handBack(q.seq(), leases.replica(), at, describe(limited.get())));
            metrics.delivery(event, "rate_limited");
            logLine(row, "rate-limited, again in " + (at - now) + " ms", ms, null);
            return;
        }
        OptionalLong next = retries.nextAttemptAt(q.attempts(), now, ThreadLocalRandom.current());
        record(q, () -> store.markFailed(q.seq(), leases.replica(), error, next.isPresent() ? next.getAsLong() : null, now));
        metrics.delivery(event, next.isPresent() ? "retried" : "dead");
        logLine(row, next.isPresent() ? "failed, attempt " + q.attempts() + ", again in " + (next.getAsLong() - now) + " ms"
                : "dead after " + q.attempts() + " attempts", ms, error);
    }

    /** An outcome write: true when this replica still held the claim. */
    @FunctionalInterface
    private interface Outcome {
        boolean record() throws SQLException;
    }

    /**
     * Records an outcome, waiting out a store that cannot be reached (the lease keeps the delivery ours meanwhile,
     * or, if it runs out, another replica runs it again: a repeat, never a loss).
     */
    private void record(QueuedDelivery q, Outcome outcome) {
        long backoff = 100;
        while (true) {
            try {
                if (!outcome.record()) {
                    log.warn("delivery {}: its claim passed to another replica (the lease ran out); that replica's outcome counts", q.id());
                }
                return;
            } catch (SQLException e) {
                if (stopping) {
                    log.warn("could not record the outcome of delivery {} before stopping ({}); it runs again", q.id(), e.getMessage());
                    return;
                }
                log.warn("could not record the outcome of delivery {} ({}); trying again in {} ms", q.id(), e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    private static void logLine(StoredDelivery row, String outcome, long ms, String error) {
        if (row == null) {
            log.warn("delivery ? {} in {} ms{}", outcome, ms, error == null ? "" : ": " + error);
            return;
        }
        String line = "delivery {} event={} action={} repo={} outcome=\"{}\" ms={}" + (error == null ? "" : " error=\"{}\"");
        Object[] args = error == null
                ? new Object[] {row.id(), row.event(), row.action(), row.repository(), outcome, ms}
                : new Object[] {row.id(), row.event(), row.action(), row.repository(), outcome, ms, error};
        if (error == null) {
            log.info(line, args);
        } else {
            log.warn(line, args);
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
                handBackInHand();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.shutdownNow();
    }

    private void handBackInHand() {
        List<QueuedDelivery> left = List.copyOf(inHand.values());
        long now = System.currentTimeMillis();
        int handed = 0;
        for (QueuedDelivery q : left) {
            try {
                if (store.handBack(q.seq(), leases.replica(), now, "handed back by a stopping replica")) {
                    handed++;
                }
            } catch (SQLException e) {
                log.warn("could not hand back delivery {} ({}); it is taken again when its lease runs out", q.id(), e.getMessage());
            }
        }
        log.warn("{} deliveries still running when the grace period ended; {} handed back to the queue", left.size(), handed);
    }
}
