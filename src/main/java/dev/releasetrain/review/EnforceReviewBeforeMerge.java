package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.App;

import java.util.Set;

/** Keeps {@code release-train/review} current on open pull requests as they change and are reviewed. */
public final class EnforceReviewBeforeMerge implements EventHandler {
    private static final Set<String> PR_ACTIONS = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    private static final Set<String> REVIEW_ACTIONS = Set.of("submitted", "edited", "dismissed");
    private final App.Services services;
    private final ReviewCheck check;

    public EnforceReviewBeforeMerge(App.Services services, ReviewCheck check) {
        this.services = services;
        this.check = check;
    }

    @Override
    public String name() {
        return "review";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.installationId() == null) {
            return false;
        }
        return switch (e.event()) {
            case "pull_request" -> PR_ACTIONS.contains(e.action()) || baseChanged(e);
            case "pull_request_review" -> REVIEW_ACTIONS.contains(e.action());
            case "check_run" -> "rerequested".equals(e.action()) && ReviewCheck.CHECK.equals(e.payload().path("check_run").path("name").asText());
            case "check_suite" -> "requested".equals(e.action()) || "rerequested".equals(e.action());
            default -> false;
        };
    }

    /** An edit matters to the checks only when it moved the pull request to another base branch, not a title edit. */
    public static boolean baseChanged(WebhookEvent e) {
        return "edited".equals(e.action()) && e.payload().path("changes").has("base");
    }

    @Override
    public void handle(WebhookEvent e) throws Exception {
        GitHubRest rest = services.github().installation(e.installationId()).rest();
        String repo = e.repository();
        JsonNode payload = e.payload();
        switch (e.event()) {
            case "pull_request" -> runIfOpen(rest, repo, payload.path("pull_request"));
            // the review payload's pull request lacks some fields (draft among them on older events): read it whole
            case "pull_request_review" -> runIfOpen(rest, repo, rest.get("/repos/" + repo + "/pulls/" + payload.path("pull_request").path("number").asLong()));
            default -> {
                JsonNode prs = payload.path(e.event()).path("pull_requests");
                for (JsonNode pr : prs) {
                    runIfOpen(rest, repo, rest.get("/repos/" + repo + "/pulls/" + pr.path("number").asLong()));
                }
            }
        }
    }

    private void runIfOpen(GitHubRest rest, String repo, JsonNode pr) throws Exception {
        if ("open".equals(pr.path("state").asText())) {
            check.run(rest, repo, pr);
        }
    }
}
