package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.Permissions;

/**
 * The emergency override: the {@code emergency} label, or {@code /emergency <reason>} in a comment, from someone
 * with write permission lets a pull request merge unreviewed. It is recorded, the review check turns green with who
 * and why, and the merge is flagged for review afterwards. Anyone else gets a reply saying who may do it.
 */
public final class DeclareEmergency implements EventHandler {
    static final String REFUSED = "<!-- release-train:emergency-refused -->";
    static final String RECORDED = "<!-- release-train:emergency -->";
    private final App.Services services;
    private final ReviewCheck check;
    private final ReviewAudit audit;

    public DeclareEmergency(App.Services services, ReviewCheck check, ReviewAudit audit) {
        this.services = services;
        this.check = check;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "emergency";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.installationId() == null || "Bot".equals(e.payload().path("sender").path("type").asText())) {
            return false;
        }
        return switch (e.event()) {
            case "pull_request" -> "labeled".equals(e.action()) && "open".equals(e.payload().path("pull_request").path("state").asText());
            case "issue_comment" -> "created".equals(e.action()) && e.payload().path("issue").has("pull_request")
                    && EmergencyCommand.reason(e.payload().path("comment").path("body").asText()).isPresent();
            default -> false;
        };
    }

    @Override
    public void handle(WebhookEvent e) throws Exception {
        GitHubRest rest = services.github().installation(e.installationId()).rest();
        String repo = e.repository();
        if (!(services.configs().load(rest, repo) instanceof ConfigResult.Valid valid)) {
            return; // the review check shows the broken config
        }
        String label = valid.config().string("review.emergency-label");
        String actor = e.payload().path("sender").path("login").asText();
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
                services.comments().upsert(rest, repo, number, REFUSED, REFUSED + "\n> /emergency\n\n"
                        + "An emergency override needs a reason, for the audit: `/emergency <what is on fire>`.");
                return;
            }
        }
        if (!Permissions.canWrite(rest, repo, actor)) {
            services.comments().upsert(rest, repo, number, REFUSED, REFUSED + "\n> " + (e.event().equals("pull_request")
                    ? "label `" + label + "`" : "/emergency " + reason) + "\n\n@" + actor + ", only people with write permission on "
                    + repo + " can declare an emergency; the review check is unchanged. Ask a maintainer if this cannot wait.");
            return;
        }
        JsonNode pr = rest.get("/repos/" + repo + "/pulls/" + number);
        audit.recordOverride(repo, number, new EmergencyOverride(actor, reason, pr.path("head").path("sha").asText(), System.currentTimeMillis()));
        check.run(rest, repo, pr);
        services.comments().upsert(rest, repo, number, RECORDED, RECORDED + "\nEmergency override by @" + actor + ": " + reason
                + "\n\nThe review check passes. Once this is merged it is labelled `" + valid.config().string("review.post-merge-review-label")
                + "` until someone other than the author reviews it.");
    }
}
