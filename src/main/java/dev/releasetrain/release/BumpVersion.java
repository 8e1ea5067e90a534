package dev.releasetrain.release;

import dev.releasetrain.github.Commit;
import dev.releasetrain.github.RepoFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /release bump}: the files of {@code release.version-files} set to the release's version on the release
 * branch, all in one commit. Files that already say the version are left alone; when all do, the bump is done and
 * its commit is found again as the latest since the cut that changes a version file.
 */
public final class BumpVersion {
    private BumpVersion() {
    }

    /** What the bump would change: path to new text; or the first reason it cannot be done. */
    public record Plan(Map<String, String> changes, Optional<String> problem) {
    }

    public static Plan plan(ReleaseContext ctx, Release release) throws Exception {
        List<VersionFile> files = ctx.settings().versionFiles().stream().map(VersionFile::of).toList();
        if (files.isEmpty()) {
            return new Plan(Map.of(), Optional.of("`release.version-files` in `.github/release-train.yml` lists no files to bump. For example:\n\n"
                    + "```yaml\nrelease:\n  version-files:\n    - path: app/version.py\n      pattern: 'VERSION = \"([^\"]*)\"'\n"
                    + "    - path: app/versions.json\n      json-list: \"\"\n```"));
        }
        String branch = ctx.branch(release.version());
        Map<String, String> changes = new LinkedHashMap<>();
        for (VersionFile f : files) {
            RepoFiles.FileText file = ctx.github().contents().readFile(f.path(), branch);
            if (file.tooLarge()) {
                return new Plan(Map.of(), Optional.of("`" + f.path() + "` is larger than 1 MB; it is not a version file."));
            }
            if (file.text().isEmpty()) {
                return new Plan(Map.of(), Optional.of("`" + f.path() + "` does not exist on `" + branch + "`."));
            }
            VersionFile.Edit edit = f.apply(file.text().get(), release.version());
            if (edit.text().isEmpty()) {
                return new Plan(Map.of(), Optional.of(edit.problem() + " on `" + branch + "`."));
            }
            if (!edit.text().get().equals(file.text().get())) {
                changes.put(f.path(), edit.text().get());
            }
        }
        return new Plan(changes, Optional.empty());
    }

    /**
     * The commits on the release branch since the cut that change a file of {@code release.version-files}, oldest
     * first, whoever made them: the bot's {@code /release bump}, or a release owner's by hand, as the handbook has it.
     */
    public static List<Commit> commits(ReleaseContext ctx, Release release) throws Exception {
        String branch = ctx.branch(release.version());
        java.util.Set<String> touching = new java.util.HashSet<>();
        for (var f : ctx.settings().versionFiles()) {
            touching.addAll(ctx.github().history().commitsTouching(branch, f.path()));
        }
        if (touching.isEmpty()) {
            return List.of();
        }
        return ctx.github().history().compare(release.cutSha(), branch).commits().stream().filter(c -> touching.contains(c.sha())).toList();
    }

    /** True when every version file says the version, false when one does not, empty when that cannot be told. */
    static Optional<Boolean> state(ReleaseContext ctx, Release release) throws Exception {
        Plan plan = plan(ctx, release);
        return plan.problem().isPresent() ? Optional.empty() : Optional.of(plan.changes().isEmpty());
    }

    /**
     * What the version files were seen to say, into the ledger: the bump done (at {@code sha} when known), or gone
     * when they do not say the version (reverted); nothing when that cannot be told.
     */
    static void seen(ReleaseContext ctx, Release release, Optional<Boolean> bumped, String sha, String how) throws Exception {
        if (bumped.orElse(false)) {
            ctx.record(release, LedgerEntry.Kind.BUMP, "done", sha, null, how, null);
        } else if (bumped.isPresent()) {
            ctx.deps().ledger().forget(ctx.repo(), release.version(), LedgerEntry.Kind.BUMP);
        }
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release) throws Exception {
        String branch = ctx.branch(release.version());
        Optional<String> head = ctx.github().git().ref("heads/" + branch);
        if (head.isEmpty()) {
            return ReleaseContext.Outcome.refused("`" + branch + "` does not exist: `/release start` cuts it first.");
        }
        Plan plan = plan(ctx, release);
        if (plan.problem().isPresent()) {
            return ReleaseContext.Outcome.refused("Not bumped: " + plan.problem().get());
        }
        String sha;
        String said;
        if (plan.changes().isEmpty()) {
            List<Commit> made = commits(ctx, release);
            sha = made.isEmpty() ? head.get() : made.get(made.size() - 1).sha();
            said = "The version files on `" + branch + "` already say " + release.version() + " (" + ctx.commitLink(sha) + ").";
        } else {
            sha = ctx.github().git().commitFiles(head.get(), plan.changes(), ctx.settings().bumpMessage(release.version().toString()) + "\n\nChanged by Release Train " + ctx.byWhomWhen() + ": " + String.join(", ", plan.changes().keySet()) + ".");
            ctx.github().git().updateBranch(branch, sha, false);
            said = "Committed " + ctx.commitLink(sha) + " on `" + branch + "`, setting " + release.version() + " in "
                    + String.join(" and ", plan.changes().keySet().stream().map(p -> "`" + p + "`").toList()) + ".";
        }
        String evidence = ctx.commitLink(sha) + " " + ctx.byWhomWhen();
        ctx.record(release, LedgerEntry.Kind.BUMP, "done", sha, null, (plan.changes().isEmpty() ? "found " : "committed ") + ctx.byWhomWhen(), null);
        ctx.refresh(release, ctx.facts(release), b -> Checklist.ensureTicked(b, "bump", evidence));
        return ReleaseContext.Outcome.done(said);
    }
}
