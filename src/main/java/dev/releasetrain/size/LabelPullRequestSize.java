package dev.releasetrain.size;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.config.SizeSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Size hints on every pull request: the check run {@code release-train/size}, exactly one {@code size/*} label, and
 * from {@code size.comment-from} on a sticky comment suggesting a split or a feature flag. Calls per push: the file
 * pages, two conditional reads (config, .gitattributes; 304 while unchanged), the check run, and label or comment
 * calls only when something changed.
 */
public final class LabelPullRequestSize implements EventHandler {
    public static final String CHECK = "release-train/size";
    public static final String MARKER = "<!-- release-train:size -->";
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
        return switch (e.event()) {
            // a label event matters only for the hint's off switch; the bot's own size labels must not loop back
            case "pull_request" -> e.pullRequestToCheck() || (("labeled".equals(e.action()) || "unlabeled".equals(e.action()))
                    && !SizeBuckets.isBucketLabel(e.payload().path("label").path("name").asText()));
            case "check_run" -> e.rerunOf(CHECK);
            case "merge_group" -> e.mergeGroupChecksRequested();
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        SizeGitHub github = ctx.github();
        if (e.mergeGroupChecksRequested()) { // a merge queue waits for every required check, this one too
            String head = e.mergeGroupHead();
            if (ctx.settingsForCheck(CHECK, head).map(RepoSettings::size).filter(SizeSettings::enabled).isPresent()) {
                services.checks().publish(github, CheckRunResult.completed(CHECK, head, "neutral", "Size is a pull request's, not a merge group's",
                        "Each pull request in the group was sized on its own; a merge group is not judged by size."));
            }
            return;
        }
        JsonNode prs = e.payload().path("check_run").path("pull_requests");
        JsonNode pr = e.event().equals("pull_request") ? e.payload().path("pull_request")
                : prs.isArray() && !prs.isEmpty() ? github.pullRequest(prs.get(0).path("number").asLong()) : null;
        if (pr == null || !"open".equals(pr.path("state").asText())) {
            return;
        }
        long number = pr.path("number").asLong();
        String head = pr.path("head").path("sha").asText();
        Optional<SizeSettings> found = ctx.settingsForCheck(CHECK, head).map(RepoSettings::size).filter(SizeSettings::enabled);
        if (found.isEmpty()) {
            return;
        }
        SizeSettings settings = found.get();
        SizeBuckets buckets = SizeBuckets.from(settings);
        String gitattributes = github.readFile(".gitattributes", pr.path("base").path("ref").asText()).text().orElse("");
        ExcludedFiles exclusions = ExcludedFiles.of(gitattributes, settings.exclude());
        SizeMeasure measure = SizeMeasure.of(github.changedFiles(pr), pr.path("changed_files").asInt(), exclusions, buckets);

        List<String> labels = new ArrayList<>();
        pr.path("labels").forEach(l -> labels.add(l.path("name").asText()));
        SizeVerdict verdict = SizeVerdict.of(measure.bucket(), labels, settings, buckets);
        if (verdict.addLabel()) {
            github.ensureLabel(measure.bucket(), COLOURS.getOrDefault(measure.bucket(), "ededed"), "Pull request size, set by Release Train");
            github.addLabels(number, List.of(measure.bucket()));
        }
        for (String label : verdict.removeLabels()) {
            github.removeLabel(number, label);
        }
        if (verdict.hint()) {
            github.upsertComment(number, MARKER, SizeReport.comment(measure, MARKER));
        } else if ("opened".equals(e.action()) && e.attempt() == 1) {
            github.noCommentYet(number, MARKER); // a pull request just opened carries no hint of ours (a retry looks, as ever)
        } else {
            github.removeComment(number, MARKER);
        }
        services.checks().publish(github, CheckRunResult.completed(CHECK, head, verdict.fail() ? "failure" : "neutral",
                SizeReport.title(measure), SizeReport.summary(measure)
                        + (verdict.fail() ? "\nThis repository fails the check from `" + settings.failFrom() + "` on (`size.fail-from`).\n" : "")));
    }
}
