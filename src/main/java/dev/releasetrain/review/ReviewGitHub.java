package dev.releasetrain.review;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.RepositoryClients;

/**
 * What the review capability asks of GitHub: reviews, people's rights and (only for stale approvals) commits' trees;
 * the pull request's check, label and comments.
 */
public record ReviewGitHub(String repository, PullRequests pulls, Collaborators people, GitData git, Labels labels, Comments comments,
                           CheckRuns checks) {
    public static ReviewGitHub of(RepositoryClients repo) {
        return new ReviewGitHub(repo.repository(), repo.pullRequests(), repo.collaborators(), repo.git(), repo.labels(), repo.comments(),
                repo.checkRuns());
    }
}
