package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.App;
import dev.releasetrain.config.ConfigResult;
import dev.releasetrain.config.RepoConfig;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.Paths;
import dev.releasetrain.github.Permissions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixes reach a release branch by cherry-pick: a merged pull request labelled {@code release-X.Y.Z} (at merge or
 * after), or {@code /cherry-pick release-X.Y.Z} on it (remembered on an open one until it merges), is picked onto
 * each target by someone with write permission's say-so. The result lands as a pull request into the release
 * branch (or, with {@code cherry-pick.mode: push}, on the branch itself); a conflict leaves nothing half-made but a
 * comment with the exact git commands. One report comment per pull request says where each target stands.
 */
public final class CherryPickLabelledPullRequest implements EventHandler {
    static final String MARKER = "<!-- release-train:cherry-pick -->";
    private final App.Services services;
    private final CherryPickRecords records;

    public CherryPickLabelledPullRequest(App.Services services) {
        this.services = services;
        this.records = new CherryPickRecords(services.db());
    }

    @Override
    public String name() {
        return "cherry-pick";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        if (e.installationId() == null || "Bot".equals(e.payload().path("sender").path("type").asText())) {
            return false;
        }
        JsonNode pr = e.payload().path("pull_request");
        return switch (e.event()) {
            case "pull_request" -> ("closed".equals(e.action()) || "labeled".equals(e.action())) && pr.path("merged").asBoolean(false);
            case "issue_comment" -> "created".equals(e.action()) && e.payload().path("issue").has("pull_request")
                    && CherryPickCommand.targets(e.payload().path("comment").path("body").asText()) != null;
            default -> false;
        };
    }

    @Override
    public void handle(WebhookEvent e) throws Exception {
        GitHubRest rest = services.github().installation(e.installationId()).rest();
        String repo = e.repository();
        if (!(services.configs().load(rest, repo) instanceof ConfigResult.Valid valid) || !valid.config().bool("cherry-pick.enabled")) {
            return;
        }
        RepoConfig config = valid.config();
        Pattern labelPattern = Pattern.compile(config.string("cherry-pick.label-pattern"));
        String actor = e.payload().path("sender").path("login").asText();
        if (e.event().equals("pull_request")) {
            JsonNode pr = e.payload().path("pull_request");
            long number = pr.path("number").asLong();
            Set<String> targets = new LinkedHashSet<>();
            if (e.action().equals("closed")) {
                // labels present at merge count on the merger's authority: merging took write permission
                pr.path("labels").forEach(l -> target(labelPattern, config, l.path("name").asText()).ifPresent(targets::add));
                records.of(repo, number).stream().filter(r -> r.state().equals("requested")).forEach(r -> targets.add(r.target()));
            } else {
                var target = target(labelPattern, config, e.payload().path("label").path("name").asText());
                if (target.isEmpty()) {
                    return;
                }
                if (!Permissions.canWrite(rest, repo, actor)) {
                    records.put(repo, number, new CherryPickRecords.Row(target.get(), "refused",
                            "@" + actor + " added the label but has no write permission; someone who can write must add it", null, actor));
                    report(rest, repo, number);
                    return;
                }
                targets.add(target.get());
            }
            pickAll(rest, repo, pr, targets, config);
            return;
        }
        long number = e.payload().path("issue").path("number").asLong();
        List<String> named = CherryPickCommand.targets(e.payload().path("comment").path("body").asText());
        if (named.isEmpty() || !named.stream().allMatch(CherryPickCommand::validBranch)) {
            services.comments().upsert(rest, repo, number, MARKER + "-usage", MARKER + "-usage\n> " + firstCommandLine(e)
                    + "\n\nUsage: `/cherry-pick release-X.Y.Z [more release branches]` (or `/backport …`), naming existing branches.");
            return;
        }
        if (!Permissions.canWrite(rest, repo, actor)) {
            for (String t : named) {
                records.put(repo, number, new CherryPickRecords.Row(t, "refused", "@" + actor
                        + " asked, but only people with write permission can request a cherry-pick", null, actor));
            }
            report(rest, repo, number);
            return;
        }
        JsonNode pr = rest.get("/repos/" + repo + "/pulls/" + number);
        if (pr.path("merged").asBoolean(false)) {
            pickAll(rest, repo, pr, new LinkedHashSet<>(named), config);
        } else if ("open".equals(pr.path("state").asText())) {
            for (String t : named) {
                records.put(repo, number, new CherryPickRecords.Row(t, "requested", "will be picked when this pull request merges", null, actor));
            }
            report(rest, repo, number);
        } else {
            for (String t : named) {
                records.put(repo, number, new CherryPickRecords.Row(t, "failed", "this pull request was closed without merging", null, actor));
            }
            report(rest, repo, number);
        }
    }

