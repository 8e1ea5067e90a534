package dev.releasetrain.github;

/**
 * One repository through one installation, resource by resource. Each capability takes the resources it names in its
 * own small GitHub record; nothing here knows the capabilities.
 */
public record RepositoryClients(String repository, PullRequests pullRequests, Issues issues, Labels labels, Comments comments,
                                Contents contents, GitData git, CheckRuns checkRuns, History history, MergeGroups mergeGroups,
                                Collaborators collaborators, Releases releases) {

    /** What outlives one delivery: caches of files and labels, and the store of the bot's comments. */
    public record Shared(RepoFiles files, PullRequestFiles pullRequestFiles, IssueLabels labels, StickyComments comments) {
    }

    static RepositoryClients of(GitHubRest rest, String repository, Shared shared) {
        IssuesClient issues = new IssuesClient(rest, repository, shared.labels(), shared.comments());
        HistoryClient history = new HistoryClient(rest, repository);
        return new RepositoryClients(repository, new PullRequestsClient(rest, repository, shared.pullRequestFiles()), issues, issues, issues,
                new ContentsClient(rest, repository, shared.files()), new GitDataClient(rest, repository), new CheckRunsClient(rest, repository),
                history, history, new CollaboratorsClient(rest, repository), new ReleasesClient(rest, repository));
    }
}
