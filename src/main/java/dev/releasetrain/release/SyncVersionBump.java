package dev.releasetrain.release;

import dev.releasetrain.github.Commit;
import dev.releasetrain.github.OpenOrMerged;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import dev.releasetrain.cherrypick.CherryPickThroughMerges;
import dev.releasetrain.cherrypick.PickResult;
import dev.releasetrain.github.GitHubApiException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /release sync}: what only the release branch has brought back to the default branch: the version bump (the
 * bot's or a person's) and fixes made on the branch, never the cherry-picks that came from the default branch.
 * Branch {@code sync-X.Y.Z} from the default branch, those commits picked onto it in order, a pull request naming them. An open or merged sync
 * pull request means the job is done. Refused until X.Y.Z is tagged, unless forced (and then recorded).
 */
public final class SyncVersionBump {
    /** A subject naming its pull request, as GitHub's merges write it: "Fix the crash (#24)". */
    private static final Pattern NAMES_A_FIX = Pattern.compile("\\(#(\\d{1,18})\\)");

    /** What a sync branch's name starts with; the version follows. */
    static final String PREFIX = "sync-";

    private SyncVersionBump() {
    }

    public static String branch(Version v) {
        return PREFIX + v;
    }

    /** Where a sync pull request stands, as the ledger keeps it: open, merged or closed (unmerged). */
    static String state(GHPullRequest pr) {
        return pr.getMergedAt() != null ? "merged" : pr.getState() == GHIssueState.OPEN ? "open" : "closed";
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release, boolean force) throws Exception {
        String sync = branch(release.version());
        // an open or merged sync pull request is the sync; one closed unmerged is opened again
        List<GHPullRequest> pulls = ctx.github().pulls().pullRequestsFrom(sync).stream().filter(OpenOrMerged::test).toList();
        if (!pulls.isEmpty()) {
            return finish(ctx, release, pulls.get(0), "The sync pull request exists already: ", null, null);
        }
        // the handbook's order: what comes back to the default branch is what was released
        String untagged = null;
        if (ctx.github().git().ref("tags/" + release.version()).isEmpty()) {
            untagged = release.version() + " is not tagged yet";
            if (!force) {
                return ReleaseContext.Outcome.refused("Not synced: " + untagged + ". `/release tag` first; `/release sync --force` opens "
                        + "the sync pull request anyway and records the override in the checklist.");
            }
            ctx.recordOverride(release, ctx.facts(release), "/release sync --force", untagged);
        }
        String releaseBranch = ctx.branch(release.version());
        Carried carried = carried(ctx, release, releaseBranch);
        if (carried.commits().isEmpty()) {
            return ReleaseContext.Outcome.refused("Nothing on `" + releaseBranch + "` since the cut is missing from the default branch: "
                    + "no version bump and no fix made on the branch" + (carried.picks() == 0 ? "" : " (its " + carried.picks()
                    + " cherry-picks came from there)") + ". `/release bump` makes the bump.");
        }
        List<String> bumps = carried.commits().stream().map(Commit::sha).toList();
        String named = bumps.stream().map(ctx::commitLink).collect(Collectors.joining(", "));
        String defaultBranch = ctx.defaultBranch();
        if (ctx.github().git().ref("heads/" + sync).isEmpty()) {
            String from = ctx.github().git().ref("heads/" + defaultBranch).orElseThrow(() -> new IllegalStateException("the default branch has no head"));
            ctx.github().git().createRef("refs/heads/" + sync, from);
        }
        String byHand = "By hand:\n\n```sh\ngit fetch origin\ngit switch -c " + sync + " origin/" + defaultBranch + "\ngit cherry-pick -x "
                + String.join(" ", bumps) + "\n# resolve, git cherry-pick --continue\ngit push -u origin " + sync
                + "\n```\nthen `/release sync` opens the pull request.";
        PickResult picked;
        try {
            picked = new CherryPickThroughMerges(ctx.github().git()).pick(bumps, sync, "release-train/tmp-" + sync);
        } catch (GitHubApiException e) {
            if (e.refusedWorkflow().isEmpty()) {
                throw e;
            }
            return ReleaseContext.Outcome.refused("What the sync brings back (" + named + ") changes `" + e.refusedWorkflow().get() + "`, and GitHub "
                    + "does not let Release Train change workflow files (the app does not ask for the workflows permission). " + byHand);
        }
        if (picked instanceof PickResult.Conflict) {
            return ReleaseContext.Outcome.refused("What the sync brings back (" + named + ") does not apply cleanly to `" + defaultBranch + "`. " + byHand);
        }
        // git's merge knows a change the default branch has already (a pick made by hand with no trailer): not carried
        Set<String> brought = picked instanceof PickResult.Picked p ? Set.copyOf(p.picked()) : Set.of();
        if (picked instanceof PickResult.Picked p) {
            ctx.github().git().updateBranch(sync, p.head(), false);
        } else if (ctx.github().git().ref("heads/" + sync).equals(ctx.github().git().ref("heads/" + defaultBranch))) {
            ctx.github().git().deleteBranch(sync);
            return ReleaseContext.Outcome.refused("Nothing to bring back: `" + defaultBranch + "` already has the same changes as " + named
                    + " (picked there by hand, say). The release branch and `" + defaultBranch + "` agree.");
        }
        List<Commit> same = carried.commits().stream().filter(c -> !brought.isEmpty() && !brought.contains(c.sha())).toList();
        GHPullRequest pr = ctx.github().pulls().openPullRequest("Sync " + release.version() + ": bring the release branch's own commits back to "
                + defaultBranch, sync, defaultBranch, "Brings back to `" + defaultBranch + "` what was made on `" + releaseBranch + "` since the "
                + "cut (the version bump, by the bot or by hand, and fixes made on the branch):\n\n" + carried.commits().stream()
                .filter(c -> !same.contains(c)).map(c -> "- " + ctx.commitLink(c.sha()) + " " + c.subject()).collect(Collectors.joining("\n"))
                + (carried.picks() == 0 ? "" : "\n\nNot brought back: " + carried.picks() + " cherry-pick(s) of `" + defaultBranch
                + "`'s own commits, already there.") + (same.isEmpty() ? "" : "\n\nNot brought back either, `" + defaultBranch
                + "` has the same change already: " + same.stream().map(c -> ctx.commitLink(c.sha()) + " " + c.subject())
                .collect(Collectors.joining(", ")) + ".") + (release.issueNumber() == null ? "" : "\n\nRelease checklist: #" + release.issueNumber() + "."), false);
        return finish(ctx, release, pr, "Opened ", named, untagged);
    }

