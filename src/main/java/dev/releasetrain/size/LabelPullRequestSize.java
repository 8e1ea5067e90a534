package dev.releasetrain.size;

import dev.releasetrain.checks.CheckPublisher;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.MergeGroupCheck;
import dev.releasetrain.checks.PullRequestChecks;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.SizeSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.PullRequests;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Size hints on every pull request: the check run {@code release-train/size}, exactly one {@code size/*} label, and
 * from {@code size.comment-from} on a sticky comment suggesting a split or a feature flag. Calls per push: the file
 * pages, two conditional reads (config, .gitattributes; 304 while unchanged), the check run, and label or comment
 * calls only when something changed.
 */
public final class LabelPullRequestSize {
    public static final String CHECK = "release-train/size";
    public static final String MARKER = "<!-- release-train:size -->";
    private static final Map<String, String> COLOURS = Map.of("size/XS", "3cbf00", "size/S", "5d9801", "size/M", "7f7203",
            "size/L", "a14c05", "size/XL", "c32607", "size/XXL", "e50009");

    private final CheckPublisher checks;

    public LabelPullRequestSize(CheckPublisher checks) {
        this.checks = checks;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("size", List.of(
                PullRequestChecks.onNewCode((e, ctx) -> sizeIfOpen(ctx, e.getPullRequest(), "opened".equals(e.getAction()) && ctx.event().attempt() == 1)),
                // a label matters only for the hint's off switch; the bot's own size labels must not loop back
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("labeled", "unlabeled"),
                        e -> e.getLabel() != null && !SizeBuckets.isBucketLabel(e.getLabel().getName()),
                        (e, ctx) -> sizeIfOpen(ctx, e.getPullRequest(), false)),
                PullRequestChecks.onRerun(CHECK, (e, ctx) -> {
                    for (GHPullRequest pr : ctx.pullRequests(1)) {
                        sizeIfOpen(ctx, pr, false);
                    }
                })));
    }

    private void sizeIfOpen(EventContext ctx, GHPullRequest pr, boolean justOpened) throws Exception {
        if (pr.getState() != GHIssueState.OPEN) {
            return;
        }
        Optional<SizeSettings> settings = ctx.settingsForCheck(CHECK, pr.getHead().getSha()).map(RepoSettings::size).filter(SizeSettings::enabled);
        if (settings.isPresent()) {
            size(pr, justOpened, settings.get(), SizeGitHub.of(ctx.github()));
        }
    }

    /**
     * Sizes an open pull request: its label, hint and check.
     *
     * @param justOpened a pull request just opened, on the delivery's first attempt: it carries no hint of ours yet
     */
    public void size(GHPullRequest pr, boolean justOpened, SizeSettings settings, SizeGitHub github) throws Exception {
        long number = pr.getNumber();
        String head = pr.getHead().getSha();
        SizeBuckets buckets = SizeBuckets.from(settings);
        String gitattributes = github.contents().readFile(".gitattributes", pr.getBase().getRef()).text().orElse("");
        ExcludedFiles exclusions = ExcludedFiles.of(gitattributes, settings.exclude());
        PullRequests pulls = github.pulls();
        SizeMeasure measure = SizeMeasure.of(pulls.changedFiles(pr), pr.getChangedFiles(), exclusions, buckets);

        List<String> labels = pr.getLabels().stream().map(GHLabel::getName).toList();
        SizeVerdict verdict = SizeVerdict.of(measure.bucket(), labels, settings, buckets);
        if (verdict.addLabel()) {
            github.labels().ensureLabel(measure.bucket(), COLOURS.getOrDefault(measure.bucket(), "ededed"), "Pull request size, set by Release Train");
            github.labels().addLabels(number, List.of(measure.bucket()));
        }
        for (String label : verdict.removeLabels()) {
            github.labels().removeLabel(number, label);
        }
        if (verdict.hint()) {
            github.comments().upsertComment(number, MARKER, SizeReport.comment(measure, MARKER, settings.skipLabel()));
        } else if (justOpened) {
            github.comments().noCommentYet(number, MARKER); // a retry looks, as ever
        } else {
            github.comments().removeComment(number, MARKER);
        }
        checks.publish(github.checks(), CheckRunResult.completed(CHECK, head, verdict.fail() ? "failure" : "neutral",
                SizeReport.title(measure), SizeReport.summary(measure)
                        + (verdict.fail() ? "\nThis repository fails the check from `" + settings.failFrom() + "` on (`size.fail-from`).\n" : "")));
    }

    /** A merge queue waits for every required check, this one too; size is a pull request's, never a group's. */
    public static MergeGroupCheck onMergeGroups() {
        return new MergeGroupCheck(CHECK, s -> s.size().enabled(), (group, members, settings, github) -> CheckRunResult.completed(CHECK,
                group.headSha(), "neutral", "Size is a pull request's, not a merge group's",
                "Each pull request in the group was sized on its own; a merge group is not judged by size."));
    }
}
