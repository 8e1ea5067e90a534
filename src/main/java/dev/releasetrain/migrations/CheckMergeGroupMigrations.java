package dev.releasetrain.migrations;

import dev.releasetrain.App;
import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.config.MigrationSettings;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.delivery.EventContext;
import dev.releasetrain.delivery.EventHandler;
import dev.releasetrain.delivery.WebhookEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code release-train/migrations} on a merge queue's group: it fails when any pull request in the group has a
 * migration verdict that did not pass (judged on the pull request itself), and passes otherwise.
 */
public final class CheckMergeGroupMigrations implements EventHandler {
    private final App.Services services;
    private final MigrationHeads heads;

    public CheckMergeGroupMigrations(App.Services services) {
        this.services = services;
        this.heads = new MigrationHeads(services.db());
    }

    @Override
    public String name() {
        return "migrations-merge-group";
    }

    @Override
    public boolean handles(WebhookEvent e) {
        return e.mergeGroupChecksRequested();
    }

    @Override
    public void handle(EventContext ctx) throws Exception {
        String head = ctx.event().mergeGroupHead();
        Optional<MigrationSettings> settings = ctx.settingsForCheck(CheckMigrations.CHECK, head).map(RepoSettings::migrations)
                .filter(MigrationSettings::enabled);
        if (settings.isEmpty()) {
            return;
        }
        MigrationsGitHub github = ctx.github();
        List<Long> prs = github.pullRequestsIn(ctx.event().mergeGroupBase(), head);
        Map<Long, String> notSafe = heads.notSafe(ctx.repository());
        List<String> failing = prs.stream().filter(notSafe::containsKey).map(n -> "#" + n + " (" + notSafe.get(n) + ")").toList();
        services.checks().publish(github, CheckRunResult.completed(CheckMigrations.CHECK, head, failing.isEmpty() ? "success" : "failure",
                failing.isEmpty() ? "No pull request in the group has unsafe migrations" : "Migrations not known to be safe: " + String.join(", ", failing),
                "Each pull request's migrations are judged on the pull request; the group fails while any of "
                        + prs.stream().map(n -> "#" + n).toList() + " has a verdict that did not pass."));
    }
}
