package dev.releasetrain.migrations;

import dev.releasetrain.checks.CheckRunResult;
import dev.releasetrain.checks.MergeGroup;
import dev.releasetrain.checks.MergeGroupCheck;
import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.github.RepositoryClients;

import java.util.List;
import java.util.Map;

/**
 * {@code release-train/migrations} on a merge queue's group: it fails when any pull request in the group has a
 * migration verdict that did not pass (judged on the pull request itself), and passes otherwise.
 */
public record CheckMergeGroupMigrations(MigrationVerdicts verdicts) {
    /** The check on a merge queue's group. */
    public MergeGroupCheck onMergeGroups() {
        return new MergeGroupCheck(CheckMigrations.CHECK, s -> s.migrations().enabled(), this::judge);
    }

    private CheckRunResult judge(MergeGroup group, MergeGroupCheck.Members members, RepoSettings settings, RepositoryClients github) throws Exception {
        List<Long> prs = members.numbers();
        Map<Long, String> notSafe = verdicts.notSafe(github.repository());
        List<String> failing = prs.stream().filter(notSafe::containsKey).map(n -> "#" + n + " (" + notSafe.get(n) + ")").toList();
        return CheckRunResult.completed(CheckMigrations.CHECK, group.headSha(), failing.isEmpty() ? "success" : "failure",
                failing.isEmpty() ? "No pull request in the group has unsafe migrations" : "Migrations not known to be safe: " + String.join(", ", failing),
                "Each pull request's migrations are judged on the pull request; the group fails while any of "
                        + prs.stream().map(n -> "#" + n).toList() + " has a verdict that did not pass.");
    }
}
