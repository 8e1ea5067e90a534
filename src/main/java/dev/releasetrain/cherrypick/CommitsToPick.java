package dev.releasetrain.cherrypick;

import dev.releasetrain.github.GitCommit;
import org.kohsuke.github.GHPullRequest;

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
        GitCommit commit(String sha) throws IOException;
    }

    /** The commits, oldest first; {@code mergeCommit} when the one commit is a merge (git cherry-pick needs -m 1). */
    public record Picks(List<String> commits, boolean mergeCommit) {
    }

    public static Picks of(CherryPickGitHub github, GHPullRequest pr) throws IOException {
        String merged = pr.getMergeCommitSha();
        GitCommit mergeCommit = github.git().commit(merged);
        if (mergeCommit.merge()) {
            return new Picks(List.of(merged), true);
        }
        return onBase(github.git()::commit, merged, mergeCommit, github.pulls().commitMessages(pr.getNumber()));
    }

    /**
     * Walks back from the merged commit as long as the messages match the pull request's, newest first: all of them
     * matching is a rebase merge (those commits), anything else a squash (the one commit).
     *
     * @param messages the pull request's commit messages, oldest first
     */
    static Picks onBase(CommitReader git, String merged, GitCommit mergedCommit, List<String> messages) throws IOException {
        int n = messages.size();
        if (n <= 1) {
            return new Picks(List.of(merged), false);
        }
        List<String> onBase = new ArrayList<>();
        GitCommit current = mergedCommit;
        String sha = merged;
        for (int i = n - 1; i >= 0; i--) {
            if (!current.message().strip().equals(messages.get(i).strip())) {
                return new Picks(List.of(merged), false); // not the PR's commits one by one: a squash
            }
            onBase.add(sha);
            if (i > 0) {
                sha = current.parents().get(0);
                current = git.commit(sha);
            }
        }
        Collections.reverse(onBase);
        return new Picks(onBase, false);
    }
}
