package dev.releasetrain.migrations;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.MergeGroups;
import dev.releasetrain.github.PullRequests;

/** What the migrations capability asks of GitHub: the pull request's files, their text at its head, and the check. */
public interface MigrationsGitHub extends PullRequests, Contents, CheckRuns, MergeGroups {
}
