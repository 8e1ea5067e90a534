package dev.releasetrain.release;

import dev.releasetrain.github.Commit;
import dev.releasetrain.github.Comparison;
import dev.releasetrain.notes.MergedPullRequest;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The bot's sections of a checklist, rendered from a release's facts. */
public final class ChecklistSections {
    /** Lists longer than this are folded in a details element. */
    static final int FOLD_AFTER = 20;
    /** Sections that may move to the overflow comment when the body is too long, the bulky ones. */
    public static final List<String> MOVABLE = List.of("changes", "notes", "cherry-picks", "unreviewed", "migrations");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private ChecklistSections() {
    }

    /** Section name to content, for every section the bot keeps. */
    public static Map<String, String> render(ReleaseFacts f) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schedule", "| | date |\n|---|---|\n| Code freeze | " + DAY.format(f.train().freeze()) + " |\n| Release | "
                + DAY.format(f.train().release()) + " |\n\nTimes are in " + f.settings().zone().getId() + ".");
        out.put("changes", changes(f));
        out.put("notes", f.notes());
        out.put("cherry-picks", picks(f));
        out.put("unreviewed", f.unreviewed().isEmpty() ? "None: every pull request in the release was reviewed."
                : f.unreviewed().stream().map(c -> "- #" + c.number() + " by @" + c.author() + ", merged without review; a review by "
                        + "someone other than the author clears it").collect(Collectors.joining("\n")));
        out.put("migrations", f.changes().isEmpty() ? "Known once the branch is cut and a previous version is tagged."
                : f.migrationFiles().isEmpty() ? "None." : f.migrationFiles().stream().map(p -> "- `" + p + "`").collect(Collectors.joining("\n"))
                + "\n\nEach ships with its pull request's `release-train/migrations` check.");
        return out;
    }

    private static String changes(ReleaseFacts f) {
        if (f.branchHead().isEmpty()) {
            return "Listed once `" + f.branch() + "` is cut.";
        }
        if (f.changes().isEmpty()) {
            return "No earlier version is tagged, so there is nothing to compare with.";
        }
        Comparison c = f.changes().get();
        Set<String> outside = f.pullRequests().stream().filter(p -> p.byPerson() && p.outside()).map(MergedPullRequest::author).collect(Collectors.toSet());
        StringBuilder list = new StringBuilder();
        for (Commit commit : c.commits()) {
            String who = commit.login().isEmpty() ? commit.name() : "@" + commit.login();
            list.append("- ").append(commit.sha(), 0, 7).append(" ").append(commit.subject()).append(" (").append(who)
                    .append(outside.contains(commit.login()) ? ", outside contributor" : "").append(")\n");
        }
        if (c.total() > c.commits().size()) {
            list.append("- … and ").append(c.total() - c.commits().size()).append(" more (GitHub lists 250)\n");
        }
        Set<String> authors = c.commits().stream().map(x -> x.login().isEmpty() ? x.name() : "@" + x.login())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        StringBuilder s = new StringBuilder().append(c.total()).append(" commits by ").append(authors.size()).append(authors.size() == 1 ? " author" : " authors")
                .append(" since ").append(f.release().previousTag().orElse("")).append(".");
        if (!outside.isEmpty()) {
            s.append(" Outside contributors: ").append(outside.stream().sorted().map(o -> "@" + o).collect(Collectors.joining(", "))).append(" — thank them.");
        }
        s.append("\n\n");
        if (c.commits().size() > FOLD_AFTER) {
            s.append("<details><summary>All ").append(c.commits().size()).append(" commits</summary>\n\n").append(list).append("\n</details>");
        } else {
            s.append(list);
        }
        return s.toString();
    }

    private static String picks(ReleaseFacts f) {
        List<LedgerEntry> picks = f.picks();
        if (picks.isEmpty()) {
            return "None yet. Label a merged fix `release-X.Y.Z` (or comment `/cherry-pick release-X.Y.Z`) to bring it here.";
        }
        StringBuilder s = new StringBuilder("| pull request | state | detail |\n|---|---|---|\n");
        for (LedgerEntry p : picks) {
            String state = switch (p.pickState()) {
                case DONE -> "✅ done";
                case ALREADY -> "✅ already there";
                case RESOLVED -> "✅ done, conflicts resolved by hand";
                case REQUESTED -> "⏳ pending";
                case OPEN -> "⏳ pull request open";
                case CONFLICT -> "⚠️ conflicts to resolve";
                case MISSING -> "❌ missing";
                case WAITING -> "⏳ waiting for a pick";
                case REFUSED -> "🚫 refused";
                case FAILED -> "❌ failed";
            };
            String detail = p.detail() == null ? "" : p.detail().lines().findFirst().orElse("");
            s.append("| #").append(p.number()).append(" | ").append(state).append(" | ")
                    .append(p.url() == null ? detail : "[" + detail + "](" + p.url() + ")").append(" |\n");
        }
        return s.toString();
    }
}
