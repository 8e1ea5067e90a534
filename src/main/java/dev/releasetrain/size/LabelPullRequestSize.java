package dev.releasetrain.size;


import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfig;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.review.EnforceReviewBeforeMerge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Size hints on every pull request: the check run {@code release-train/size}, exactly one {@code size/*} label, and
 * from {@code size.comment-from} on a sticky comment suggesting a split or a feature flag. Calls per push: the file
 * pages, two conditional reads (config, .gitattributes; 304 while unchanged), the check run, and label or comment
 * calls only when something changed.
 */
public final class LabelPullRequestSize implements EventHandler {
    public static final String CHECK = "release-train/size";
    public static final String MARKER = "<!-- release-train:size -->";
    private static final Set<String> PR_ACTIONS = Set.of("opened", "reopened", "synchronize", "ready_for_review");
    private static final Map<String, String> COLOURS = Map.of("size/XS", "3cbf00", "size/S", "5d9801", "size/M", "7f7203",
            "size/L", "a14c05", "size/XL", "c32607", "size/XXL", "e50009");

    private final App.Services services;

    public LabelPullRequestSize(App.Services services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "size";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.installationId() == null) {
            return false;
        }
        return switch (e.event()) {
            // a label event matters only for the hint's off switch; the bot's own size labels must not loop back
            case "pull_request" -> PR_ACTIONS.contains(e.action()) || EnforceReviewBeforeMerge.baseChanged(e)
                    || (("labeled".equals(e.action()) || "unlabeled".equals(e.action()))
                    && !SizeBuckets.isBucketLabel(e.payload().path("label").path("name").asText()));
            case "check_run" -> "rerequested".equals(e.action()) && CHECK.equals(e.payload().path("check_run").path("name").asText());
            default -> false;
        };
    }

    @Override
    public void handle(WebhookEvent e) throws Exception {
        GitHubRest rest = services.github().installation(e.installationId()).rest();
        String repo = e.repository();
        JsonNode pr = e.event().equals("pull_request") ? e.payload().path("pull_request") : fetchPullRequest(rest, repo, e.payload());
        if (pr == null || !"open".equals(pr.path("state").asText())) {
            return;
        }
        long number = pr.path("number").asLong();
        String head = pr.path("head").path("sha").asText();
        ConfigResult loaded = services.configs().load(rest, repo);
        if (loaded instanceof ConfigResult.Invalid invalid) {
            services.checks().publish(rest, repo, CheckRunResult.brokenConfig(CHECK, head, invalid.problem()));
            return;
        }
        RepoConfig config = ((ConfigResult.Valid) loaded).config();
        if (!config.bool("size.enabled")) {
            return;
        }
        SizeBuckets buckets = SizeBuckets.from(config);
        String gitattributes = services.files().read(rest, repo, ".gitattributes", pr.path("base").path("ref").asText()).text().orElse("");
        ExcludedFiles exclusions = ExcludedFiles.of(gitattributes, config.strings("size.exclude"));
        int totalFiles = pr.path("changed_files").asInt();
        SizeMeasure measure = SizeMeasure.of(services.pullRequestFiles().list(rest, repo, pr), totalFiles, exclusions, buckets);

        List<String> labels = new ArrayList<>();
        pr.path("labels").forEach(l -> labels.add(l.path("name").asText()));
        applyLabel(rest, repo, number, labels, measure.bucket(), buckets);

        String commentFrom = config.string("size.comment-from");
        boolean hint = buckets.rank(commentFrom) >= 0 && buckets.rank(measure.bucket()) >= buckets.rank(commentFrom)
                && !labels.contains(config.string("size.skip-label"));
        if (hint) {
            services.comments().upsert(rest, repo, number, MARKER, SizeReport.comment(measure, MARKER));
        } else {
            services.comments().remove(rest, repo, number, MARKER);
        }

        String failFrom = config.string("size.fail-from");
        boolean fail = !failFrom.isEmpty() && buckets.rank(failFrom) >= 0 && buckets.rank(measure.bucket()) >= buckets.rank(failFrom);
        services.checks().publish(rest, repo, CheckRunResult.completed(CHECK, head, fail ? "failure" : "neutral",
                SizeReport.title(measure), SizeReport.summary(measure)
                        + (fail ? "\nThis repository fails the check from `" + failFrom + "` on (`size.fail-from`).\n" : "")));
    }

    /** Exactly one size label: the right one added (created with its colour if new), any other removed. */
    private void applyLabel(GitHubRest rest, String repo, long number, List<String> current, String wanted, SizeBuckets buckets) throws Exception {
        if (!current.contains(wanted)) {
            services.labels().ensureExists(rest, repo, wanted, COLOURS.getOrDefault(wanted, "ededed"), "Pull request size, set by Release Train");
            services.labels().add(rest, repo, number, List.of(wanted));
        }
        for (String label : current) {
            if (!label.equals(wanted) && buckets.rank(label) >= 0) {
                services.labels().remove(rest, repo, number, label);
            }
        }
    }

    private static JsonNode fetchPullRequest(GitHubRest rest, String repo, JsonNode payload) throws Exception {
        JsonNode prs = payload.path("check_run").path("pull_requests");
        if (!prs.isArray() || prs.isEmpty()) {
            return null;
        }
        return rest.get("/repos/" + repo + "/pulls/" + prs.get(0).path("number").asLong());
    }
}