    private static java.util.Optional<String> target(Pattern pattern, RepoConfig config, String label) {
        Matcher m = pattern.matcher(label);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String branch = config.string("cherry-pick.target-branch");
        for (int g = m.groupCount(); g >= 1; g--) {
            branch = branch.replace("$" + g, m.group(g) == null ? "" : m.group(g));
        }
        return CherryPickCommand.validBranch(branch) ? java.util.Optional.of(branch) : java.util.Optional.empty();
    }

    private void pickAll(GitHubRest rest, String repo, JsonNode pr, Set<String> targets, RepoConfig config) throws Exception {
        if (targets.isEmpty()) {
            return;
        }
        long number = pr.path("number").asLong();
        Set<String> settled = new LinkedHashSet<>();
        boolean failedBefore = false;
        for (CherryPickRecords.Row r : records.of(repo, number)) {
            if (r.state().equals("done") || r.state().equals("already")) {
                settled.add(r.target());
            }
            failedBefore |= r.state().equals("failed");
        }
        CommitsToPick.Picks commits = null;
        boolean failed = false;
        for (String target : targets) {
            if (settled.contains(target)) {
                continue; // a repeat: the work is there and reported
            }
            if (commits == null) {
                commits = CommitsToPick.of(rest, repo, pr);
            }
            CherryPickRecords.Row row = pickOne(rest, repo, pr, commits, target, config);
            records.put(repo, number, row);
            failed |= row.state().equals("failed");
        }
        String label = config.string("cherry-pick.failed-label");
        if (failed) {
            services.labels().ensureExists(rest, repo, label, "b60205", "A cherry-pick into a release branch needs doing by hand");
            services.labels().add(rest, repo, number, List.of(label));
        } else if (failedBefore && records.of(repo, number).stream().noneMatch(r -> r.state().equals("failed"))) {
            services.labels().remove(rest, repo, number, label); // done by hand and seen: nothing is left to do
        }
        report(rest, repo, number);
    }