    /** What the sync brings back, in order, and how many cherry-picks it leaves out. */
    record Carried(List<Commit> commits, int picks) {
    }

    /**
     * The release branch's commits since the cut that the default branch lacks: all but merge commits (their changes
     * come with the commits they merge) and cherry-picks of the default branch's commits, known by git's
     * {@code (cherry picked from commit …)} line or by naming a fix (#N) whose pick into the branch is recorded (a pick
     * made by hand and reported with {@code /cherry-pick}).
     */
    static Carried carried(ReleaseContext ctx, Release release, String releaseBranch) throws Exception {
        Set<Long> pickedFixes = new HashSet<>();
        for (LedgerEntry e : ctx.deps().ledger().of(ctx.repo(), release.version())) {
            if (e.kind() == LedgerEntry.Kind.PICK && e.pickState().landed()) {
                pickedFixes.add(e.number());
            }
        }
        List<Commit> commits = new ArrayList<>();
        int picks = 0;
        for (Commit c : ctx.github().history().compare(release.cutSha(), releaseBranch).commits()) {
            Matcher fix = NAMES_A_FIX.matcher(c.subject());
            if (c.merge()) {
                continue;
            }
            if (c.pickedFrom() != null || fix.find() && pickedFixes.contains(Long.parseLong(fix.group(1)))) {
                picks++;
            } else {
                commits.add(c);
            }
        }
        return new Carried(commits, picks);
    }

    /** @param bumps the commits it brings back, linked; null when the pull request was there already */
    private static ReleaseContext.Outcome finish(ReleaseContext ctx, Release release, GHPullRequest pr, String said, String bumps, String forcedOver)
            throws Exception {
        String link = "[#" + pr.getNumber() + "](" + pr.getHtmlUrl() + ")";
        String evidence = link + (bumps == null ? "" : " with " + bumps) + " " + ctx.byWhomWhen();
        ctx.record(release, LedgerEntry.Kind.SYNC, state(pr), null, pr.getHtmlUrl().toString(),
                (bumps == null ? "found " : "opened ") + ctx.byWhomWhen(), forcedOver);
        ctx.refresh(release, ctx.facts(release), b -> Checklist.ensureTicked(b, "sync", evidence));
        return ReleaseContext.Outcome.done(said + link + " from `" + branch(release.version()) + "`.");
    }
}
