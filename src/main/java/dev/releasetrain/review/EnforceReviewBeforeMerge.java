package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.Set;

/** Keeps {@code release-train/review} current on open pull requests as they change and are reviewed. */
public final class EnforceReviewBeforeMerge implements EventHandler {
    private static final Set<String> REVIEW_ACTIONS = Set.of("submitted", "edited", "dismissed");
    private final ReviewCheck check;

    public EnforceReviewBeforeMerge(ReviewCheck check) {
        this.check = check;
    }

    @Override
    public String name() {
        return "review";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        return switch (e.event()) {
            case "pull_request" -> e.pullRequestToCheck();
            case "pull_request_review" -> REVIEW_ACTIONS.contains(e.action());
            case "check_run" -> e.rerunOf(ReviewCheck.CHECK);
            case "check_suite" -> "requested".equals(e.action()) || "rerequested".equals(e.action());
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        switch (e.event()) {
            case "pull_request" -> runIfOpen(ctx, e.payload().path("pull_request"));
            // the review payload's pull request lacks some fields (draft among them on older events): read it whole
            case "pull_request_review" -> runIfOpen(ctx, ctx.github().pullRequest(e.payload().path("pull_request").path("number").asLong()));
            default -> {
                for (JsonNode pr : e.payload().path(e.event()).path("pull_requests")) {
                    runIfOpen(ctx, ctx.github().pullRequest(pr.path("number").asLong()));
                }
            }
        }
    }

    private void runIfOpen(EventContext ctx, JsonNode pr) throws Exception {
        if ("open".equals(pr.path("state").asText())) {
            check.run(ctx, pr);
        }
    }
}
