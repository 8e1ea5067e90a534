package dev.releasetrain.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.List;

/** Pull requests read whole, and the files they change. */
public interface PullRequests {
    /** The pull request as GitHub describes it (the same shape as a webhook's {@code pull_request}). */
    JsonNode pullRequest(long number) throws IOException;

    /** Its changed files, listed once per head and base however many capabilities ask. */
    List<ChangedFile> changedFiles(JsonNode pullRequest) throws IOException;

    /** Pull requests (open or closed) from this repository's {@code branch}. */
    List<JsonNode> pullRequestsFrom(String branch) throws IOException;

    JsonNode openPullRequest(String title, String head, String base, String body) throws IOException;
}
