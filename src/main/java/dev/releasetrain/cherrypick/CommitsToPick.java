package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What to pick follows how the pull request was merged: a merge commit → that commit (its change against the
 * first parent); a squash or a one-commit rebase → the one commit on the base; a rebase of N commits → those N
 * commits, recognised by walking back from the merge SHA and matching the pull request's commit messages.
 */
public final class CommitsToPick {
    private CommitsToPick() {
    }

    /** Reads a commit as the git data API shows it. */
    @FunctionalInterface
    interface CommitReader {
        JsonNode commit(String sha) throws IOException;
    }

    /** The commits, oldest first; {@code mergeCommit} when the one commit is a merge (git cherry-pick needs -m 1). */
    public record Picks(List<String> commits, boolean mergeCommit) {
    }

    public static Picks of(CherryPickGitHub github, JsonNode pr) throws IOException {
        String merged = pr.path("merge_commit_sha").asText();
        JsonNode mergeCommit = github.commit(merged);
        if (mergeCommit.path("parents").size() > 1) {
            return new Picks(List.of(merged), true);
        }
        List<String> messages = new ArrayList<>();
        github.pullRequestCommits(pr.path("number").asLong()).forEach(c -> messages.add(c.path("commit").path("message").asText()));
        return onBase(github::commit, merged, mergeCommit, messages);
    }

    /**
     * Walks back from the merged commit as long as the messages match the pull request's, newest first: all of them
     * matching is a rebase merge (those commits), anything else a squash (the one commit).
     *
     * @param messages the pull request's commit messages, oldest first
     */
    static Picks onBase(CommitReader git, String merged, JsonNode mergedCommit, List<String> messages) throws IOException {
        int n = messages.size();
        if (n <= 1) {
            return new Picks(List.of(merged), false);
        }
        List<String> onBase = new ArrayList<>();
        JsonNode current = mergedCommit;
        String sha = merged;
        for (int i = n - 1; i >= 0; i--) {
            if (!current.path("message").asText().strip().equals(messages.get(i).strip())) {
                return new Picks(List.of(merged), false); // not the PR's commits one by one: a squash
            }
            onBase.add(sha);
            if (i > 0) {
                sha = current.path("parents").get(0).path("sha").asText();
                current = git.commit(sha);
            }
        }
        Collections.reverse(onBase);
        return new Picks(onBase, false);
    }
}
