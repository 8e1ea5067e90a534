package dev.releasetrain.cherrypick;

import com.fasterxml.jackson.databind.JsonNode;
import dev.releasetrain.github.GitHubApiException;
import dev.releasetrain.github.GitHubRest;
import dev.releasetrain.github.Paths;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Cherry-picks through GitHub's REST API, without a clone. For each commit C (parent P) onto the target head T:
 * a "sibling" commit S with T's tree and parent P goes on a temporary branch; GitHub merges C into it (a three-way
 * merge with base P, which is exactly T + (C − P)); a new commit with the merged tree and parent T becomes the new
 * head. Author and committer are left to GitHub, so the commit is signed; the original author is credited with
 * Co-authored-by. The temporary branch is removed however it ends.
 */
public final class GitHubCherryPick {
    private final GitHubRest rest;
    private final String repo;

    public GitHubCherryPick(GitHubRest rest, String repo) {
        this.rest = rest;
        this.repo = repo;
    }

    /** @param commits oldest first; a merge commit is picked relative to its first parent */
    public PickResult pick(List<String> commits, String target, String tempBranch) throws IOException {
        GitHubRest.Reply targetRef = rest.call("GET", "/repos/" + repo + "/git/ref/heads/" + Paths.segment(target), null, Map.of());
        if (targetRef.status() == 404) {
            return new PickResult.MissingTarget();
        }
        if (!targetRef.ok()) {
            throw new GitHubApiException(targetRef.status(), "reading " + target + " answered " + targetRef.status());
        }
        String targetHead = targetRef.body().path("object").path("sha").asText();
        String head = targetHead;
        String headTree = commit(head).path("tree").path("sha").asText();
        String temp = "refs/heads/" + tempBranch;
        // a leftover from an attempt that crashed: start clean
        rest.call("DELETE", "/repos/" + repo + "/git/" + temp, null, Map.of());
        rest.expect("POST", "/repos/" + repo + "/git/refs", Map.of("ref", temp, "sha", head));
        try {
            int picked = 0;
            for (String sha : commits) {
                JsonNode c = commit(sha);
                String parent = c.path("parents").get(0).path("sha").asText();
                String sibling = rest.expect("POST", "/repos/" + repo + "/git/commits", Map.of("message", "release-train: sibling of " + sha,
                        "tree", headTree, "parents", List.of(parent))).path("sha").asText();
                rest.expect("PATCH", "/repos/" + repo + "/git/" + temp, Map.of("sha", sibling, "force", true));
                GitHubRest.Reply merged = rest.call("POST", "/repos/" + repo + "/merges",
                        Map.of("base", tempBranch, "head", sha, "commit_message", "release-train: pick " + sha), Map.of());
                if (merged.status() == 409) {
                    return new PickResult.Conflict(sha);
                }
                if (merged.status() == 204) {
                    continue; // already contained: nothing of it to pick
                }
                if (!merged.ok()) {
                    throw new GitHubApiException(merged.status(), "merging " + sha + " answered " + merged.status());
                }
                String tree = merged.body().path("commit").path("tree").path("sha").asText();
                if (tree.equals(headTree)) {
                    continue; // its change is on the target already
                }
                head = rest.expect("POST", "/repos/" + repo + "/git/commits", Map.of("message", message(sha, c),
                        "tree", tree, "parents", List.of(head))).path("sha").asText();
                headTree = tree;
                picked++;
            }
            return picked == 0 ? new PickResult.AlreadyThere() : new PickResult.Picked(head, picked);
        } finally {
            rest.call("DELETE", "/repos/" + repo + "/git/" + temp, null, Map.of());
        }
    }

    private JsonNode commit(String sha) throws IOException {
        return rest.get("/repos/" + repo + "/git/commits/" + sha);
    }

    /** The original message, the -x line git writes, and the original author credited. */
    static String message(String sha, JsonNode commit) {
        String original = commit.path("message").asText().strip();
        JsonNode author = commit.path("author");
        String credit = author.hasNonNull("name") && author.hasNonNull("email")
                ? "\n\nCo-authored-by: " + author.path("name").asText() + " <" + author.path("email").asText() + ">" : "";
        return original + "\n\n(cherry picked from commit " + sha + ")" + credit;
    }
}
