package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.CherryPickSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fixes reach a release branch by cherry-pick: a merged pull request labelled {@code release-X.Y.Z} (at merge or
 * after), or {@code /cherry-pick release-X.Y.Z} on it (remembered on an open one until it merges), is picked onto
 * each target by someone with write permission's say-so (see {@link PickIntoReleaseBranches}).
 */
public final class CherryPickLabelledPullRequest implements EventHandler {
    private final CherryPickRecords records;
    private final PickIntoReleaseBranches picks;

    public CherryPickLabelledPullRequest(App.Services services) {
        this.records = new CherryPickRecords(services.db());
        this.picks = new PickIntoReleaseBranches(records);
    }

    @Override
    public String name() {
        return "cherry-pick";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.sentByBot()) {
            return false;
        }
        return switch (e.event()) {
            case "pull_request" -> ("closed".equals(e.action()) || "labeled".equals(e.action()))
                    && e.payload().path("pull_request").path("merged").asBoolean(false);
            case "issue_comment" -> e.newPullRequestComment() && CherryPickCommand.targets(e.payload().path("comment").path("body").asText()) != null;
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        Optional<RepoSettings> found = ctx.settings();
        if (found.isEmpty() || !found.get().cherryPick().enabled()) {
            return;
        }
        CherryPickSettings settings = found.get().cherryPick();
        if (ctx.event().event().equals("pull_request")) {
            onPullRequest(ctx, settings);
        } else {
            onCommand(ctx, settings);
        }
    }

    private void onPullRequest(EventContext ctx, CherryPickSettings settings) throws Exception {
        WebhookEvent e = ctx.event();
        CherryPickGitHub github = ctx.github();
        JsonNode pr = e.payload().path("pull_request");
        long number = pr.path("number").asLong();
        Set<String> targets = new LinkedHashSet<>();
        if (e.action().equals("closed")) {
            // labels present at merge count on the merger's authority: merging took write permission
            pr.path("labels").forEach(l -> PickTargets.of(settings, l.path("name").asText()).ifPresent(targets::add));
            records.of(ctx.repository(), number).stream().filter(r -> r.state().equals("requested")).forEach(r -> targets.add(r.target()));
        } else {
            Optional<String> target = PickTargets.of(settings, e.payload().path("label").path("name").asText());
            if (target.isEmpty()) {
                return;
            }
            if (!github.canWrite(e.sender())) {
                records.put(ctx.repository(), number, new CherryPickRecords.Row(target.get(), "refused",
                        "@" + e.sender() + " added the label but has no write permission; someone who can write must add it", null, e.sender()));
                picks.report(github, number);
                return;
            }
            targets.add(target.get());
        }
        picks.pickAll(github, pr, targets, settings);
    }

    private void onCommand(EventContext ctx, CherryPickSettings settings) throws Exception {
        WebhookEvent e = ctx.event();
        CherryPickGitHub github = ctx.github();
        String actor = e.sender();
        long number = e.payload().path("issue").path("number").asLong();
        String body = e.payload().path("comment").path("body").asText();
        List<String> named = CherryPickCommand.targets(body);
        if (named.isEmpty() || !named.stream().allMatch(CherryPickCommand::validBranch)) {
            String line = body.lines().map(String::strip).filter(l -> l.startsWith("/cherry-pick") || l.startsWith("/backport")).findFirst().orElse("");
            github.upsertComment(number, PickReport.MARKER + "-usage", PickReport.MARKER + "-usage\n> " + line
                    + "\n\nUsage: `/cherry-pick release-X.Y.Z [more release branches]` (or `/backport …`), naming existing branches.");
            return;
        }
        if (!github.canWrite(actor)) {
            record(ctx, number, named, "refused", "@" + actor + " asked, but only people with write permission can request a cherry-pick", actor);
            picks.report(github, number);
            return;
        }
        JsonNode pr = github.pullRequest(number);
        if (pr.path("merged").asBoolean(false)) {
            picks.pickAll(github, pr, new LinkedHashSet<>(named), settings);
            return;
        }
        if ("open".equals(pr.path("state").asText())) {
            record(ctx, number, named, "requested", "will be picked when this pull request merges", actor);
        } else {
            record(ctx, number, named, "failed", "this pull request was closed without merging", actor);
        }
        picks.report(github, number);
    }

    private void record(EventContext ctx, long number, List<String> targets, String state, String detail, String actor) throws Exception {
        for (String t : targets) {
            records.put(ctx.repository(), number, new CherryPickRecords.Row(t, state, detail, null, actor));
        }
    }
}
