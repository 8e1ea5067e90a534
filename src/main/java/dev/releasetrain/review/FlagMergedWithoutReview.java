package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfig;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubRest;

import java.util.List;
import java.util.Optional;

/**
 * A pull request merged with no counted approval (an emergency override included) is labelled for review after the
 * fact, asked for it in a comment, and recorded; when someone other than the author then approves it, the label
 * goes and the case is closed.
 */
public final class FlagMergedWithoutReview implements EventHandler {
    static final String MARKER = "<!-- release-train:post-merge-review -->";
    private final App.Services services;
    private final ReviewCheck check;
    private final ReviewAudit audit;

    public FlagMergedWithoutReview(App.Services services, ReviewCheck check, ReviewAudit audit) {
        this.services = services;
        this.check = check;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "post-merge-review";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.installationId() == null) {
            return false;
        }
        JsonNode payload = e.payload();
        return switch (e.event()) {
            case "pull_request" -> "closed".equals(e.action()) && payload.path("pull_request").path("merged").asBoolean(false);
            case "pull_request_review" -> "submitted".equals(e.action()) && "closed".equals(payload.path("pull_request").path("state").asText())
                    && "approved".equalsIgnoreCase(payload.path("review").path("state").asText());
            default -> false;
        };
    }

    @Override
    public void handle(WebhookEvent e) throws Exception {
        GitHubRest rest = services.github().installation(e.installationId()).rest();
        String repo = e.repository();
        if (!(services.configs().load(rest, repo) instanceof ConfigResult.Valid valid) || !valid.config().bool("review.enabled")) {
            return;
        }
        RepoConfig config = valid.config();
        String label = config.string("review.post-merge-review-label");
        JsonNode pr = e.payload().path("pull_request");
        long number = pr.path("number").asLong();
        String author = pr.path("user").path("login").asText();
        if (e.event().equals("pull_request")) {
            ReviewVerdict verdict = check.evaluate(rest, repo, pr, config, Optional.empty());
            if (verdict.counted() > 0) {
                return;
            }
            Optional<EmergencyOverride> override = audit.override(repo, number);
            audit.openCase(repo, number, pr.path("head").path("sha").asText(), author, System.currentTimeMillis());
            services.labels().ensureExists(rest, repo, label, "d93f0b", "Merged without review: needs a review after the fact");
            services.labels().add(rest, repo, number, List.of(label));
            services.comments().upsert(rest, repo, number, MARKER, MARKER + "\nThis pull request was merged without an approving review"
                    + override.map(o -> " (emergency override by @" + o.actor() + ": " + o.reason() + ")").orElse("")
                    + ". Could someone other than @" + author + " review it now? An approval here removes the `" + label + "` label.");
            return;
        }
        JsonNode reviewer = e.payload().path("review").path("user");
        String login = reviewer.path("login").asText();
        boolean bot = "Bot".equals(reviewer.path("type").asText()) || login.endsWith("[bot]");
        Optional<ReviewAudit.Case> open = audit.find(repo, number).filter(ReviewAudit.Case::open);
        if (open.isEmpty() || bot || login.equalsIgnoreCase(open.get().author())) {
            return;
        }
        audit.closeCase(repo, number, login, System.currentTimeMillis());
        services.labels().remove(rest, repo, number, label);
        services.comments().upsert(rest, repo, number, MARKER, MARKER + "\nMerged without review, then reviewed and approved by @"
                + login + ". Thank you!");
    }
}
