package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.Collaborators;
import dev.releasetrain.github.Comments;
import dev.releasetrain.github.GitData;
import dev.releasetrain.github.Labels;
import dev.releasetrain.github.PullRequests;

import java.io.IOException;
import java.util.List;

/** What the cherry-pick capability asks of GitHub. */
public interface CherryPickGitHub extends PullRequests, Collaborators, Labels, Comments, GitData {
    String repository();

    /** The pull request's commits, oldest first (the first 100: enough to recognise a rebase merge). */
    JsonNode pullRequestCommits(long number) throws IOException;

    /** Assigns people to an issue or pull request; a refusal (say, a login without access) is not worth failing for. */
    void addAssignees(long issue, List<String> logins) throws IOException;
}
