package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.Optional;

/**
 * The emergency override: the {@code emergency} label, or {@code /emergency <reason>} in a comment, from someone
 * with write permission lets a pull request merge unreviewed. It is recorded, the review check turns green with who
 * and why, and the merge is flagged for review afterwards. Anyone else gets a reply saying who may do it.
 */
public final class DeclareEmergency implements EventHandler {
    static final String REFUSED = "<!-- release-train:emergency-refused -->";
    static final String RECORDED = "<!-- release-train:emergency -->";
    private final ReviewCheck check;
    private final ReviewAudit audit;

    public DeclareEmergency(ReviewCheck check, ReviewAudit audit) {
        this.check = check;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "emergency";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.sentByBot()) {
            return false;
        }
        return switch (e.event()) {
            case "pull_request" -> "labeled".equals(e.action()) && "open".equals(e.payload().path("pull_request").path("state").asText());
            case "issue_comment" -> e.newPullRequestComment()
                    && EmergencyCommand.reason(e.payload().path("comment").path("body").asText()).isPresent();
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        Optional<ReviewSettings> settings = ctx.settings().map(RepoSettings::review);
        if (settings.isEmpty()) {
            return; // the review check shows the broken config
        }
        ReviewGitHub github = ctx.github();
        String repo = ctx.repository();
        String label = settings.get().emergencyLabel();
        String actor = e.sender();
        String reason;
        long number;
        if (e.event().equals("pull_request")) {
            if (!label.equals(e.payload().path("label").path("name").asText())) {
                return;
            }
            reason = "label `" + label + "` added";
            number = e.payload().path("pull_request").path("number").asLong();
        } else {
            reason = EmergencyCommand.reason(e.payload().path("comment").path("body").asText()).orElseThrow();
            number = e.payload().path("issue").path("number").asLong();
            if (reason.isEmpty()) {
                github.upsertComment(number, REFUSED, REFUSED + "\n> /emergency\n\n"
                        + "An emergency override needs a reason, for the audit: `/emergency <what is on fire>`.");
                return;
            }
        }
        if (!github.canWrite(actor)) {
            github.upsertComment(number, REFUSED, REFUSED + "\n> " + (e.event().equals("pull_request")
                    ? "label `" + label + "`" : "/emergency " + reason) + "\n\n@" + actor + ", only people with write permission on "
                    + repo + " can declare an emergency; the review check is unchanged. Ask a maintainer if this cannot wait.");
            return;
        }
        JsonNode pr = github.pullRequest(number);
        audit.recordOverride(repo, number, new EmergencyOverride(actor, reason, pr.path("head").path("sha").asText(), System.currentTimeMillis()));
        check.run(ctx, pr);
        github.upsertComment(number, RECORDED, RECORDED + "\nEmergency override by @" + actor + ": " + reason
                + "\n\nThe review check passes. Once this is merged it is labelled `" + settings.get().postMergeReviewLabel()
                + "` until someone other than the author reviews it.");
    }
}
