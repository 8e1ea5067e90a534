package dev.releasetrain.reconcile;

import dev.releasetrain.github.DeliveryAttempt;
import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.github.AppDeliveryLog;
import dev.releasetrain.metrics.Metrics;
import dev.releasetrain.store.FleetJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * GitHub never redelivers on its own: this reads the app's delivery log back over a window and asks GitHub to
 * deliver again each delivery that never got through and is not in the store. The GUID stays the same, so the
 * store's dedupe holds if one arrives twice. On a schedule, one replica of the fleet runs it at a time.
 */
public final class FetchBackMissedDeliveries {
    private static final Logger log = LoggerFactory.getLogger(FetchBackMissedDeliveries.class);
    static final String JOB = "fetch-back-deliveries";
    /** GitHub keeps three days of deliveries and redelivers no older. */
    public static final Duration LONGEST = Duration.ofDays(3);
    /** Each scheduled window reaches this far behind the last one's start: an attempt is listed once its answer is. */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final int MAX_PAGES = 500;

    private final AppDeliveryLog github;
    private final DeliveryStore store;
    private final FleetJobs jobs;
    private final Metrics metrics;

    public FetchBackMissedDeliveries(AppDeliveryLog github, DeliveryStore store, FleetJobs jobs, Metrics metrics) {
        this.github = github;
        this.store = store;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    /** What a pass found and did. */
    public record Pass(Instant since, int seen, List<DeliveryAttempt> missed, int requested, int failed) {
    }

    /** One pass over the deliveries since {@code since}; a dry run asks for nothing. */
    public Pass run(Instant since, Instant now, boolean dryRun) throws IOException, SQLException {
        Instant from = since.isBefore(now.minus(LONGEST)) ? now.minus(LONGEST) : since;
        List<DeliveryAttempt> attempts = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            AppDeliveryLog.Page p = github.page(next);
            attempts.addAll(p.attempts());
            boolean older = p.attempts().stream().anyMatch(a -> a.deliveredAt().isBefore(from));
            if (older || p.next().isEmpty()) {
                break;
            }
            next = p.next();
        }
        attempts.removeIf(a -> a.deliveredAt().isBefore(from));
        List<DeliveryAttempt> missed = RedeliveryPlan.missed(attempts, store.history().stored(RedeliveryPlan.undelivered(attempts)));
        int requested = 0;
        int failed = 0;
        if (!dryRun) {
            for (DeliveryAttempt a : missed) {
                try {
                    github.redeliver(a.id());
                    requested++;
                    log.info("asked GitHub to deliver {} again ({} event, last answer {})", a.guid(), a.event(), a.statusCode());
                } catch (IOException e) {
                    failed++;
                    log.warn("GitHub did not take the redelivery of {}: {}", a.guid(), e.getMessage());
                }
            }
        }
        int seen = (int) attempts.stream().map(DeliveryAttempt::guid).distinct().count();
        metrics.fetchedBack("seen", seen);
        metrics.fetchedBack("requested", requested);
        metrics.fetchedBack("failed", failed);
        return new Pass(from, seen, missed, requested, failed);
    }

    /**
     * The scheduled pass: only if no other replica is running one, over the window since the last finished pass
     * began (less an overlap), or GitHub's three days the first time.
     */
    public Optional<Pass> runIfFree(String replica, Instant now) {
        try {
            Optional<FleetJobs.Held> held = jobs.take(JOB, replica, now.toEpochMilli(), Duration.ofMinutes(10).toMillis());
            if (held.isEmpty()) {
                return Optional.empty();
            }
            Instant since = held.get().lastRunAt().isPresent()
                    ? Instant.ofEpochMilli(held.get().lastRunAt().getAsLong()).minus(OVERLAP) : now.minus(LONGEST);
            try {
                Pass pass = run(since, now, false);
                jobs.finish(JOB, replica, now.toEpochMilli());
                if (!pass.missed().isEmpty() || pass.failed() > 0) {
                    log.info("fetch-back: {} deliveries in GitHub's log since {}, {} missed, {} asked for again, {} refused",
                            pass.seen(), pass.since(), pass.missed().size(), pass.requested(), pass.failed());
                }
                return Optional.of(pass);
            } catch (IOException | SQLException | RuntimeException e) {
                jobs.release(JOB, replica);
                log.warn("fetching back missed deliveries failed; the next pass covers this window: {}", e.getMessage());
                return Optional.empty();
            }
        } catch (SQLException e) {
            log.warn("fetching back missed deliveries skipped: the store cannot be reached ({})", e.getMessage());
            return Optional.empty();
        }
    }
}
