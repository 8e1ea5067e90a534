package dev.releasetrain.checks;

import dev.releasetrain.config.RepoSettings;
import dev.releasetrain.github.RepositoryClients;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A capability's check on a merge queue's group: GitHub waits for every required check on the group's head, so
 * without it a repository that requires the check and queues merges never merges.
 *
 * @param check   the check run's name
 * @param enabled whether the repository has the check on
 * @param judge   the group's verdict, published as the check on its head
 */
public record MergeGroupCheck(String check, Predicate<RepoSettings> enabled, Judge judge) {
    /** The pull requests in the group, listed once for every check that asks. */
    @FunctionalInterface
    public interface Members {
        List<Long> numbers() throws IOException;
    }

    @FunctionalInterface
    public interface Judge {
        CheckRunResult judge(MergeGroup group, Members members, RepoSettings settings, RepositoryClients github) throws Exception;
    }
}
