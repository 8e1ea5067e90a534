package dev.releasetrain.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfig;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.Permissions;

import java.io.IOException;
import java.util.ArrayList;
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

    /** Publishes the check for the pull request's head; returns the verdict (empty when review checks are off). */
    public Optional<ReviewVerdict> run(GitHubRest rest, String repo, JsonNode pr) throws Exception {
        String head = pr.path("head").path("sha").asText();
        ConfigResult loaded = services.configs().load(rest, repo);
        if (loaded instanceof ConfigResult.Invalid invalid) {
            services.checks().publish(rest, repo, CheckRunResult.brokenConfig(CHECK, head, invalid.problem()));
            return Optional.empty();
        }
        RepoConfig config = ((ConfigResult.Valid) loaded).config();
        if (!config.bool("review.enabled")) {
            return Optional.empty();
        }
        long number = pr.path("number").asLong();
        ReviewVerdict verdict = evaluate(rest, repo, pr, config, audit.override(repo, number));
        String summary = ReviewPolicy.summary(verdict, config.string("review.emergency-label"));
        services.checks().publish(rest, repo, verdict.conclusion() == null
                ? CheckRunResult.inProgress(CHECK, head, verdict.title(), summary)
                : CheckRunResult.completed(CHECK, head, verdict.conclusion(), verdict.title(), summary));
        return Optional.of(verdict);
    }

    /** The verdict on the pull request as it stands, looking up only what its reviews make necessary. */
    public ReviewVerdict evaluate(GitHubRest rest, String repo, JsonNode pr, RepoConfig config, Optional<EmergencyOverride> override)
            throws IOException {
        String author = pr.path("user").path("login").asText();
        String head = pr.path("head").path("sha").asText();
        List<Review> reviews = reviews(rest, repo, pr.path("number").asLong());
        boolean dismissStale = config.bool("review.dismiss-stale-approvals");
        Set<String> writers = new HashSet<>();
        Map<String, String> trees = new HashMap<>();
        for (Review r : ReviewPolicy.standing(reviews).values()) {
            boolean counts = !r.bot() && !r.login().equalsIgnoreCase(author);
            if (counts && r.state().equals("CHANGES_REQUESTED") && Permissions.canWrite(rest, repo, r.login())) {
                writers.add(r.login());
            }
            if (counts && dismissStale && r.state().equals("APPROVED") && !r.commitId().equals(head)) {
                trees.computeIfAbsent(head, sha -> tree(rest, repo, sha));
                trees.computeIfAbsent(r.commitId(), sha -> tree(rest, repo, sha));
            }
        }
        return ReviewPolicy.evaluate(new ReviewPolicy.Input(author, pr.path("draft").asBoolean(false),
                config.integer("review.required-approvals"), dismissStale, new HashSet<>(config.strings("review.exempt-authors")),
                reviews, head, trees, writers, override));
    }

    private static List<Review> reviews(GitHubRest rest, String repo, long number) throws IOException {
        List<Review> out = new ArrayList<>();
        for (int page = 1; page <= 30; page++) {
            JsonNode list = rest.get("/repos/" + repo + "/pulls/" + number + "/reviews?per_page=100&page=" + page);
            for (JsonNode r : list) {
                JsonNode user = r.path("user");
                String login = user.path("login").asText();
                out.add(new Review(login, "Bot".equals(user.path("type").asText()) || login.endsWith("[bot]"),
                        r.path("state").asText().toUpperCase(java.util.Locale.ROOT), r.path("commit_id").asText()));
            }
            if (list.size() < 100) {
                break;
            }
        }
        return out;
    }

    private static String tree(GitHubRest rest, String repo, String sha) {
        try {
            return rest.get("/repos/" + repo + "/git/commits/" + sha).path("tree").path("sha").asText(null);
        } catch (IOException e) {
            return null; // unknown tree: the stale approval simply does not count
        }
    }
}
