package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.GitHubRest;

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

    /** The commits, oldest first; {@code mergeCommit} when the one commit is a merge (git cherry-pick needs -m 1). */
    public record Picks(List<String> commits, boolean mergeCommit) {
    }

    public static Picks of(GitHubRest rest, String repo, JsonNode pr) throws IOException {
        String merged = pr.path("merge_commit_sha").asText();
        JsonNode mergeCommit = rest.get("/repos/" + repo + "/git/commits/" + merged);
        if (mergeCommit.path("parents").size() > 1) {
            return new Picks(List.of(merged), true);
        }
        JsonNode prCommits = rest.get("/repos/" + repo + "/pulls/" + pr.path("number").asLong() + "/commits?per_page=100");
        int n = prCommits.size();
        if (n <= 1) {
            return new Picks(List.of(merged), false);
        }
        List<String> onBase = new ArrayList<>();
        JsonNode current = mergeCommit;
        String sha = merged;
        for (int i = n - 1; i >= 0; i--) {
            String expected = prCommits.get(i).path("commit").path("message").asText().strip();
            if (!current.path("message").asText().strip().equals(expected)) {
                return new Picks(List.of(merged), false); // not the PR's commits one by one: a squash
            }
            onBase.add(sha);
            if (i > 0) {
                sha = current.path("parents").get(0).path("sha").asText();
                current = rest.get("/repos/" + repo + "/git/commits/" + sha);
            }
        }
        Collections.reverse(onBase);
        return new Picks(onBase, false);
    }
}
