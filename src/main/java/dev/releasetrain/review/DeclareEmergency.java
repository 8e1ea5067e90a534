package dev.releasetrain.review;

import dev.releasetrain.commands.FreshComments;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.Subscription;
import dev.releasetrain.github.Users;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The emergency override: the {@code emergency} label, or {@code /emergency <reason>} in a comment, from someone
 * with write permission lets a pull request merge unreviewed. It is recorded, the review check turns green with who
 * and why, and the merge is flagged for review afterwards. Anyone else gets a reply saying who may do it.
 */
public final class DeclareEmergency {
    static final String REFUSED = "<!-- release-train:emergency-refused -->";
    static final String RECORDED = "<!-- release-train:emergency -->";
    private final ReviewCheck check;
    private final ReviewAudit audit;
    private final Clock clock;

    public DeclareEmergency(ReviewCheck check, ReviewAudit audit, Clock clock) {
        this.check = check;
        this.audit = audit;
        this.clock = clock;
    }

    /** The deliveries it takes, as the router sees them. */
    public EventHandler handler() {
        return new EventHandler("emergency", List.of(
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("labeled"),
                        e -> !Users.isBot(e.getSender()) && e.getLabel() != null && e.getPullRequest().getState() == GHIssueState.OPEN,
                        (e, ctx) -> ctx.withSettings(s -> label(e.getPullRequest().getNumber(), e.getLabel().getName(), e.getSender().getLogin(), s.review(),
                                ReviewGitHub.of(ctx.github())))),
                Subscription.on(GHEventPayload.PullRequest.class, Set.of("unlabeled"),
                        e -> e.getLabel() != null && e.getPullRequest().getState() == GHIssueState.OPEN,
                        (e, ctx) -> ctx.withSettings(s -> unlabel(e.getPullRequest(), e.getLabel().getName(), e.getSender().getLogin(), s.review(),
                                ReviewGitHub.of(ctx.github())))),
                Subscription.on(GHEventPayload.IssueComment.class, Set.of("created"),
                        e -> !Users.isBot(e.getSender()) && e.getIssue().isPullRequest() && FreshComments.fresh(e.getComment(), clock)
                                && EmergencyCommand.reason(e.getComment().getBody()).isPresent(),
                        (e, ctx) -> ctx.withSettings(s -> command(e.getIssue().getNumber(), EmergencyCommand.reason(e.getComment().getBody()).orElseThrow(),
                                e.getSender().getLogin(), s.review(), ReviewGitHub.of(ctx.github()))))));
    }

    /** {@code actor} added {@code label} to the open pull request: an override when it is the emergency label. */
    public void label(long number, String label, String actor, ReviewSettings settings, ReviewGitHub github) throws Exception {
        if (label.equals(settings.emergencyLabel())) {
            declare(number, actor, "label `" + label + "` added", "label `" + label + "`", settings, github);
        }
    }

    /**
     * {@code actor} removed {@code label} from the open pull request: when it is the emergency label, the override
     * ends (whoever declared it, by label or command) and the review check is judged again without it.
     */
    public void unlabel(GHPullRequest pr, String label, String actor, ReviewSettings settings, ReviewGitHub github) throws Exception {
        if (!label.equals(settings.emergencyLabel()) || audit.override(github.repository(), pr.getNumber()).isEmpty()) {
            return;
        }
        audit.endOverrides(github.repository(), pr.getNumber(), clock.millis());
        if (settings.enabled()) {
            check.run(pr, settings, github);
        }
        github.comments().upsertComment(pr.getNumber(), RECORDED, RECORDED + "\nThe emergency override ended: @" + actor + " removed the label `"
                + label + "`. The review check is judged on reviews again.");
    }

    /** {@code actor} commented {@code /emergency reason} on the pull request. */
    public void command(long number, String reason, String actor, ReviewSettings settings, ReviewGitHub github) throws Exception {
        if (reason.isEmpty()) {
            github.comments().upsertComment(number, REFUSED, REFUSED + "\n> /emergency\n\n"
                    + "An emergency override needs a reason, for the audit: `/emergency <what is on fire>`.");
            return;
        }
        declare(number, actor, reason, "/emergency " + reason, settings, github);
    }

    private void declare(long number, String actor, String reason, String quoted, ReviewSettings settings, ReviewGitHub github) throws Exception {
        if (!github.people().canWrite(actor)) {
            github.comments().upsertComment(number, REFUSED, REFUSED + "\n> " + quoted + "\n\n@" + actor + ", only people with write "
                    + "permission on " + github.repository() + " can declare an emergency; the review check is unchanged. Ask a maintainer "
                    + "if this cannot wait.");
            return;
        }
        GHPullRequest pr = github.pulls().pullRequest(number);
        audit.recordOverride(github.repository(), number, new EmergencyOverride(actor, reason, pr.getHead().getSha(), clock.millis()));
        if (settings.enabled()) {
            check.run(pr, settings, github);
        }
        github.comments().upsertComment(number, RECORDED, RECORDED + "\nEmergency override by @" + actor + ": " + reason
                + "\n\nThe review check passes. Once this is merged it is labelled `" + settings.postMergeReviewLabel()
                + "` until someone other than the author reviews it.");
    }
}
