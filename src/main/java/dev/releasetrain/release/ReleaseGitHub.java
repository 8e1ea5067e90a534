package dev.releasetrain.release;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.History;
import dev.releasetrain.github.Issues;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.Releases;
import dev.releasetrain.github.RepositoryClients;

/** The git and release facts a release step reads, and the writes it makes, for one repository. */
public record ReleaseGitHub(String repository, GitData git, History history, PullRequests pulls, Contents contents, Issues issues,
                            Comments comments, Labels labels, Collaborators people, Releases releases, CheckRuns checks) {
    public static ReleaseGitHub of(RepositoryClients repo) {
        return new ReleaseGitHub(repo.repository(), repo.git(), repo.history(), repo.pullRequests(), repo.contents(), repo.issues(),
                repo.comments(), repo.labels(), repo.collaborators(), repo.releases(), repo.checkRuns());
    }
}
