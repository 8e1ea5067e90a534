package dev.releasetrain.cli;

import dev.releasetrain.delivery.DeliveryStore;
import dev.releasetrain.github.AppDeliveryLog;
import dev.releasetrain.github.AppJwt;
import dev.releasetrain.github.GitHubTransport;
import dev.releasetrain.github.WritePacing;
import dev.releasetrain.metrics.Metrics;
import dev.releasetrain.github.DeliveryAttempt;
import dev.releasetrain.reconcile.FetchBackMissedDeliveries;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;
import dev.releasetrain.store.FleetJobs;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reconcile [--since DURATION] [--dry-run]}: one pass of fetching back what GitHub failed to deliver, now,
 * over the given window (GitHub's three days by default); a dry run lists what it would ask for.
 */
public final class ReconcileCommand {
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");
    private final ServerSettings settings;

    public ReconcileCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        Duration since = FetchBackMissedDeliveries.LONGEST;
        boolean dryRun = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--since" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--since needs a duration such as 30m, 6h or 2d");
                    }
                    since = duration(args.get(++i));
                }
                default -> throw new UsageException("reconcile does not take \"" + args.get(i) + "\"");
            }
        }
        if (!settings.registered()) {
            out.println("The app is not registered yet (APP_ID and its key are not set): there is no delivery log to read.");
            return 2;
        }
        Metrics metrics = new Metrics();
        GitHubTransport transport = new GitHubTransport(settings.githubApiUrl(), metrics, false, WritePacing.inMemory(settings.writesPerMinute()),
                settings.retryBaseMillis(), w -> { });
        AppDeliveryLog log = new AppDeliveryLog(transport, new AppJwt(settings.appId().orElseThrow(), settings.privateKey().orElseThrow(),
                Clock.systemUTC()));
        FetchBackMissedDeliveries.Pass pass;
        try (Database db = Database.open(settings.database())) {
            Instant now = Instant.now();
            pass = new FetchBackMissedDeliveries(log, new DeliveryStore(db), new FleetJobs(db), metrics).run(now.minus(since), now, dryRun);
        }
        for (DeliveryAttempt a : pass.missed()) {
            out.printf("%s %-24s last answer %-4s at %s%s%n", a.guid(), a.event(), a.statusCode() == 0 ? "none" : a.statusCode(),
                    a.deliveredAt(), dryRun ? "  (would ask again)" : "");
        }
        out.printf("%d deliveries in GitHub's log since %s; %d missed; %s%n", pass.seen(), pass.since(), pass.missed().size(),
                dryRun ? "dry run: nothing asked for" : pass.requested() + " asked for again, " + pass.failed() + " refused");
        return pass.failed() > 0 ? 1 : 0;
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--since takes a duration such as 30m, 6h or 2d (not \"" + text + "\")");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
