package dev.releasetrain.migrations;

import dev.releasetrain.checks.CheckPublisher;
import dev.releasetrain.checks.CheckRunResult;

import java.util.List;

/** A migration verdict as the check people read, and a final answer kept as the pull request's conclusion. */
public final class MigrationConclusions {
    private final CheckPublisher checks;
    private final MigrationHeads heads;

    public MigrationConclusions(CheckPublisher checks, MigrationHeads heads) {
        this.checks = checks;
        this.heads = heads;
    }

    /** A verdict with its findings as a table and as annotations on the files. */
    void publish(MigrationsGitHub github, String head, MigrationVerdict v) throws Exception {
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
        conclude(github, CheckRunResult.completed(CheckMigrations.CHECK, head,
                v.state().equals(MigrationVerdict.SUCCESS) ? "success" : "failure", title, summary.toString()).withAnnotations(notes, v.detailsUrl()));
    }

    /** A final answer: published as the check and kept as the pull request's conclusion. */
    void conclude(MigrationsGitHub github, CheckRunResult run) throws Exception {
        checks.publish(github.checks(), run);
        heads.conclude(github.repository(), run.headSha(), run.conclusion());
    }

    /** A check still waiting for its answer. */
    void waiting(MigrationsGitHub github, CheckRunResult run) throws Exception {
        checks.publish(github.checks(), run);
    }
}
