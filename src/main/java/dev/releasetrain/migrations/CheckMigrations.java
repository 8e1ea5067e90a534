package dev.releasetrain.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.Glob;
import dev.releasetrain.config.MigrationSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.FollowUps;
import dev.releasetrain.delivery.WebhookEvent;
import dev.releasetrain.github.ChangedFile;
import dev.releasetrain.github.GitHubApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check run {@code release-train/migrations}: the pull request's migration files go to the migration status
 * API when the server has one (else to the built-in checker), and its answer becomes the check. While the API says
 * "pending", a follow-up delivery waits in the store (not a sleeping thread, so it survives a restart) and asks
 * again; a push to the pull request supersedes the wait for the older head.
 */
public final class CheckMigrations implements EventHandler {
    public static final String CHECK = "release-train/migrations";
    /** The follow-up the bot schedules for itself; GitHub never sends this event. */
    public static final String POLL_EVENT = "release_train.migration_poll";
    private static final int MAX_CONTENT = 256 * 1024;
    private static final int MAX_API_FAILURES = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final App.Services services;
    private final MigrationHeads heads;

    public CheckMigrations(App.Services services) {
        this.services = services;
        this.heads = new MigrationHeads(services.db());
    }

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        return switch (e.event()) {
            case "pull_request" -> e.pullRequestToCheck();
            case "check_run" -> e.rerunOf(CHECK);
            case POLL_EVENT -> true;
            default -> false;
        };
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        WebhookEvent e = ctx.event();
        MigrationsGitHub github = ctx.github();
        String repo = ctx.repository();
        if (e.event().equals(POLL_EVENT)) {
            poll(github, (ObjectNode) e.payload());
            return;
        }
        JsonNode prs = e.payload().path("check_run").path("pull_requests");
        JsonNode pr = e.event().equals("pull_request") ? e.payload().path("pull_request")
                : prs.isArray() && !prs.isEmpty() ? github.pullRequest(prs.get(0).path("number").asLong()) : null;
        if (pr == null && e.event().equals("check_run")) {
            // GitHub lists no pull request on the check run of a merged one; the head it was checked at says which
            Optional<Long> checked = heads.numberAt(repo, e.payload().path("check_run").path("head_sha").asText());
            pr = checked.isPresent() ? github.pullRequest(checked.get()) : null;
        }
        // an open pull request; or a merged one whose check someone re-runs (its verdict still matters to the release)
        if (pr == null || !("open".equals(pr.path("state").asText()) || e.event().equals("check_run") && pr.path("merged").asBoolean(false))) {
            return;
        }
        String head = pr.path("head").path("sha").asText();
        long number = pr.path("number").asLong();
        Optional<MigrationSettings> found = ctx.settingsForCheck(CHECK, head).map(RepoSettings::migrations).filter(MigrationSettings::enabled);
        if (found.isEmpty()) {
            return;
        }
        MigrationSettings settings = found.get();
        List<Glob> globs = settings.globs();
        List<ChangedFile> changed = github.changedFiles(pr);
        List<ChangedFile> migrations = changed.stream().filter(f -> globs.stream().anyMatch(g -> g.matches(f.path()))).toList();
        heads.record(repo, number, head);
        if (migrations.isEmpty()) {
            conclude(github, CheckRunResult.completed(CHECK, head, "success", "No migrations",
                    "This pull request changes no file under `migrations.paths` (" + String.join(", ", settings.paths()) + ")."));
            return;
        }
        List<MigrationFile> files = new ArrayList<>();
        List<Finding> unreadable = new ArrayList<>();
        for (ChangedFile f : migrations) {
            Optional<String> content = Optional.of("");
            String why = "GitHub has no such file at " + head.substring(0, Math.min(7, head.length()));
            if (!f.status().equals("removed")) {
                try {
                    content = github.readFile(f.path(), head).text();
                } catch (GitHubApiException refused) {
                    content = Optional.empty();
                    why = refused.getMessage();
                }
            }
            if (content.isEmpty()) { // what cannot be checked is never reported as passing
                unreadable.add(new Finding(f.path(), 1, Finding.FAILURE, f.path() + " could not be read (" + why + "), so it is not known to be safe"));
            } else {
                files.add(new MigrationFile(f.path(), f.status(), content.get()));
            }
        }
        if (!unreadable.isEmpty()) {
            publish(github, head, new MigrationVerdict(MigrationVerdict.FAILURE, unreadable.size() + " migration file(s) could not be read",
                    null, unreadable));
            return;
        }
        boolean contract = false;
        for (JsonNode l : pr.path("labels")) {
            contract |= l.path("name").asText().equals(settings.contractLabel());
        }
        if (services.settings().migrationStatusApiUrl().isEmpty()) {
            List<String> others = changed.stream().filter(f -> !migrations.contains(f)).map(ChangedFile::path).toList();
            EarlierMigrations earlier = new EarlierMigrationsOnGitHub(github, pr.path("base").path("ref").asText(null));
            publish(github, head, new BuiltInMigrationChecker(settings.engine(), earlier).check(files, contract, others));
            return;
        }
        ObjectNode poll = FollowUps.payload("poll", e.installationId(), repo);
        poll.put("number", number).put("head_sha", head).put("started_at", System.currentTimeMillis()).put("attempt", 0).put("failures", 0)
                .put("timeout_ms", settings.timeoutMinutes() * 60_000L);
        poll.set("request", request(repo, number, head, pr.path("base").path("ref").asText(), files));
        services.checks().publish(github, CheckRunResult.inProgress(CHECK, head, "Asking the migration status API",
                files.size() + " migration file(s) sent for a verdict."));
        ask(github, poll);
    }

    private static ObjectNode request(String repo, long number, String head, String baseRef, List<MigrationFile> files) {
        ObjectNode body = JSON.createObjectNode();
        body.put("repository", repo).put("pull_request", number).put("head_sha", head).put("base_ref", baseRef);
        ArrayNode list = body.putArray("migrations");
        for (MigrationFile f : files) {
            boolean cut = f.content().length() > MAX_CONTENT;
            ObjectNode m = list.addObject().put("path", f.path()).put("status", f.status())
                    .put("content", cut ? f.content().substring(0, MAX_CONTENT) : f.content());
            if (cut) {
                m.put("truncated", true).put("note", "content cut at " + MAX_CONTENT + " characters of " + f.content().length());
            }
        }
        return body;
    }

    /** A follow-up came due: unless a newer push superseded it or time ran out, ask the API again. */
    private void poll(MigrationsGitHub github, ObjectNode poll) throws Exception {
        String repo = github.repository();
        long number = poll.path("number").asLong();
        String head = poll.path("head_sha").asText();
        if (!heads.latest(repo, number).map(head::equals).orElse(false)) {
            services.checks().publish(github, CheckRunResult.completed(CHECK, head, "cancelled", "Superseded by a newer push",
                    "The migrations were checked again for the pull request's newer head."));
            return;
        }
        if (System.currentTimeMillis() - poll.path("started_at").asLong() > poll.path("timeout_ms").asLong()) {
            conclude(github, CheckRunResult.completed(CHECK, head, "timed_out",
                    "The migration status API gave no verdict in time", "It kept answering \"pending\" for longer than "
                            + poll.path("timeout_ms").asLong() / 60_000 + " minute(s) (`migrations.timeout-minutes`). Re-run the check to ask again."));
            return;
        }
        ask(github, poll);
    }

    private void ask(MigrationsGitHub github, ObjectNode poll) throws Exception {
        String head = poll.path("head_sha").asText();
        MigrationStatusApi api = new MigrationStatusApi(services.settings().migrationStatusApiUrl().orElseThrow(),
                services.settings().migrationStatusApiToken());
        MigrationStatusApi.Answer answer = api.ask((ObjectNode) poll.path("request"));
        long now = System.currentTimeMillis();
        if (answer instanceof MigrationStatusApi.Decided decided) {
            publish(github, head, decided.verdict());
        } else if (answer instanceof MigrationStatusApi.Pending pending) {
            poll.put("failures", 0);
            schedule(poll, now + pending.retryAfterSeconds() * 1000);
            services.checks().publish(github, CheckRunResult.inProgress(CHECK, head, "Waiting for the migration status API",
                    "It answered pending" + (pending.summary().isEmpty() ? "" : ": " + pending.summary()) + ". Asking again in "
                            + pending.retryAfterSeconds() + " s."));
        } else {
            String why = ((MigrationStatusApi.Unreachable) answer).why();
            int failures = poll.path("failures").asInt() + 1;
            if (failures >= MAX_API_FAILURES) {
                conclude(github, CheckRunResult.completed(CHECK, head, "failure",
                        "The migration status API could not be reached", "After " + failures + " tries the migration status API "
                                + "gave no answer (" + why + "). The migrations are not known to be safe; re-run the check once it is back."));
                return;
            }
            poll.put("failures", failures);
            schedule(poll, now + services.settings().retryBaseMillis() * (1L << failures));
        }
    }

    private void schedule(ObjectNode poll, long at) throws Exception {
        int attempt = poll.path("attempt").asInt() + 1;
        poll.put("attempt", attempt);
        // a deterministic id: should this delivery run again, it schedules the same follow-up, not a second one
        String id = "migration-poll:" + poll.path("repository").path("full_name").asText() + "#" + poll.path("number").asLong()
                + "@" + poll.path("head_sha").asText() + ":" + attempt;
        services.followUps().schedule(id, POLL_EVENT, poll, at);
    }

    private void publish(MigrationsGitHub github, String head, MigrationVerdict v) throws Exception {
        StringBuilder summary = new StringBuilder(v.summary().isEmpty() ? "" : v.summary() + "\n\n");
        if (!v.findings().isEmpty()) {
            summary.append("| file | line | severity | finding |\n|---|---:|---|---|\n");
            for (Finding f : v.findings()) {
                summary.append("| `").append(f.path()).append("` | ").append(f.line()).append(" | ").append(f.severity()).append(" | ")
                        .append(f.message().replace("|", "\\|")).append(" |\n");
            }
        }
        List<CheckRunResult.Annotation> notes = v.findings().stream()
                .map(f -> new CheckRunResult.Annotation(f.path(), f.line(), f.severity(), f.message())).toList();
        String title = v.summary().isEmpty() ? (v.state().equals(MigrationVerdict.SUCCESS) ? "Migrations are safe" : "Migrations are not safe") : v.summary();
        conclude(github, CheckRunResult.completed(CHECK, head,
                v.state().equals(MigrationVerdict.SUCCESS) ? "success" : "failure", title, summary.toString()).withAnnotations(notes, v.detailsUrl()));
    }

    /** A final answer: published as the check and kept as the pull request's conclusion. */
    private void conclude(MigrationsGitHub github, CheckRunResult run) throws Exception {
        services.checks().publish(github, run);
        heads.conclude(github.repository(), run.headSha(), run.conclusion());
    }
}
