package dev.releasetrain.checks;

import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.github.RepositoryClients;

import java.io.IOException;
import java.util.List;

/**
 * A capability's check on a merge queue's group: GitHub waits for every required check on the group's head, so
 * without it a repository that requires the check and queues merges never merges.
 */
public interface MergeGroupCheck {
    /** The pull requests in the group, listed once for every check that asks. */
    @FunctionalInterface
    interface Members {
        List<Long> numbers() throws IOException;
    }

    /** The check run's name. */
    String check();

    boolean enabled(RepoSettings settings);

    /** The group's verdict, published as the check on its head. */
    CheckRunResult judge(MergeGroup group, Members members, RepoSettings settings, RepositoryClients github) throws Exception;
}
