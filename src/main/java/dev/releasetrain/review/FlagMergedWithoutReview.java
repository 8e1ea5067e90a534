package dev.releasetrain.review;

import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.PullRequestReview;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReviewState;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A pull request merged with no counted approval (an emergency override included) is labelled for review after the
 * fact, asked for it in a comment, and recorded; when someone other than the author then approves it, the label
 * goes and the case is closed.
 */
public final class FlagMergedWithoutReview {
    static final String MARKER = "<!-- release-train:post-merge-review -->";
    private final ReviewAudit audit;
    private final Clock clock;

    public FlagMergedWithoutReview(ReviewAudit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("post-merge-review", List.of(
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("closed"), e -> e.getPullRequest().isMerged(),
                        (e, ctx) -> ctx.withSettings(s -> {
                            if (s.review().enabled()) {
                                merged(e.getPullRequest(), s.review(), ReviewGitHub.of(ctx.github()));
                            }
                        })),
                Subscription.on(GHEventPayload.PullRequestReview.class, Set.of("submitted"),
                        e -> e.getPullRequest().getState() == GHIssueState.CLOSED && e.getReview().getState() == GHPullRequestReviewState.APPROVED,
                        (e, ctx) -> ctx.withSettings(s -> {
                            if (s.review().enabled()) {
                                approved(e.getPullRequest().getNumber(), PullRequestReview.read(ctx.event().payload().path("review")), s.review(),
                                        ReviewGitHub.of(ctx.github()));
                            }
                        }))));
    }

    /** The pull request merged: flagged when no approval counted. */
    public void merged(GHPullRequest pr, ReviewSettings settings, ReviewGitHub github) throws Exception {
        ReviewVerdict verdict = ReviewCheck.evaluate(github, pr, settings, Optional.empty());
        if (verdict.counted() > 0) {
            return;
        }
        String repo = github.repository();
        long number = pr.getNumber();
        String author = pr.getUser().getLogin();
        String label = settings.postMergeReviewLabel();
        Optional<EmergencyOverride> override = audit.override(repo, number);
        audit.openCase(repo, number, pr.getHead().getSha(), author, clock.millis());
        github.labels().ensureLabel(label, "d93f0b", "Merged without review: needs a review after the fact");
        github.labels().addLabels(number, List.of(label));
        github.comments().upsertComment(number, MARKER, MARKER + "\nThis pull request was merged without an approving review"
                + override.map(o -> " (emergency override by @" + o.actor() + ": " + o.reason() + ")").orElse("")
                + ". Could someone other than @" + author + " review it now? An approval here removes the `" + label + "` label.");
    }

    /** Someone approved the merged pull request: the case closes when they are not its author (or a bot). */
    public void approved(long number, PullRequestReview review, ReviewSettings settings, ReviewGitHub github) throws Exception {
        String repo = github.repository();
        Optional<UnreviewedMerges.Case> open = audit.find(repo, number).filter(UnreviewedMerges.Case::open);
        if (open.isEmpty() || review.bot() || review.login().equalsIgnoreCase(open.get().author())) {
            return;
        }
        if (settings.approvalsFromWriters() && !github.people().canWrite(review.login())) {
            return; // a review after the fact counts from someone who could have approved before the merge
        }
        // the case closes last: should GitHub fail a write, the retry still finds it open and finishes the job
        github.labels().removeLabel(number, settings.postMergeReviewLabel());
        github.comments().upsertComment(number, MARKER, MARKER + "\nMerged without review, then reviewed and approved by @"
                + review.login() + ". Thank you!");
        audit.closeCase(repo, number, review.login(), clock.millis());
    }
}
