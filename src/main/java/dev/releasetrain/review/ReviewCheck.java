package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.ReviewSettings;
import dev.releasetrain.delivery.EventContext;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates and publishes {@code release-train/review} for one pull request. Calls: the review listing, and only
 * when they matter a permission lookup per change request and a commit lookup per stale approval.
 */
public final class ReviewCheck {
    public static final String CHECK = "release-train/review";
    private final App.Services services;
    private final ReviewAudit audit;

    public ReviewCheck(App.Services services, ReviewAudit audit) {
        this.services = services;
        this.audit = audit;
    }

    /** Publishes the check for the pull request's head (nothing when review checks are off). */
    public void run(EventContext ctx, JsonNode pr) throws Exception {
        String head = pr.path("head").path("sha").asText();
        Optional<ReviewSettings> settings = ctx.settingsForCheck(CHECK, head).map(RepoSettings::review).filter(ReviewSettings::enabled);
        if (settings.isEmpty()) {
            return;
        }
        ReviewGitHub github = ctx.github();
        ReviewVerdict verdict = evaluate(github, pr, settings.get(), audit.override(ctx.repository(), pr.path("number").asLong()));
        String summary = ReviewPolicy.summary(verdict, settings.get().emergencyLabel());
        services.checks().publish(github, verdict.conclusion() == null
                ? CheckRunResult.inProgress(CHECK, head, verdict.title(), summary)
                : CheckRunResult.completed(CHECK, head, verdict.conclusion(), verdict.title(), summary));
    }

    /** The verdict on the pull request as it stands, looking up only what its reviews make necessary. */
    public static ReviewVerdict evaluate(ReviewReads github, JsonNode pr, ReviewSettings settings, Optional<EmergencyOverride> override)
            throws IOException {
        String author = pr.path("user").path("login").asText();
        String head = pr.path("head").path("sha").asText();
        List<Review> reviews = github.reviews(pr.path("number").asLong());
        Set<String> writers = new HashSet<>();
        Map<String, String> trees = new HashMap<>();
        for (Review r : ReviewPolicy.standing(reviews).values()) {
            boolean counts = !r.bot() && !r.login().equalsIgnoreCase(author);
            if (counts && r.state().equals("CHANGES_REQUESTED") && github.canWrite(r.login())) {
                writers.add(r.login());
            }
            if (counts && settings.dismissStaleApprovals() && r.state().equals("APPROVED") && !r.commitId().equals(head)) {
                for (String sha : List.of(head, r.commitId())) {
                    if (!trees.containsKey(sha)) {
                        trees.put(sha, github.tree(sha).orElse(null)); // unknown tree: the stale approval simply does not count
                    }
                }
            }
        }
        return ReviewPolicy.evaluate(new ReviewPolicy.Input(author, pr.path("draft").asBoolean(false), settings.requiredApprovals(),
                settings.dismissStaleApprovals(), settings.exemptAuthors(), reviews, head, trees, writers, override));
    }
}
