package dev.releasetrain.review;

import dev.releasetrain.checks.PullRequestChecks;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Keeps {@code release-train/review} current on open pull requests as they change and are reviewed. */
public final class EnforceReviewBeforeMerge {
    private final ReviewCheck check;

    public EnforceReviewBeforeMerge(ReviewCheck check) {
        this.check = check;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("review", List.of(
                PullRequestChecks.onNewCode((e, ctx) -> runIfOpen(ctx, ctx.pullRequests(1))),
                Subscription.on(GHEventPayload.PullRequestReview.class, Set.of("submitted", "edited", "dismissed"),
                        (e, ctx) -> runIfOpen(ctx, ctx.pullRequests(1))),
                PullRequestChecks.onRerun(ReviewCheck.CHECK, (e, ctx) -> runIfOpen(ctx, ctx.pullRequests(Integer.MAX_VALUE))),
                Subscription.on(GHEventPayload.CheckSuite.class, Set.of("requested", "rerequested"),
                        (e, ctx) -> runIfOpen(ctx, ctx.pullRequests(Integer.MAX_VALUE)))));
    }

    private void runIfOpen(EventContext ctx, List<GHPullRequest> prs) throws Exception {
        for (GHPullRequest pr : prs) {
            if (pr.getState() != GHIssueState.OPEN) {
                continue;
            }
            Optional<ReviewSettings> settings = ctx.settingsForCheck(ReviewCheck.CHECK, pr.getHead().getSha()).map(RepoSettings::review)
                    .filter(ReviewSettings::enabled);
            if (settings.isPresent()) {
                check.run(pr, settings.get(), ReviewGitHub.of(ctx.github()));
            }
        }
    }
}
