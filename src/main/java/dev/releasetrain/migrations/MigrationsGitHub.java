package dev.releasetrain.migrations;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.RepositoryClients;

/** What the migrations capability asks of GitHub: the pull request's files, their text at its head, and the check. */
public record MigrationsGitHub(String repository, PullRequests pulls, Contents contents, CheckRuns checks) {
    public static MigrationsGitHub of(RepositoryClients repo) {
        return new MigrationsGitHub(repo.repository(), repo.pullRequests(), repo.contents(), repo.checkRuns());
    }
}
