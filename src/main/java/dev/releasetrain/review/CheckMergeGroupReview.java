package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code release-train/review} on a merge queue's group: GitHub waits for every required check on the group's head,
 * so without this a repository that requires the check and queues merges never merges. The group passes when every
 * pull request in it passes review or carries an emergency override, and fails naming those that do not.
 */
public final class CheckMergeGroupReview implements EventHandler {
    private final App.Services services;
    private final ReviewAudit audit;

    public CheckMergeGroupReview(App.Services services, ReviewAudit audit) {
        this.services = services;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "review-merge-group";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        return e.mergeGroupChecksRequested();
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        String head = ctx.event().mergeGroupHead();
        Optional<ReviewSettings> settings = ctx.settingsForCheck(ReviewCheck.CHECK, head).map(RepoSettings::review).filter(ReviewSettings::enabled);
        if (settings.isEmpty()) {
            return;
        }
        ReviewGitHub github = ctx.github();
        List<Long> prs = github.pullRequestsIn(ctx.event().mergeGroupBase(), head);
        StringBuilder table = new StringBuilder("| pull request | review |\n|---|---|\n");
        List<String> waiting = new ArrayList<>();
        for (long n : prs) {
            JsonNode pr = github.pullRequest(n);
            ReviewVerdict v = ReviewCheck.evaluate(github, pr, settings.get(), audit.override(ctx.repository(), n));
            boolean passes = "success".equals(v.conclusion());
            table.append("| #").append(n).append(' ').append(pr.path("title").asText().replace("|", "\\|")).append(" | ")
                    .append(passes ? "✅ " : "❌ ").append(v.title().replace("|", "\\|")).append(" |\n");
            if (!passes) {
                waiting.add("#" + n);
            }
        }
        String title = prs.isEmpty() ? "No pull request found in this merge group"
                : waiting.isEmpty() ? "Every pull request in the group is reviewed (" + prs.size() + ")"
                : "Not reviewed: " + String.join(", ", waiting);
        String summary = "A merge group passes review when every pull request in it does (or carries an emergency override).\n\n"
                + (prs.isEmpty() ? "" : table.toString());
        services.checks().publish(github, CheckRunResult.completed(ReviewCheck.CHECK, head,
                !prs.isEmpty() && waiting.isEmpty() ? "success" : "failure", title, summary));
    }
}
