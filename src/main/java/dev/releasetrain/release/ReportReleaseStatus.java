package dev.releasetrain.release;

import dev.releasetrain.cherrypick.PickState;
import dev.releasetrain.github.Commit;
import dev.releasetrain.github.OpenOrMerged;
import org.kohsuke.github.GHPullRequest;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /release status}: every bot step checked against git again (a box a person unticked is ticked again when
 * the step holds, and a claim that no longer holds is unticked), the sections refreshed, and a reply saying where
 * the release stands.
 */
public final class ReportReleaseStatus {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private ReportReleaseStatus() {
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release) throws Exception {
        ReleaseFacts facts = ctx.facts(release);
        String tag = release.version().toString();
        Optional<Boolean> bumped = facts.branchHead().isEmpty() ? Optional.of(false) : BumpVersion.state(ctx, release);
        Optional<String> tagged = ctx.github().git().ref("tags/" + tag);
        List<GHPullRequest> syncs = ctx.github().pulls().pullRequestsFrom(SyncVersionBump.branch(release.version()));
        // one closed without merging is no sync: /release sync opens another
        Optional<GHPullRequest> standing = syncs.stream().filter(OpenOrMerged::test).findFirst();
        List<String> blockers = facts.branchHead().isEmpty() || tagged.isPresent() ? List.of()
                : TagBlockers.of(facts, ctx.github().checks().checkRuns(facts.branchHead().get()));
        List<Commit> bumps = bumped.orElse(false) ? BumpVersion.commits(ctx, release) : List.of();
        String bumpCommits = bumps.stream().map(c -> ctx.commitLink(c.sha())).reduce((x, y) -> x + ", " + y).map(c -> " (" + c + ")").orElse("");
        seen(ctx, release, bumped, bumps, tagged, standing.or(() -> syncs.stream().findFirst()));
        String bumpLine = "\nVersion bump: " + (bumped.isEmpty() ? "cannot be told (see `release.version-files`)"
                : bumped.get() ? "the version files say " + tag + bumpCommits : "not yet") + ".";
        String[] body = new String[1];
        ctx.refresh(release, facts, b -> {
            b = holds(b, "cut", facts.branchHead().isPresent(), "`" + facts.branch() + "` at " + facts.branchHead().map(ctx::commitLink).orElse(""));
            if (bumped.isPresent()) {
                b = holds(b, "bump", bumped.get(), "the version files say " + tag + bumpCommits);
            }
            b = holds(b, "tag", tagged.isPresent(), "tag " + tag + " exists");
            b = holds(b, "sync", standing.isPresent(), standing.map(s -> "[#" + s.getNumber() + "](" + s.getHtmlUrl() + ")").orElse(""));
            body[0] = b;
            return b;
        });
        return ReleaseContext.Outcome.done(summary(release, facts, body[0] == null ? "" : body[0], blockers, bumpLine));
    }

    /** The steps as git has them now go into the ledger: a step seen done is recorded, one undone is forgotten. */
    private static void seen(ReleaseContext ctx, Release release, Optional<Boolean> bumped, List<Commit> bumps, Optional<String> tagged,
                             Optional<GHPullRequest> sync) throws Exception {
        String seen = "seen by `/release status`";
        BumpVersion.seen(ctx, release, bumped, bumps.isEmpty() ? null : bumps.get(bumps.size() - 1).sha(), seen);
        if (tagged.isPresent()) {
            ctx.record(release, LedgerEntry.Kind.TAG, "done", null, null, seen, null);
        } else {
            ctx.deps().ledger().forget(ctx.repo(), release.version(), LedgerEntry.Kind.TAG);
        }
        if (sync.isEmpty()) {
            ctx.deps().ledger().forget(ctx.repo(), release.version(), LedgerEntry.Kind.SYNC);
        } else {
            ctx.record(release, LedgerEntry.Kind.SYNC, SyncVersionBump.state(sync.get()), null, sync.get().getHtmlUrl().toString(), seen, null);
        }
    }

    private static String holds(String body, String step, boolean holds, String evidence) {
        return holds ? Checklist.ensureTicked(body, step, evidence + " (checked by `/release status`)") : Checklist.untick(body, step);
    }

    static String summary(Release release, ReleaseFacts facts, String body, List<String> blockers, String bumpLine) {
        StringBuilder s = new StringBuilder("**").append(release.version()).append("**")
                .append(release.cancelled() ? " (cancelled)" : "").append(": owner ")
                .append(release.owner() == null ? "nobody yet" : "@" + release.owner()).append(StartRelease.issueRef(release))
                .append(". Code freeze ").append(DAY.format(facts.train().freeze())).append(", release ").append(DAY.format(facts.train().release()))
                .append(".\n\n");
        List<Checklist.Step> steps = Checklist.steps(body);
        List<Checklist.Step> left = steps.stream().filter(st -> !st.done()).toList();
        s.append("Steps: ").append(steps.size() - left.size()).append(" of ").append(steps.size()).append(" done.");
        if (!left.isEmpty()) {
            s.append(" Left:\n").append(left.stream().map(st -> "- " + st.text() + (st.botStep().isPresent() ? " (bot)" : ""))
                    .collect(Collectors.joining("\n")));
        }
        long done = facts.picks().stream().filter(p -> p.pickState().landed()).count();
        s.append("\n\nCherry-picks into `").append(facts.branch()).append("`: ").append(done).append(" done");
        appendNumbers(s, "pending", facts.picksIn(PickState.REQUESTED));
        appendNumbers(s, "open", facts.picksIn(PickState.OPEN));
        appendNumbers(s, "in conflict", facts.picksIn(PickState.CONFLICT));
        appendNumbers(s, "missing", facts.picksIn(PickState.MISSING));
        appendNumbers(s, "waiting for a pick", facts.picksIn(PickState.WAITING));
        appendNumbers(s, "failed", facts.picksIn(PickState.FAILED));
        s.append(".\nMerged without review: ").append(facts.unreviewed().isEmpty() ? "none"
                : facts.unreviewed().stream().map(c -> "#" + c.number()).collect(Collectors.joining(", "))).append(".");
        s.append("\nMigrations in the release: ").append(facts.changes().isEmpty() ? "not known yet" : facts.migrationFiles().isEmpty() ? "none"
                : facts.migrationFiles().stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "))).append(".");
        s.append(bumpLine);
        if (!blockers.isEmpty()) {
            s.append("\n\nBlocking the tag:\n").append(blockers.stream().map(b -> "- " + b).collect(Collectors.joining("\n")));
        }
        return s.toString();
    }

    private static void appendNumbers(StringBuilder s, String what, List<LedgerEntry> picks) {
        List<Long> numbers = picks.stream().map(p -> p.number()).toList();
        s.append(", ").append(numbers.size()).append(" ").append(what);
        if (!numbers.isEmpty()) {
            s.append(" (").append(numbers.stream().map(n -> "#" + n).collect(Collectors.joining(", "))).append(")");
        }
    }
}
