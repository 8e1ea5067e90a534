package dev.releasetrain.size;

import dev.releasetrain.github.CheckRuns;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.Contents;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;
import dev.releasetrain.github.RepositoryClients;

/** What the size capability asks of GitHub: the pull request's files, .gitattributes, its label, hint and check. */
public record SizeGitHub(PullRequests pulls, Contents contents, Labels labels, Comments comments, CheckRuns checks) {
    public static SizeGitHub of(RepositoryClients repo) {
        return new SizeGitHub(repo.pullRequests(), repo.contents(), repo.labels(), repo.comments(), repo.checkRuns());
    }
}
