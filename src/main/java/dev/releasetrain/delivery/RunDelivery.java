package dev.releasetrain.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.releasetrain.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs one claimed delivery through the router and records its outcome: done, handed back, retried or dead (see
 * {@link RetryDecision}). An outcome is recorded before the worker takes more; a store that cannot be reached is
 * waited out, never a reason to drop one.
 */
record RunDelivery(DeliveryQueue queue, EventRouter router, Metrics metrics, RetryPolicy retries, String replica, BooleanSupplier stopping) {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final ObjectMapper JSON = new ObjectMapper(PayloadSummary.JSON);

    void run(QueuedDelivery q) {
        long started = System.nanoTime();
        String event = "unknown";
        StoredDelivery row = null;
        try {
            DeliveryQueue.Loaded loaded = queue.load(q.seq());
            row = loaded.row();
            event = row.event();
            JsonNode payload = JSON.readTree(loaded.payload());
            WebhookEvent e = new WebhookEvent(row.id(), row.event(), row.action(), row.installationId(), row.repository(),
                    payload, q.attempts());
            boolean handled = router.route(e);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String outcome = handled ? "done" : "ignored";
            record(q, () -> queue.markDone(q.seq(), replica, System.currentTimeMillis(), ms));
            metrics.delivery(event, outcome);
            logLine(row, outcome, ms, null);
        } catch (Exception | StackOverflowError | LinkageError | AssertionError failure) {
            // an error in a handler fails its delivery, never the worker (the JVM's own errors, out of memory, still stop it)
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            failed(q, row, event, failure, ms);
        } finally {
            metrics.processed(event, System.nanoTime() - started);
        }
    }

    private void failed(QueuedDelivery q, StoredDelivery row, String event, Throwable failure, long ms) {
        long now = System.currentTimeMillis();
        String error = RetryDecision.describe(failure);
        RetryDecision decision = RetryDecision.after(failure, q.attempts(), now, retries, ThreadLocalRandom.current());
        if (decision instanceof RetryDecision.HandBack back) {
            record(q, () -> queue.handBack(q.seq(), replica, back.at(), back.reason()));
            metrics.delivery(event, "rate_limited");
            logLine(row, "rate-limited, again in " + (back.at() - now) + " ms", ms, null);
        } else if (decision instanceof RetryDecision.Ended ended) {
            record(q, () -> queue.markDone(q.seq(), replica, now, ms, ended.reason()));
            metrics.delivery(event, "ended");
            logLine(row, "ended: " + ended.reason(), ms, null);
        } else if (decision instanceof RetryDecision.Retry retry) {
            record(q, () -> queue.markFailed(q.seq(), replica, error, retry.at(), now));
            metrics.delivery(event, "retried");
            logLine(row, "failed, attempt " + q.attempts() + ", again in " + (retry.at() - now) + " ms", ms, error);
        } else {
            record(q, () -> queue.markFailed(q.seq(), replica, error, null, now));
            metrics.delivery(event, "dead");
            logLine(row, "dead after " + q.attempts() + " attempts", ms, error);
        }
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
                if (stopping.getAsBoolean()) {
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
                backoff = Math.min(backoff * 2, WorkerPool.MAX_BACKOFF_MILLIS);
            }
        }
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
}
