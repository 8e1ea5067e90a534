package dev.releasetrain.checks;

import dev.releasetrain.github.CheckRuns;

/** Where a capability's check results go: one check run per name and commit, created or updated. */
public interface CheckPublisher {
    void publish(CheckRuns github, CheckRunResult run) throws Exception;
}
