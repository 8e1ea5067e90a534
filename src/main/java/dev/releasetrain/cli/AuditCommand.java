package dev.releasetrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.review.ReviewAudit;
import dev.releasetrain.review.SqlReviewAudit;
import dev.releasetrain.settings.ServerSettings;
import dev.releasetrain.store.Database;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** {@code audit [--json]}: pull requests merged without review (open and closed cases) and every emergency override. */
public final class AuditCommand {
    private final ServerSettings settings;

    public AuditCommand(ServerSettings settings) {
        this.settings = settings;
    }

    public int run(List<String> args, PrintStream out) throws Exception {
        boolean json = args.equals(List.of("--json"));
        if (!json && !args.isEmpty()) {
            throw new UsageException("audit takes only --json");
        }
        List<ReviewAudit.Case> cases;
        List<ReviewAudit.Recorded> overrides;
        try (Database db = Database.open(settings.database())) {
            ReviewAudit audit = new SqlReviewAudit(db);
            cases = audit.cases();
            overrides = audit.overrides();
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            var c = root.putArray("merged_without_review");
            for (ReviewAudit.Case k : cases) {
                c.addObject().put("repository", k.repository()).put("number", k.number()).put("merged_sha", k.mergedSha())
                        .put("author", k.author()).put("state", k.open() ? "open" : "closed")
                        .put("opened_at", Instant.ofEpochMilli(k.openedAt()).toString())
                        .put("closed_at", k.closedAt() == null ? null : Instant.ofEpochMilli(k.closedAt()).toString())
                        .put("reviewer", k.reviewer());
            }
            var o = root.putArray("emergency_overrides");
            for (ReviewAudit.Recorded r : overrides) {
                o.addObject().put("repository", r.repository()).put("number", r.number()).put("actor", r.override().actor())
                        .put("reason", r.override().reason()).put("head_sha", r.override().headSha())
                        .put("at", Instant.ofEpochMilli(r.override().at()).toString());
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        out.println("Merged without review:");
        if (cases.isEmpty()) {
            out.println("  none");
        }
        for (ReviewAudit.Case k : cases) {
            out.printf("  %-40s %-7s merged %s by @%s%s%n", k.repository() + "#" + k.number(), k.open() ? "OPEN" : "closed",
                    Instant.ofEpochMilli(k.openedAt()), k.author(), k.open() ? "" : ", reviewed by @" + k.reviewer());
        }
        out.println("Emergency overrides:");
        if (overrides.isEmpty()) {
            out.println("  none");
        }
        for (ReviewAudit.Recorded r : overrides) {
            out.printf("  %-40s @%s at %s: %s%n", r.repository() + "#" + r.number(), r.override().actor(),
                    Instant.ofEpochMilli(r.override().at()), r.override().reason());
        }
        return 0;
    }
}
