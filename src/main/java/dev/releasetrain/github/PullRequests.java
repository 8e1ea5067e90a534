package dev.releasetrain.github;

import org.kohsuke.github.GHPullRequest;

import java.io.IOException;
import java.util.List;

/** Pull requests read whole, their files, commits and reviews, and new ones opened. */
public interface PullRequests {
    /** The pull request as GitHub describes it (the same shape as a webhook's {@code pull_request}). */
    GHPullRequest pullRequest(long number) throws IOException;

    /** Its changed files, listed once per head and base however many capabilities ask. */
    List<ChangedFile> changedFiles(GHPullRequest pullRequest) throws IOException;

    /** Pull requests (open or closed) from this repository's {@code branch}. */
    List<GHPullRequest> pullRequestsFrom(String branch) throws IOException;

    /** @param draft opened as a draft: it cannot merge until someone marks it ready */
    GHPullRequest openPullRequest(String title, String head, String base, String body, boolean draft) throws IOException;

    /**
     * Turns on GitHub's auto-merge with {@code method} (MERGE, SQUASH or REBASE): GitHub merges it once the
     * repository's rules allow. Turning it on again changes nothing.
     */
    void enableAutoMerge(GHPullRequest pullRequest, String method) throws IOException;

    /** The messages of the pull request's commits, oldest first (the first 100: enough to recognise a rebase merge). */
    List<String> commitMessages(long number) throws IOException;

    /** Asks these people to review the pull request (GitHub refuses, 422, anyone who cannot be asked). */
    void requestReviewers(long number, List<String> logins) throws IOException;

    /** Every review of the pull request, oldest first. */
    List<PullRequestReview> reviews(long number) throws IOException;
}
