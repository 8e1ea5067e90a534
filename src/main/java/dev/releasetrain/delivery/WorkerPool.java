package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.github.RateLimitedException;
import dev.releasetrain.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs stored deliveries through the router. A dispatcher thread takes what the scheduler allows as workers free
 * up; results go back to the store, and a key is released only once its delivery's outcome is committed, so a
 * crash can at worst repeat the deliveries in hand, never skip one.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final ObjectMapper JSON = new ObjectMapper(PayloadSummary.JSON);
    private static final long SWEEP_MILLIS = 1_000;

    private final DeliveryStore store;
    private final EventRouter router;
    private final Metrics metrics;
    private final RetryPolicy retries;
    private final int workers;
    private final ExecutorService executor;
    private final Semaphore free;
    private final DeliveryScheduler scheduler = new DeliveryScheduler();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicInteger inHand = new AtomicInteger();
    private Thread dispatcher;
    private volatile boolean stopping;

    public WorkerPool(DeliveryStore store, EventRouter router, Metrics metrics, RetryPolicy retries, int workers) {
        this.store = store;
        this.router = router;
        this.metrics = metrics;
        this.retries = retries;
        this.workers = workers;
        this.free = new Semaphore(workers);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        metrics.queueDepth(this::depth);
    }

    /** Loads what a previous run left unfinished (a crash leaves some 'processing') and starts dispatching. */
    public void start() throws SQLException {
        List<QueuedDelivery> left = store.unfinished();
        store.takeRequeued(); // all unfinished rows are loaded already
        enqueueAll(left);
        if (!left.isEmpty()) {
            log.info("resuming {} unfinished deliveries", left.size());
        }
        dispatcher = new Thread(this::dispatch, "dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    public boolean running() {
        return dispatcher != null && dispatcher.isAlive() && !stopping;
    }

    public void enqueue(QueuedDelivery q) {
        enqueueAll(List.of(q));
    }

    private void enqueueAll(List<QueuedDelivery> queued) {
        lock.lock();
        try {
            queued.forEach(scheduler::add);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    public long depth() {
        lock.lock();
        try {
            return scheduler.size();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        long lastSweep = System.currentTimeMillis();
        while (!stopping) {
            try {
                free.acquire();
                QueuedDelivery next = null;
                lock.lock();
                try {
                    while (!stopping && next == null) {
                        long now = System.currentTimeMillis();
                        if (now - lastSweep >= SWEEP_MILLIS) {
                            lock.unlock();
                            try {
                                sweepRequeued();
                            } finally {
                                lock.lock();
                            }
                            lastSweep = now;
                        }
                        Optional<QueuedDelivery> taken = scheduler.take(now);
                        if (taken.isPresent()) {
                            next = taken.get();
                        } else {
                            long wait = Math.min(SWEEP_MILLIS, scheduler.nextDueAt().map(t -> t - now).orElse(SWEEP_MILLIS));
                            changed.await(Math.max(wait, 1), TimeUnit.MILLISECONDS);
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (next == null) {
                    free.release();
                    continue;
                }
                QueuedDelivery work = next;
                inHand.incrementAndGet();
                executor.execute(() -> {
                    try {
                        process(work);
                    } finally {
                        inHand.decrementAndGet();
                        free.release();
                    }
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("dispatcher error; carrying on", e);
            }
        }
    }

    /** The command line's redeliver marks rows in the store; a running server picks them up here. */
    private void sweepRequeued() {
        try {
            List<QueuedDelivery> requeued = store.takeRequeued();
            requeued.forEach(scheduler::add);
        } catch (SQLException e) {
            log.warn("could not look for redelivered deliveries: {}", e.getMessage());
        }
    }

    private void process(QueuedDelivery q) {
        long started = System.nanoTime();
        String event = "unknown";
        StoredDelivery row = null;
        try {
            store.markProcessing(q.seq());
            DeliveryStore.Loaded loaded = store.load(q.seq());
            row = loaded.row();
            event = row.event();
            JsonNode payload = JSON.readTree(loaded.payload());
            WebhookEvent e = new WebhookEvent(row.id(), row.event(), row.action(), row.installationId(), row.repository(),
                    payload, q.attempts());
            boolean handled = router.route(e);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String outcome = handled ? "done" : "ignored";
            store.markDone(q.seq(), System.currentTimeMillis(), ms).whenComplete((v, err) -> release(q, err));
            metrics.delivery(event, outcome);
            logLine(row, outcome, ms, null);
        } catch (Exception failure) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            failed(q, row, event, failure, ms);
        } finally {
            metrics.processed(event, System.nanoTime() - started);
        }
    }

    private void failed(QueuedDelivery q, StoredDelivery row, String event, Exception failure, long ms) {
        long now = System.currentTimeMillis();
        String error = describe(failure);
        Optional<RateLimitedException> limited = RateLimitedException.in(failure);
        if (limited.isPresent()) {
            long at = Math.max(now, limited.get().retryAt().toEpochMilli());
            store.reschedule(q.seq(), at, describe(limited.get())).whenComplete((v, err) -> retryLater(q, at, false));
            metrics.delivery(event, "rate_limited");
            logLine(row, "rate-limited, again in " + (at - now) + " ms", ms, null);
            return;
        }
        OptionalLong next = retries.nextAttemptAt(q.attempts(), now, ThreadLocalRandom.current());
        store.markFailed(q.seq(), error, next.isPresent() ? next.getAsLong() : null, now).whenComplete((v, err) -> {
            if (next.isPresent()) {
                retryLater(q, next.getAsLong(), true);
            } else {
                release(q, err);
            }
        });
        metrics.delivery(event, next.isPresent() ? "retried" : "dead");
        logLine(row, next.isPresent() ? "failed, attempt " + q.attempts() + ", again in " + (next.getAsLong() - now) + " ms"
                : "dead after " + q.attempts() + " attempts", ms, error);
    }

    private void release(QueuedDelivery q, Throwable storeError) {
        lock.lock();
        try {
            if (storeError != null) {
                // the outcome is not on disk: keep the delivery and try it again rather than lose it
                log.error("could not record the outcome of delivery {}: {}", q.id(), storeError.getMessage());
                scheduler.retryAt(q.seq(), System.currentTimeMillis() + retries.baseMillis(), false);
            } else {
                scheduler.finish(q.seq());
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void retryLater(QueuedDelivery q, long at, boolean countAttempt) {
        lock.lock();
        try {
            scheduler.retryAt(q.seq(), at, countAttempt);
            changed.signal();
        } finally {
            lock.unlock();
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

    /** Stops taking deliveries and waits for those in hand; what is still queued stays in the store for next time. */
    @Override
    public void close() {
        stopping = true;
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
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("{} deliveries still running at shutdown; they will run again at the next start", inHand.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int workers() {
        return workers;
    }
}