    private CherryPickRecords.Row pickOne(GitHubRest rest, String repo, JsonNode pr, CommitsToPick.Picks commits, String target, RepoConfig config)
            throws Exception {
        long number = pr.path("number").asLong();
        String work = "release-train/cherry-pick-" + number + "-to-" + target;
        boolean push = "push".equals(config.string("cherry-pick.mode"));
        if (!push) {
            JsonNode existing = rest.get("/repos/" + repo + "/pulls?state=all&head=" + Paths.segment(repo.split("/")[0] + ":" + work));
            if (existing.size() > 0) {
                return new CherryPickRecords.Row(target, "done", "pull request #" + existing.get(0).path("number").asLong(),
                        existing.get(0).path("html_url").asText(), null);
            }
        }
        PickResult result = new GitHubCherryPick(rest, repo).pick(commits.commits(), target, "release-train/tmp-" + number + "-to-" + target);
        if (result instanceof PickResult.MissingTarget) {
            return new CherryPickRecords.Row(target, "failed", "the branch " + target + " does not exist", null, null);
        }
        if (result instanceof PickResult.AlreadyThere) {
            return new CherryPickRecords.Row(target, "already", "already on " + target, null, null);
        }
        if (result instanceof PickResult.Conflict conflict) {
            return new CherryPickRecords.Row(target, "failed", "conflict while picking " + conflict.commit().substring(0, 7)
                    + manual(commits, target, work), null, null);
        }
        String head = ((PickResult.Picked) result).head();
        if (push) {
            rest.expect("PATCH", "/repos/" + repo + "/git/refs/heads/" + Paths.segment(target), Map.of("sha", head, "force", false));
            return new CherryPickRecords.Row(target, "done", "pushed " + head.substring(0, 7) + " to " + target, null, null);
        }
        GitHubRest.Reply created = rest.call("POST", "/repos/" + repo + "/git/refs", Map.of("ref", "refs/heads/" + work, "sha", head), Map.of());
        if (created.status() == 422) { // left by an attempt that crashed before opening the pull request
            rest.expect("PATCH", "/repos/" + repo + "/git/refs/heads/" + Paths.segment(work), Map.of("sha", head, "force", true));
        } else if (!created.ok()) {
            throw new dev.releasetrain.github.GitHubApiException(created.status(), "creating " + work + " answered " + created.status());
        }
        String title = "[" + target + "] " + pr.path("title").asText();
        JsonNode opened = rest.expect("POST", "/repos/" + repo + "/pulls", Map.of("title", title, "head", work, "base", target,
                "body", "Cherry-pick of #" + number + " (" + pr.path("html_url").asText() + ") into `" + target + "`, by Release Train."));
        long newNumber = opened.path("number").asLong();
        String author = pr.path("user").path("login").asText();
        if (!author.isEmpty()) {
            rest.call("POST", "/repos/" + repo + "/issues/" + newNumber + "/assignees", Map.of("assignees", List.of(author)), Map.of());
        }
        Pattern releaseLabel = Pattern.compile(config.string("cherry-pick.label-pattern"));
        List<String> labels = new ArrayList<>();
        pr.path("labels").forEach(l -> {
            String name = l.path("name").asText();
            if (!releaseLabel.matcher(name).matches() && !name.equals(config.string("cherry-pick.failed-label"))) {
                labels.add(name);
            }
        });
        if (!labels.isEmpty()) {
            services.labels().add(rest, repo, newNumber, labels);
        }
        return new CherryPickRecords.Row(target, "done", "pull request #" + newNumber, opened.path("html_url").asText(), null);
    }

    /** The commands to do it by hand, exactly. */
    private static String manual(CommitsToPick.Picks commits, String target, String work) {
        return "\n\n```sh\ngit fetch origin\ngit switch -c " + work + " origin/" + target + "\ngit cherry-pick -x "
                + (commits.mergeCommit() ? "-m 1 " : "") + String.join(" ", commits.commits()) + "\n# resolve the conflicts, git cherry-pick --continue\n"
                + "git push -u origin " + work + "\n```\nthen open a pull request into `" + target + "`.";
    }

    private void report(GitHubRest rest, String repo, long number) throws Exception {
        StringBuilder s = new StringBuilder(MARKER).append("\n### Cherry-picks\n\n| release branch | result |\n|---|---|\n");
        StringBuilder details = new StringBuilder();
        for (CherryPickRecords.Row r : records.of(repo, number)) {
            String detail = r.detail() == null ? "" : r.detail();
            String summary = detail.contains("```") ? detail.substring(0, detail.indexOf("\n")) : detail;
            String result = switch (r.state()) {
                case "done" -> "✅ " + (r.url() == null ? summary : "[" + summary + "](" + r.url() + ")");
                case "already" -> "✅ already on `" + r.target() + "`";
                case "requested" -> "⏳ " + summary;
                case "refused" -> "🚫 " + summary;
                default -> "❌ " + summary;
            };
            s.append("| `").append(r.target()).append("` | ").append(result).append(" |\n");
            if (detail.contains("```")) {
                details.append("\n**").append(r.target()).append("**: to do it by hand:").append(detail.substring(detail.indexOf("\n")));
            }
        }
        services.comments().upsert(rest, repo, number, MARKER, s.append(details).toString());
    }

    private static String firstCommandLine(WebhookEvent e) {
        return e.payload().path("comment").path("body").asText().lines().map(String::strip)
                .filter(l -> l.startsWith("/cherry-pick") || l.startsWith("/backport")).findFirst().orElse("");
    }
}
