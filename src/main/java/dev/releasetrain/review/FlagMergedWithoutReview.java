package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.Users;

import java.util.List;
import java.util.Optional;

/**
 * A pull request merged with no counted approval (an emergency override included) is labelled for review after the
 * fact, asked for it in a comment, and recorded; when someone other than the author then approves it, the label
 * goes and the case is closed.
 */
public final class FlagMergedWithoutReview implements EventHandler {
    static final String MARKER = "<!-- release-train:post-merge-review -->";
    private final ReviewAudit audit;

    public FlagMergedWithoutReview(ReviewAudit audit) {
        this.audit = audit;
    }

    @Override
    public String name() {
        return "post-merge-review";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        JsonNode payload = e.payload();
        return switch (e.event()) {
            case "pull_request" -> "closed".equals(e.action()) && payload.path("pull_request").path("merged").asBoolean(false);
            case "pull_request_review" -> "submitted".equals(e.action()) && "closed".equals(payload.path("pull_request").path("state").asText())
                    && "approved".equalsIgnoreCase(payload.path("review").path("state").asText());
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        Optional<ReviewSettings> settings = ctx.settings().map(RepoSettings::review).filter(ReviewSettings::enabled);
        if (settings.isEmpty()) {
            return;
        }
        ReviewGitHub github = ctx.github();
        String repo = ctx.repository();
        String label = settings.get().postMergeReviewLabel();
        JsonNode pr = e.payload().path("pull_request");
        long number = pr.path("number").asLong();
        String author = pr.path("user").path("login").asText();
        if (e.event().equals("pull_request")) {
            ReviewVerdict verdict = ReviewCheck.evaluate(github, pr, settings.get(), Optional.empty());
            if (verdict.counted() > 0) {
                return;
            }
            Optional<EmergencyOverride> override = audit.override(repo, number);
            audit.openCase(repo, number, pr.path("head").path("sha").asText(), author, System.currentTimeMillis());
            github.ensureLabel(label, "d93f0b", "Merged without review: needs a review after the fact");
            github.addLabels(number, List.of(label));
            github.upsertComment(number, MARKER, MARKER + "\nThis pull request was merged without an approving review"
                    + override.map(o -> " (emergency override by @" + o.actor() + ": " + o.reason() + ")").orElse("")
                    + ". Could someone other than @" + author + " review it now? An approval here removes the `" + label + "` label.");
            return;
        }
        JsonNode reviewer = e.payload().path("review").path("user");
        String login = reviewer.path("login").asText();
        boolean bot = Users.isBot(reviewer);
        Optional<ReviewAudit.Case> open = audit.find(repo, number).filter(ReviewAudit.Case::open);
        if (open.isEmpty() || bot || login.equalsIgnoreCase(open.get().author())) {
            return;
        }
        // the case closes last: should GitHub fail a write, the retry still finds it open and finishes the job
        github.removeLabel(number, label);
        github.upsertComment(number, MARKER, MARKER + "\nMerged without review, then reviewed and approved by @"
                + login + ". Thank you!");
        audit.closeCase(repo, number, login, System.currentTimeMillis());
    }
}
