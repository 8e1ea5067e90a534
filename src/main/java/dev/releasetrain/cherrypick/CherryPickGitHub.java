package dev.releasetrain.cherrypick;

import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.History;
import dev.releasetrain.github.Issues;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.RepositoryClients;

/**
 * What the cherry-pick capability asks of GitHub: git data to pick with (and the fix's files, to draft a conflict),
 * pull requests to open, people's rights, the report.
 */
public record CherryPickGitHub(String repository, PullRequests pulls, Collaborators people, Labels labels, Comments comments, Issues issues,
                               GitData git, History history) {
    public static CherryPickGitHub of(RepositoryClients repo) {
        return new CherryPickGitHub(repo.repository(), repo.pullRequests(), repo.collaborators(), repo.labels(), repo.comments(), repo.issues(),
                repo.git(), repo.history());
    }
}
