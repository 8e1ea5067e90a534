package dev.releasetrain.release;

import dev.releasetrain.github.Commit;
import org.kohsuke.github.GHPullRequest;
import dev.releasetrain.cherrypick.CherryPickThroughMerges;
import dev.releasetrain.cherrypick.PickResult;
import dev.releasetrain.github.GitHubApiException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /release sync}: the version bump brought back to the default branch. Branch {@code sync-X.Y.Z} from the
 * default branch, the bump commit picked onto it, a pull request into the default branch. An open or merged sync
 * pull request means the job is done. Refused until X.Y.Z is tagged, unless forced (and then recorded).
 */
public final class SyncVersionBump {
    private SyncVersionBump() {
    }

    public static String branch(Version v) {
        return "sync-" + v;
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release, boolean force) throws Exception {
        String sync = branch(release.version());
        List<GHPullRequest> pulls = ctx.github().pulls().pullRequestsFrom(sync);
        if (!pulls.isEmpty()) {
            return finish(ctx, release, pulls.get(0), "The sync pull request exists already: ", null);
        }
        // the handbook's order: what comes back to the default branch is what was released
        if (ctx.github().git().ref("tags/" + release.version()).isEmpty()) {
            String untagged = release.version() + " is not tagged yet";
            if (!force) {
                return ReleaseContext.Outcome.refused("Not synced: " + untagged + ". `/release tag` first; `/release sync --force` opens "
                        + "the sync pull request anyway and records the override in the checklist.");
            }
            ctx.recordOverride(release, ctx.facts(release), "/release sync --force", untagged);
        }
        List<String> bumps = BumpVersion.commits(ctx, release).stream().map(Commit::sha).toList();
        if (bumps.isEmpty()) {
            return ReleaseContext.Outcome.refused("There is no version bump on `" + ctx.branch(release.version())
                    + "` to bring back (no commit since the cut changes a file of `release.version-files`): `/release bump` first.");
        }
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
            return ReleaseContext.Outcome.refused("The version bump (" + named + ") changes `" + e.refusedWorkflow().get() + "`, and GitHub "
                    + "does not let Release Train change workflow files (the app does not ask for the workflows permission). " + byHand);
        }
        if (picked instanceof PickResult.Conflict) {
            return ReleaseContext.Outcome.refused("The version bump (" + named + ") does not apply cleanly to `" + defaultBranch + "`. " + byHand);
        }
        if (picked instanceof PickResult.Picked p) {
            ctx.github().git().updateBranch(sync, p.head(), false);
        }
        GHPullRequest pr = ctx.github().pulls().openPullRequest("Sync " + release.version() + ": bring the version bump back to " + defaultBranch,
                sync, defaultBranch, "Brings " + named + " (the version bump of " + release.version() + ") from `"
                        + ctx.branch(release.version()) + "` back to `" + defaultBranch + "`."
                        + (release.issueNumber() == null ? "" : " Release checklist: #" + release.issueNumber() + "."));
        return finish(ctx, release, pr, "Opened ", named);
    }

    /** @param bumps the commits it brings back, linked; null when the pull request was there already */
    private static ReleaseContext.Outcome finish(ReleaseContext ctx, Release release, GHPullRequest pr, String said, String bumps) throws Exception {
        String link = "[#" + pr.getNumber() + "](" + pr.getHtmlUrl() + ")";
        String evidence = link + (bumps == null ? "" : " with " + bumps) + " " + ctx.byWhomWhen();
        ctx.refresh(release, ctx.facts(release), b -> Checklist.ensureTicked(b, "sync", evidence));
        return ReleaseContext.Outcome.done(said + link + " from `" + branch(release.version()) + "`.");
    }
}
