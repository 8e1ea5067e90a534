package dev.releasetrain.release;

import org.kohsuke.github.GHRelease;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code /release tag [--force]}: the annotated tag X.Y.Z at the release branch's head and the GitHub release with
 * the notes. Refused while something blocks the release (the version files not yet saying X.Y.Z among them),
 * unless forced; a forced tag is recorded in the checklist before it is made. A tag or release that exists already is not made again.
 */
public final class TagRelease {
    private TagRelease() {
    }

    /**
     * The handbook's order: the version files say X.Y.Z before X.Y.Z is tagged. Empty when they do, or when the
     * repository lists none; what cannot be read blocks too (fail closed).
     */
    static Optional<String> unbumped(ReleaseContext ctx, Release release) throws Exception {
        if (ctx.settings().versionFiles().isEmpty()) {
            return Optional.empty();
        }
        BumpVersion.Plan plan = BumpVersion.plan(ctx, release);
        if (plan.problem().isPresent()) {
            return Optional.of("the version files cannot be checked: " + plan.problem().get());
        }
        if (!plan.changes().isEmpty()) {
            return Optional.of("the version files on `" + ctx.branch(release.version()) + "` do not say " + release.version() + " yet ("
                    + plan.changes().keySet().stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")) + "): `/release bump` first");
        }
        return Optional.empty();
    }

    public static ReleaseContext.Outcome run(ReleaseContext ctx, Release release, boolean force) throws Exception {
        String branch = ctx.branch(release.version());
        String tag = release.version().toString();
        Optional<String> head = ctx.github().git().ref("heads/" + branch);
        if (head.isEmpty()) {
            return ReleaseContext.Outcome.refused("`" + branch + "` does not exist: `/release start` cuts it first.");
        }
        ReleaseFacts facts = ctx.facts(release);
        Optional<String> existing = ctx.github().git().ref("tags/" + tag);
        String taggedCommit;
        String said;
        String forcedOver = null;
        if (existing.isPresent()) {
            taggedCommit = ctx.github().git().taggedCommit(existing.get());
            said = "The tag " + tag + " exists already, at " + ctx.commitLink(taggedCommit) + ".";
        } else {
            List<String> blockers = new ArrayList<>();
            unbumped(ctx, release).ifPresent(blockers::add);
            blockers.addAll(TagBlockers.of(facts, ctx.github().checks().checkRuns(head.get())));
            if (!blockers.isEmpty() && !force) {
                ctx.refresh(release, facts, b -> b);
                return ReleaseContext.Outcome.refused("Not tagged: " + blockers.size() + (blockers.size() == 1 ? " thing blocks" : " things block")
                        + " the release.\n\n" + blockers.stream().map(s -> "- " + s).collect(Collectors.joining("\n"))
                        + "\n\nOnce they are resolved, `/release tag` again. `/release tag --force` tags anyway and records the override in the checklist.");
            }
            if (!blockers.isEmpty()) {
                forcedOver = String.join("; ", blockers);
                ctx.recordOverride(release, facts, "/release tag --force", forcedOver);
            }
            String object = ctx.github().git().createTagObject(tag, head.get(), ctx.settings().tagMessage(tag));
            ctx.github().git().createRef("refs/tags/" + tag, object);
            taggedCommit = head.get();
            said = "Tagged " + tag + " at " + ctx.commitLink(taggedCommit) + ", the head of `" + branch + "`"
                    + (blockers.isEmpty() ? "." : ", forced over " + blockers.size() + (blockers.size() == 1 ? " blocker" : " blockers")
                    + " (recorded in the checklist).");
        }
        GHRelease published = ctx.github().releases().releaseByTag(tag).orElse(null);
        if (published == null) {
            published = ctx.github().releases().createRelease(tag, tag, facts.notes());
            said += " Published the release [" + tag + "](" + published.getHtmlUrl() + ") with the notes.";
        } else {
            said += " The release [" + tag + "](" + published.getHtmlUrl() + ") is published.";
        }
        String evidence = "[" + tag + "](" + published.getHtmlUrl() + ") at " + ctx.commitLink(taggedCommit) + " " + ctx.byWhomWhen();
        ctx.record(release, LedgerEntry.Kind.TAG, "done", taggedCommit, published.getHtmlUrl().toString(),
                (existing.isPresent() ? "found " : "tagged ") + ctx.byWhomWhen(), forcedOver);
        ctx.refresh(release, facts, b -> Checklist.ensureTicked(b, "tag", evidence));
        return ReleaseContext.Outcome.done(said);
    }
}
