package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.releasetrain.release.LedgerEntry;
import dev.releasetrain.release.SqlReleaseLedger;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code ledger --repo owner/name --release X.Y.Z [--json]}: what the release holds and did, each with its state and
 * link, from the store alone (no call to GitHub).
 */
public final class LedgerCommand {
    private final ServerSettings settings;

    public LedgerCommand(ServerSettings settings) {
        this.settings = settings;
    }

    /** A release the store does not know: nothing to show until its branch is cut. */
    static String unknown(ReleaseArguments release) {
        return release.repo() + " has no release " + release.version() + " on record: a release is known once `/release start` "
                + "or the creation of its branch is seen";
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        ReleaseArguments release = ReleaseArguments.parse("ledger", args, true);
        List<LedgerEntry> ledger;
        try (Database db = Database.open(settings.database())) {
            ledger = new SqlReleaseLedger(db, Clock.systemUTC()).of(release.repo(), release.version());
        }
        if (ledger.isEmpty()) {
            throw new IllegalStateException(unknown(release));
        }
        String web = settings.githubWebUrl().toString().replaceAll("/+$", "");
        if (release.json()) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode rows = mapper.createArrayNode();
            for (LedgerEntry e : ledger) {
                rows.addObject().put("kind", e.kind().stored()).put("number", e.number()).put("pull_request", e.pullRequest())
                        .put("state", e.state()).put("sha", e.sha()).put("link", e.link(web, release.repo())).put("detail", e.detail())
                        .put("forced_over", e.forcedOver()).put("at", Instant.ofEpochMilli(e.at()).toString());
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            return 0;
        }
        out.println("Release " + release.version() + " of " + release.repo() + ":");
        for (LedgerEntry e : ledger) {
            String what = e.number() == null ? "" : "#" + e.number();
            String detail = e.detail() == null ? "" : e.detail().lines().findFirst().orElse("");
            out.printf("  %-6s %-7s %-10s %s%s%s%n", e.kind().stored(), what, e.state(), e.link(web, release.repo()),
                    detail.isEmpty() ? "" : "  " + detail, e.forcedOver() == null ? "" : "  (forced over: " + e.forcedOver() + ")");
        }
        return 0;
    }
}
